"""Tokens as the actor resolver sees them: Redline's tokenizer over a mention or a spaCy span, with lexicon keys.

spaCy tokens are re-split with the knowledge base's tokenizer, so text and lexicon phrases always split alike;
what the parse says about each token (POS, dependency, head, entity type, noun chunk) is carried along.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redline.kb import KnowledgeBase, tokenize
from redline.kb.text import fold_cached


@dataclass(slots=True)
class Tok:
    """One token: its text and offsets, lexicon key, and (from spaCy) what the parse says about it."""

    text: str
    start: int
    end: int
    key: str
    pos: str = ""
    dep: str = ""
    head: int = -1
    ent: str = ""
    chunk: int = -1


def token_key(text: str, kb: KnowledgeBase) -> str:
    """The lexicon key of a token, with apostrophe-less possessives ("Russias", "NATOs") reduced."""
    key = fold_cached(text)
    if key not in kb.vocabulary and len(key) > 3 and key.endswith("s") and key[:-1] in kb.vocabulary:
        return key[:-1]
    return key


def text_tokens(text: str, kb: KnowledgeBase) -> list[Tok]:
    """Tokens of a mention given as text (no parse)."""
    return [Tok(t, s, e, token_key(t, kb)) for t, s, e in tokenize(text)]


class DocTokens:
    """Turns spans of one document into tokens; the noun chunks and text are computed once per document."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.text = ""
        self._doc: Any = None
        self._chunk_of: dict[int, int] = {}

    def tokens(self, span: Any) -> list[Tok]:
        """spaCy tokens of ``span`` re-split with Redline's tokenizer (offsets into ``span.doc.text``)."""
        chunk_of = self._chunks(span.doc)
        toks: list[Tok] = []
        index_of: dict[int, int] = {}
        for token in span:
            index_of[token.i] = len(toks)
            for text, s, e in tokenize(token.text):
                key = token_key(text, self.kb)
                chunk = chunk_of.get(token.i, -1)
                start, end = token.idx + s, token.idx + e
                toks.append(Tok(text, start, end, key, token.pos_, token.dep_, token.head.i, token.ent_type_, chunk))
        for tok in toks:
            tok.head = index_of.get(tok.head, -1)
        return toks

    def _chunks(self, doc: Any) -> dict[int, int]:
        """Token index -> noun chunk number, and the text, computed once per document (both walk the whole doc)."""
        if self._doc is not doc:  # same object (a Doc)
            self.text = doc.text
            chunk_of: dict[int, int] = {}
            try:
                for n, chunk in enumerate(doc.noun_chunks):
                    for t in range(chunk.start, chunk.end):
                        chunk_of[t] = n
            except (ValueError, NotImplementedError):  # no parser in the pipeline, or no chunker for the language
                pass
            self._doc, self._chunk_of = doc, chunk_of
        return self._chunk_of
