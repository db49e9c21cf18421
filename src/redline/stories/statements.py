"""Quote linking: one statement reported by several outlets (paraphrased or translated) gets one statement id.

A statement is one speaker saying one thing at one time, so two quotes are linked only when all three agree:

- **speaker**: the same when they share a knowledge-base id or their names are spelling variants; different when
  their ids or countries differ or their names clearly do; unsure when either is unresolved ("the diplomat", a
  pronoun) or the names are in between (a transliteration such as Ryabkov / Rjabkow; see ``names``). Different
  speakers never link, and a quote never joins a statement that holds a different speaker;
- **content**: the cosine of the quote texts (USE-multilingual: a translation scores ~0.75-0.85, a new remark on
  the same topic 0.4-0.6) reaches ``same_speaker_similarity``, or ``unsure_speaker_similarity`` when the
  speaker is unsure;
- **date**: the articles' days are at most ``same_days`` apart; a later article (up to ``window_days``) may
  re-quote an earlier statement, but only nearly word for word (``requote_similarity``). So one speaker's two
  remarks on guarantees four days apart stay two statements.

Linking is online, in report order: each quote joins the statement it fits best or founds one, whose id derives
from its first quote (stable as reports keep arriving).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

import numpy as np

from redline.records import Quote, Speaker
from redline.stories.embed import Embed, normalize_rows
from redline.stories.names import name_match

if TYPE_CHECKING:
    from redline.store import Store


@dataclass(frozen=True, slots=True)
class QuoteParams:
    """Similarity floors and day limits for linking quotes into statements."""

    same_speaker_similarity: float = 0.65
    unsure_speaker_similarity: float = 0.75
    requote_similarity: float = 0.85
    same_days: int = 2
    window_days: int = 7


def statement_id_for(quote_id: str) -> str:
    """Id of the statement first reported by ``quote_id`` (stable as later reports arrive)."""
    return "stmt-" + hashlib.sha1(quote_id.encode()).hexdigest()[:12]


def speakers_match(first: Speaker, second: Speaker) -> bool | None:
    """True: the same speaker; False: different speakers; None: cannot tell."""
    if first.kb_id and second.kb_id:
        return first.kb_id == second.kb_id
    if first.country and second.country and first.country != second.country:
        return False
    return name_match(first.name, second.name)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@dataclass(slots=True)
class Said:
    """A quote as linking sees it: the quote, its text vector and its article's day."""

    quote: Quote
    vector: np.ndarray
    day: date | None


@dataclass(slots=True)
class Statement:
    id: str
    members: list[Said] = field(default_factory=list)


def floor(first: Said, second: Said, params: QuoteParams) -> float | None:
    """The similarity two quotes need to be one statement; None when they can never be."""
    verdict = speakers_match(first.quote.speaker, second.quote.speaker)
    if verdict is False:
        return None
    needed = params.same_speaker_similarity if verdict else params.unsure_speaker_similarity
    if first.day is not None and second.day is not None:
        apart = abs((first.day - second.day).days)
        if apart > params.window_days:
            return None
        if apart > params.same_days:
            needed = max(needed, params.requote_similarity)
    return needed


class StatementIndex:
    """Statements quotes can still join; ``place`` links one quote.

    Each distinct quote text's vector sits once in one growing matrix (agencies' copies repeat a quote word for
    word), so a new quote meets only the statements holding a quote close enough to link (one matrix product),
    not every statement of the window.
    """

    def __init__(self, params: QuoteParams) -> None:
        self.params = params
        self.statements: dict[str, Statement] = {}
        self._matrix = np.zeros((0, 0), dtype=np.float32)
        self._rows: dict[str, int] = {}  # quote text -> its row
        self._owners: list[list[str]] = []  # row -> statements holding that text

    def attach(self, statement_id: str, item: Said) -> Statement:
        """Put ``item`` in the statement ``statement_id`` (created when new)."""
        statement = self.statements.setdefault(statement_id, Statement(id=statement_id))
        statement.members.append(item)
        if not item.vector.size:
            return statement
        row = self._rows.get(item.quote.text)
        if row is None:
            if self._matrix.shape[1] != item.vector.size:
                self._matrix = np.zeros((16, item.vector.size), dtype=np.float32)
            if len(self._owners) == len(self._matrix):
                self._matrix = np.vstack([self._matrix, np.zeros_like(self._matrix)])
            row = self._rows[item.quote.text] = len(self._owners)
            self._matrix[row] = item.vector
            self._owners.append([])
        if statement_id not in self._owners[row]:
            self._owners[row].append(statement_id)
        return statement

    def fit(self, item: Said, statement: Statement) -> float | None:
        best: float | None = None
        for member in statement.members:
            needed = floor(item, member, self.params)
            if needed is None and speakers_match(item.quote.speaker, member.quote.speaker) is False:
                return None  # a different speaker is in this statement
            similarity = float(item.vector @ member.vector)
            if needed is not None and similarity >= needed and (best is None or similarity > best):
                best = similarity
        return best

    def candidates(self, item: Said) -> list[Statement]:
        """Statements with a quote close enough to link, in the order they were founded."""
        if not self._owners or self._matrix.shape[1] != item.vector.size:
            return []
        lowest = min(self.params.same_speaker_similarity, self.params.unsure_speaker_similarity)
        similar = self._matrix[: len(self._owners)] @ item.vector >= lowest
        owners = {owner for row in np.flatnonzero(similar) for owner in self._owners[int(row)]}
        return [statement for key, statement in self.statements.items() if key in owners]

    def place(self, item: Said) -> Statement:
        chosen, chosen_score = None, -1.0
        for statement in self.candidates(item):
            score = self.fit(item, statement)
            if score is not None and score > chosen_score:
                chosen, chosen_score = statement, score
        return self.attach(chosen.id if chosen is not None else statement_id_for(item.quote.id), item)


def quote_order(days: dict[str, str | None]) -> Callable[[Quote], tuple]:
    def key(quote: Quote) -> tuple:
        return (days.get(quote.article_id) or "9999", quote.article_id, quote.sentence_index, quote.start, quote.id)

    return key


def _said(quotes: Sequence[Quote], embed: Embed, days: dict[str, str | None]) -> list[Said]:
    if not quotes:
        return []
    vectors = normalize_rows(np.asarray(embed([quote.text for quote in quotes]), dtype=np.float32))
    return [Said(quote, vectors[n], _day(days.get(quote.article_id))) for n, quote in enumerate(quotes)]


def link_quotes(
    quotes: Sequence[Quote],
    embed: Embed,
    *,
    published: dict[str, str | None] | None = None,
    params: QuoteParams | None = None,
) -> dict[str, list[str]]:
    """Group quotes into statements from scratch: ``statement id -> quote ids`` (singletons included).

    :param published: ``article id -> day`` (publication day or the story's proxy).
    """
    days = published or {}
    index = StatementIndex(params or QuoteParams())
    for item in _said(sorted(quotes, key=quote_order(days)), embed, days):
        index.place(item)
    return {statement.id: [m.quote.id for m in statement.members] for statement in index.statements.values()}


def link_new_quotes(
    store: Store,
    story_id: str,
    article_ids: Sequence[str],
    *,
    embed: Embed,
    days: dict[str, str | None],
    params: QuoteParams | None = None,
) -> dict[str, str]:
    """Link the quotes of articles just added to a story with the story's quotes of nearby days; writes the new
    quotes' statement ids and returns ``quote id -> statement id`` for the new and the nearby quotes."""
    params = params or QuoteParams()
    new = [quote for quote in store.quotes(article_ids=article_ids) if quote.statement_id is None]
    if not new:
        return {q.id: q.statement_id for q in store.quotes(article_ids=article_ids) if q.statement_id}
    dated = sorted(day for day in (days.get(q.article_id) for q in new) if day)
    near = _near_quotes(store, story_id, set(article_ids), dated, params, days)
    index = StatementIndex(params)
    links: dict[str, str] = {}
    for item in _said(near, embed, days):
        index.attach(item.quote.statement_id or "", item)
        links[item.quote.id] = item.quote.statement_id or ""
    for item in _said(sorted(new, key=quote_order(days)), embed, days):
        statement = index.place(item)
        store.set_statement([item.quote.id], statement.id)
        links[item.quote.id] = statement.id
    return links


def _near_quotes(
    store: Store,
    story_id: str,
    new_articles: set[str],
    dated: list[str],
    params: QuoteParams,
    days: dict[str, str | None],
) -> list[Quote]:
    """The story's already linked quotes a new one could join: articles within the window of the new days (all
    of the story's when a new article is undated)."""
    undated = any(not days.get(article) for article in new_articles)
    start = end = None
    if dated and not undated:
        start = (date.fromisoformat(dated[0]) - timedelta(days=params.window_days)).isoformat()
        end = (date.fromisoformat(dated[-1]) + timedelta(days=params.window_days)).isoformat()
    others = [a for a in store.story_articles_near(story_id, start, end) if a not in new_articles]
    if not others:
        return []
    days.update({a: d for a, d in store.story_days(others).items() if a not in days})
    quotes = [q for q in store.quotes(article_ids=others) if q.statement_id]
    return sorted(quotes, key=quote_order(days))
