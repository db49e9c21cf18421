"""Who is who in one article: the people and organisations named so far, and what later mentions point back to.

One object per article, the quote extractor's view of the article's discourse. It puts together
:mod:`~redline.quotes.referents` (reading named mentions), :mod:`~redline.quotes.coreference` (pronouns and
nominals) and :mod:`~redline.quotes.enrichment` (what the actor resolver knows), all over one
:class:`~redline.actors.memory.ArticleMemory`: the actor context's own when the extractor is given one, so the
actor resolver and the extractor share who has been mentioned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc, Span, Token

from redline.actors.memory import ArticleMemory, Mention, Referent
from redline.quotes.coreference import Coreference, Resolution
from redline.quotes.enrichment import Enrichment
from redline.quotes.phrases import Nominal
from redline.quotes.referents import ReferentReader
from redline.records import Actor


class Discourse:
    """The referents of one parsed article, updated sentence by sentence in reading order."""

    def __init__(self, doc: Doc, quoted: Callable[[int], bool], actors: Any = None) -> None:
        memory = getattr(actors, "memory", None)
        self.memory: ArticleMemory = memory if isinstance(memory, ArticleMemory) else ArticleMemory()
        self.enrichment = Enrichment(doc, actors, self.memory.referents)
        self.reader = ReferentReader(doc, quoted, self.memory, self.enrichment.is_state)
        self.coreference = Coreference(self.reader, self.enrichment, self.memory)

    @property
    def mentions(self) -> list[Mention]:
        return self.memory.mentions

    @property
    def referents(self) -> list[Referent]:
        return self.memory.referents

    @property
    def dated(self) -> bool:
        """Whether the actor resolver knows the article's date (so its roles are the ones held then)."""
        return self.enrichment.dated

    def observe(self, sent: Span, index: int, main_verbs: set[int]) -> None:
        """Register the named people and organisations of a sentence (outside direct quotations)."""
        self.reader.observe(sent, index, main_verbs)
        for verb in sorted(main_verbs):
            for subject in sent.doc[verb].children:
                if subject.dep_ == "nsubj" and not self.reader.quoted(subject.idx):
                    self.coreference.observe_role(subject, index)

    def resolve(self, token: Token, index: int, *, exclude: tuple[int, int] | None = None) -> Resolution:
        """The speaker a subject token stands for; ``exclude`` is the cue's reported clause (not a candidate)."""
        return self.coreference.resolve(token, index, exclude=exclude)

    def name_at(self, span: Span) -> Referent | None:
        """A name standing alone (a headline's "Lavrov:"): an entity, else a person unless it looks otherwise."""
        return self.reader.name_at(span)

    def compatible(self, referent: Referent, nominal: Nominal) -> bool:
        """Whether a person can be called by this role noun (licence, extra title words, places)."""
        return self.coreference.compatible(referent, nominal)

    def merge(self, anonymous: Referent, named: Referent) -> None:
        """The unnamed person turned out to be ``named`` (lede rule): their mentions become ``named``'s."""
        self.memory.merge(anonymous, named)

    def enrich(self, referent: Referent) -> Actor | None:
        """What the actor resolver knows of a referent (asked once per fullest mention)."""
        return self.enrichment.enrich(referent)


__all__ = ["Discourse", "Mention", "Nominal", "Referent", "Resolution"]
