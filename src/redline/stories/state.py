"""The running state of one story: what the online clusterer keeps between runs instead of re-clustering.

The records live with the others in ``redline.records`` (the store keeps them); this name stays for readers.
"""

from __future__ import annotations

from redline.records import Member, StoryState

__all__ = ["Member", "StoryState"]
