"""The progress callback every long-running library call accepts: the library reports, the faces draw bars.

Kept apart from the stage registry so that services (ingest, stories, ...) can report progress without
importing the orchestration layer.
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Progress callback: ``stage`` names the work, ``total`` announces its size, ``advance`` steps it."""

    def __call__(self, stage: str, *, advance: int = 0, total: int | None = None) -> None: ...


def no_progress(stage: str, *, advance: int = 0, total: int | None = None) -> None:
    """Default callback: report nothing."""


__all__ = ["Progress", "no_progress"]
