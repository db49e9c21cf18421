"""Who acts: the event coder's bridge to the actor resolver (``redline.actors``).

``actor_context(date)`` returns the knowledge-base resolver's context for one article: ``resolve(text, start=,
end=) -> Actor | None`` and ``find(span) -> list[Actor]``. The coder depends only on that protocol, so tests and
callers may pass their own context.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from redline.actors import default_resolver
from redline.records import Actor


class ActorContext(Protocol):
    """What the coder needs from an actor resolver for one article."""

    def resolve(self, text: str, *, start: int = -1, end: int = -1) -> Actor | None: ...

    def find(self, span: Any) -> list[Actor]: ...


def actor_context(published: date | None) -> ActorContext:
    """An actor resolver for one article published on ``published`` (roles are dated).

    The resolver is :func:`redline.actors.default_resolver`, which is rebuilt when its knowledge base is (a
    changed ``$REDLINE_ACTORS``), so nothing is cached here.
    """
    return default_resolver().context(published)
