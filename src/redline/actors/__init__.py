"""Actor resolution: each mention becomes who it is, the role they hold on the article's date, and whom they act for.

Modules, in the order a mention goes through them: :mod:`~redline.actors.tokens` (Redline's tokens over text or a
spaCy span), :mod:`~redline.actors.matching` (lexicon phrases, unknown and fuzzy names),
:mod:`~redline.actors.grouping` (pieces into mentions), :mod:`~redline.actors.interpretation` (who and which
role on the date), :mod:`~redline.actors.mentions` (which groups in running text are actors; appositions and
shared nouns), :mod:`~redline.actors.memory` (the article's discourse memory, shared with quotes and events),
:mod:`~redline.actors.resolver` (the public :class:`ActorResolver` and :class:`ArticleContext`). Word lists and
cut-offs are in ``data/actors/``.
"""

from __future__ import annotations

from redline.actors.memory import ArticleMemory, Mention, Referent
from redline.actors.resolver import ActorResolver, ArticleContext, default_resolver, resolve_actor

__all__ = [
    "ActorResolver",
    "ArticleContext",
    "ArticleMemory",
    "Mention",
    "Referent",
    "default_resolver",
    "resolve_actor",
]
