"""Typed queries over the store: what the CLI, the API and the library ask for, validated once, here.

Each query is a frozen dataclass whose constructor checks and normalises every field: dates become ISO 8601
(``2022-13-45`` and ``12/20/2021`` are refused, not compared as strings), event types become PLOVER names
(case-insensitive, PLOVER's renamed types accepted), modes, quads and sort orders must be ones that exist.
A bad value raises :class:`QueryError` naming the parameter and listing the valid values, so both faces give
the same message (the CLI as a usage error, the API as HTTP 422). The store turns a query into SQL
(:mod:`redline.store.where`); nothing else builds SQL from user input.

>>> EventQuery(event_type="threaten", since="2021-12-01").event_type
'THREATEN'
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from redline.errors import RedlineError

QUADS = (1, 2, 3, 4)
MODALITIES = ("asserted", "negated", "hypothetical", "future", "claimed")
STORY_ORDERS = ("recent", "size")
MAX_TEXT = 1000  # longest filter text: longer is a mistake, never a name
MAX_ROWS = 10**9  # the largest limit or offset (SQLite integers are 64-bit; a paging cursor never gets near)

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?", re.ASCII)


class QueryError(RedlineError):
    """A query parameter with a value that cannot mean anything; ``param`` is its name in the faces."""

    code = "E422"
    stage = "query"

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param


# -- the vocabulary: read from the PLOVER data file the coder uses ---------------------------------------------


@lru_cache(maxsize=1)
def _plover() -> dict[str, Any]:
    text = (resources.files("redline") / "data" / "events" / "plover.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def event_types() -> tuple[str, ...]:
    """The PLOVER event types, in the data file's order."""
    return tuple(str(name) for name in _plover()["types"])


def event_modes() -> tuple[str, ...]:
    """Every PLOVER mode of any type, sorted."""
    return tuple(sorted({str(mode) for spec in _plover()["types"].values() for mode in spec.get("modes") or ()}))


def _renamed() -> dict[str, str]:
    return {str(old).upper(): str(new).upper() for old, new in (_plover().get("renamed") or {}).items()}


# -- validators: each returns the normalised value or raises QueryError -------------------------------------


def text_value(value: Any, param: str) -> str | None:
    """A free-text filter: stripped, None when empty."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise QueryError(param, f"must be text, got {type(value).__name__}")
    value = value.strip()
    if len(value) > MAX_TEXT:
        raise QueryError(param, f"is {len(value)} characters long; at most {MAX_TEXT} are allowed")
    return value or None


def date_value(value: Any, param: str) -> str | None:
    """An ISO 8601 date (``2021-12-20``) or date and time (``2021-12-20T14:30:00+01:00``), checked on the
    calendar. Dates compare as text in the store, so anything else would silently match the wrong rows."""
    text = text_value(value, param)
    if text is None:
        return None
    hint = "use YYYY-MM-DD, e.g. 2021-12-20 (or an ISO 8601 date and time, e.g. 2021-12-20T14:30:00Z)"
    try:
        if _DAY.fullmatch(text):
            return dt.date.fromisoformat(text).isoformat()
        if _MOMENT.fullmatch(text):
            return dt.datetime.fromisoformat(text.replace(" ", "T")).isoformat()
    except ValueError:
        raise QueryError(param, f"{text!r} is not a date on the calendar; {hint}") from None
    raise QueryError(param, f"{text!r} is not a date; {hint}")


def choice_value(value: Any, param: str, valid: Iterable[Any], what: str) -> Any:
    """One of ``valid``, or an error that lists them all."""
    options = tuple(valid)
    if value is None or value == "":
        return None
    if value in options:
        return value
    listed = ", ".join(str(option) for option in options)
    raise QueryError(param, f"unknown {what} {value!r}; valid values: {listed}")


def event_type_value(value: Any) -> str | None:
    """A PLOVER type, case-insensitive; an older PLOVER name (DEMAND) becomes its current one (REQUEST)."""
    text = text_value(value, "type")
    if text is None:
        return None
    upper = text.upper()
    return choice_value(_renamed().get(upper, upper), "type", event_types(), "event type")


def mode_value(value: Any) -> str | None:
    text = text_value(value, "mode")
    return None if text is None else choice_value(text.lower(), "mode", event_modes(), "mode")


def modality_value(value: Any) -> str | None:
    text = text_value(value, "modality")
    return None if text is None else choice_value(text.lower(), "modality", MODALITIES, "modality")


def quad_value(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryError("quad", f"unknown quad {value!r}; valid values: 1, 2, 3, 4")
    return choice_value(value, "quad", QUADS, "quad")


def count_value(value: Any, param: str) -> int | None:
    """A limit or offset: a whole number from 0 up."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise QueryError(param, f"must be a whole number, got {value!r}")
    if not 0 <= value <= MAX_ROWS:
        raise QueryError(param, f"must be between 0 and {MAX_ROWS}, got {value}")
    return value


def ids_value(value: Iterable[str] | None, param: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise QueryError(param, "must be a list of ids, not one string")
    return tuple(str(item) for item in value)


def check_period(since: str | None, until: str | None) -> None:
    if since and until and since[:10] > until[:10]:
        raise QueryError("since", f"since ({since}) is after until ({until}): no date can match")


def _normalise(query: Any, **values: Any) -> None:
    """Set validated values on a frozen query (its constructor's last step)."""
    for name, value in values.items():
        object.__setattr__(query, name, value)


# -- the queries -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Which events: every given filter must hold (``None`` means "not asked for").

    :param event_type: a PLOVER type (case-insensitive)
    :param actor: a country/organisation code ("RUS", "NATO") or text in an actor's name or mention
    :param recipient: the same, for recipients
    :param country: a code or name matching either side
    :param since: events whose date (or date range) reaches this date or later
    :param until: events that start on or before this date
    :param quad: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    :param mode: a PLOVER mode
    :param modality: asserted, negated, hypothetical, future or claimed (how the report puts the act)
    :param story: a story id
    :param article_ids: only events coded from these articles
    :param canonical_only: leave out reports merged into another event (one row per act)
    :param text: text in the evidence sentence (case-insensitive)
    :param limit: at most this many
    :param after_id: keyset paging: events stored after the event with this id
    """

    event_type: str | None = None
    actor: str | None = None
    recipient: str | None = None
    country: str | None = None
    since: str | None = None
    until: str | None = None
    quad: int | None = None
    mode: str | None = None
    modality: str | None = None
    story: str | None = None
    article_ids: tuple[str, ...] | None = None
    canonical_only: bool = False
    text: str | None = None
    limit: int | None = None
    after_id: str | None = None

    def __post_init__(self) -> None:
        _normalise(
            self,
            event_type=event_type_value(self.event_type),
            actor=text_value(self.actor, "actor"),
            recipient=text_value(self.recipient, "recipient"),
            country=text_value(self.country, "country"),
            since=date_value(self.since, "since"),
            until=date_value(self.until, "until"),
            quad=quad_value(self.quad),
            mode=mode_value(self.mode),
            modality=modality_value(self.modality),
            story=text_value(self.story, "story"),
            article_ids=ids_value(self.article_ids, "article_ids"),
            canonical_only=bool(self.canonical_only),
            text=text_value(self.text, "text"),
            limit=count_value(self.limit, "limit"),
            after_id=text_value(self.after_id, "cursor"),
        )
        check_period(self.since, self.until)

    def replace(self, **changes: Any) -> EventQuery:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Which articles: outlet and language exactly, publication date in [since, until], text in title or body,
    only duplicates (True) or only first copies (False), these ids; ``limit``/``offset`` page the result."""

    outlet: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None
    duplicates: bool | None = None
    ids: tuple[str, ...] | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        _normalise(
            self,
            outlet=text_value(self.outlet, "outlet"),
            language=text_value(self.language, "language"),
            since=date_value(self.since, "since"),
            until=date_value(self.until, "until"),
            search=text_value(self.search, "search"),
            ids=ids_value(self.ids, "ids"),
            limit=count_value(self.limit, "limit"),
            offset=count_value(self.offset, "offset") or 0,
        )
        check_period(self.since, self.until)


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Which quotes: of these articles; by a speaker (a country/organisation code, a knowledge-base id, or text
    in the speaker's name or mention); with text in the quote; ``limit``/``offset`` page the result."""

    article_ids: tuple[str, ...] | None = None
    speaker: str | None = None
    text: str | None = None
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        _normalise(
            self,
            article_ids=ids_value(self.article_ids, "article_ids"),
            speaker=text_value(self.speaker, "speaker"),
            text=text_value(self.text, "text"),
            limit=count_value(self.limit, "limit"),
            offset=count_value(self.offset, "offset") or 0,
        )


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Which stories: overlapping [since, until], holding an article; ``order`` "recent" (latest end first) or
    "size" (most articles first); ``limit``/``offset`` page the result."""

    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    order: str = "recent"
    limit: int | None = None
    offset: int = 0

    def __post_init__(self) -> None:
        order = text_value(self.order, "order")
        _normalise(
            self,
            since=date_value(self.since, "since"),
            until=date_value(self.until, "until"),
            article_id=text_value(self.article_id, "article_id"),
            order=choice_value(order.lower() if order else None, "order", STORY_ORDERS, "sort order") or "recent",
            limit=count_value(self.limit, "limit"),
            offset=count_value(self.offset, "offset") or 0,
        )
        check_period(self.since, self.until)


__all__ = [
    "QUADS",
    "STORY_ORDERS",
    "ArticleQuery",
    "EventQuery",
    "QueryError",
    "QuoteQuery",
    "StoryQuery",
    "date_value",
    "event_modes",
    "event_types",
]
