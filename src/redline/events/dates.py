"""When an event happened: resolve the date expressions of a sentence against the publication date.

News convention, not dateparser's: "on Monday" in an article published on Monday 2021-12-20 is 2021-12-20 (the
most recent such weekday on or before publication; the next one when the event is in the future). Vaguer
expressions become ranges: "last week" is the previous Monday-Sunday, "earlier this month" runs from the 1st to
the publication date, "in October" is the whole month of the most recent (or, for future events, the next)
October, "at the beginning of December" is the 1st-10th. Explicit dates ("on December 21, 2021", "21 May") are
read directly; dateparser is the fallback for anything else that has a month name or digits.
"""

from __future__ import annotations

import calendar
import logging
import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any

from redline.tree import is_root

LOGGER = logging.getLogger(__name__)

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(calendar.month_name):
    if _name:
        MONTHS[_name.lower()] = _i
        MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "several": 3, "few": 3, "a few": 3, "couple": 2, "a couple of": 2,
}  # fmt: skip

DateRange = tuple[date, date | None]

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?,?(?:\s+(\d{{4}}))?\b")
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b")
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_DECADE = re.compile(r"\b(1[89]\d0|20\d0)s\b")
_AGO = re.compile(
    r"\b(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few)\s+(day|week|month|year)s?\s+ago\b"
)
_RECENT = re.compile(
    r"\b(?:in|over|during)?\s*(?:the\s+)?(past|last|recent|previous|coming|next|upcoming|following)\s+"
    r"(?:(\d+|two|three|four|five|six|seven|eight|nine|ten|several|few|couple of)\s+)?(day|week|month|year)s\b"
)


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _month_range(year: int, month: int, part: str | None = None) -> DateRange:
    last = calendar.monthrange(year, month)[1]
    if part == "early":
        return date(year, month, 1), date(year, month, min(10, last))
    if part == "mid":
        return date(year, month, 11), date(year, month, min(20, last))
    if part == "late":
        return date(year, month, 21), date(year, month, last)
    return date(year, month, 1), date(year, month, last)


def _part(text: str) -> str | None:
    if re.search(r"\b(beginning|start|early|first days)\b", text):
        return "early"
    if re.search(r"\b(mid|middle)\b", text):
        return "mid"
    if re.search(r"\b(end|late|last days|close)\b", text):
        return "late"
    return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBERS.get(word, 1)


def _weekday(published: date, weekday: int, *, direction: str) -> date:
    """The weekday nearest ``published``: "past" on or before, "last" strictly before, "future" on or after."""
    if direction == "future":
        return published + timedelta(days=(weekday - published.weekday()) % 7)
    if direction == "next":
        return published + timedelta(days=((weekday - published.weekday()) % 7) or 7)
    back = (published.weekday() - weekday) % 7
    if direction == "last" and back == 0:
        back = 7
    return published - timedelta(days=back)


def _year_for_month(published: date, month: int, *, future: bool, strict_past: bool = False) -> int:
    if future:
        return published.year if month >= published.month else published.year + 1
    if strict_past:
        return published.year if month < published.month else published.year - 1
    return published.year if month <= published.month else published.year - 1


def _year_for_day(published: date, month: int, day: int, *, future: bool) -> int:
    try:
        this_year = date(published.year, month, day)
    except ValueError:
        return published.year
    if future:
        return published.year if this_year >= published else published.year + 1
    return published.year if this_year <= published + timedelta(days=1) else published.year - 1


def resolve_expression(text: str, published: date, *, future: bool = False) -> DateRange | None:
    """Resolve one date expression; returns ``(date, date_end)`` with ``date_end`` None for a single day.

    :param text: the expression as written ("on Monday", "last month", "December 21, 2021")
    :param published: the publication date the expression is relative to
    :param future: the event is in the future (weekdays and months then resolve forwards)
    """
    low = " ".join(text.lower().replace("’", "'").split())
    low = re.sub(r"^(on|in|at|by|since|from|during|until|over|as of)\s+", "", low)
    if not low:
        return None
    for reader in _READERS:
        found = reader(low, published, future)
        if found is not _UNREAD:  # same object (the sentinel)
            return found
    if re.search(r"\d", low) and any(name in low for name in MONTHS):
        return _dateparser(low, published, future)
    return None


class _Unread:
    """A reader did not recognise the expression (as opposed to recognising it as no valid date: None)."""


_UNREAD: Any = _Unread()


def _read_calendar_date(low: str, published: date, future: bool) -> Any:
    """ISO dates, "December 21(, 2021)", "21 December", "December 2021"."""
    found = _ISO.search(low)
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3])), None
        except ValueError:
            return None
    for pattern, order in ((_MONTH_DAY, "md"), (_DAY_MONTH, "dm")):
        found = pattern.search(low)
        if found:
            if order == "md":
                month, day, year = MONTHS[found[1]], int(found[2]), found[3]
            else:
                day, month, year = int(found[1]), MONTHS[found[2]], found[3]
            if not 1 <= day <= 31:
                continue
            resolved_year = int(year) if year else _year_for_day(published, month, day, future=future)
            try:
                return date(resolved_year, month, day), None
            except ValueError:
                return None
    found = _MONTH_YEAR.search(low)
    if found:
        return _month_range(int(found[2]), MONTHS[found[1]], _part(low))
    return _UNREAD


def _read_nearby_day(low: str, published: date, future: bool) -> Any:
    """today, yesterday, overnight, tomorrow, "three days ago"."""
    if re.search(r"\b(today|tonight|this (morning|afternoon|evening)|earlier today|later today|now)\b", low):
        return published, None
    if re.search(r"\b(yesterday|last night)\b", low):
        return published - timedelta(days=1), None
    if "overnight" in low:
        return published - timedelta(days=1), published
    if re.search(r"\btomorrow\b", low):
        return published + timedelta(days=1), None
    found = _AGO.search(low)
    if found:
        count, unit = _number(found[1]), found[2]
        days = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * count
        return published - timedelta(days=days), None
    return _UNREAD


def _read_weekday(low: str, published: date, future: bool) -> Any:
    """ "on Monday", "last Friday", "on Sunday and Monday", "at the weekend"."""
    named = [day for name, day in WEEKDAYS.items() if re.search(rf"\b{name}\b", low)]
    if len(named) > 1 and not re.search(r"\b(last|next)\b", low):  # "on Sunday and Monday"
        days = [_weekday(published, day, direction="future" if future else "past") for day in named]
        return min(days), max(days)
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            if re.search(rf"\blast {name}\b", low):
                return _weekday(published, weekday, direction="last"), None
            if re.search(rf"\bnext {name}\b", low):
                return _weekday(published, weekday, direction="next"), None
            return _weekday(published, weekday, direction="future" if future else "past"), None
    if "weekend" in low:
        if "next" in low or (future and "last" not in low):
            saturday = _weekday(published, 5, direction="future")
        else:
            saturday = _weekday(published, 5, direction="last" if published.weekday() in (5, 6) else "past")
        return saturday, saturday + timedelta(days=1)
    return _UNREAD


def _read_relative_period(low: str, published: date, future: bool) -> Any:
    """last/next/this week, month or year."""
    monday = published - timedelta(days=published.weekday())
    if re.search(r"\blast week\b|\bprevious week\b", low):
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if re.search(r"\bnext week\b|\bcoming week\b", low):
        return monday + timedelta(days=7), monday + timedelta(days=13)
    if re.search(r"\bthis week\b", low):
        if "later" in low or future:
            return published, monday + timedelta(days=6)
        return monday, published
    first = published.replace(day=1)
    last_day = published.replace(day=calendar.monthrange(published.year, published.month)[1])
    if re.search(r"\b(last|previous) month\b", low):
        year, month = _shift_month(published.year, published.month, -1)
        return _month_range(year, month, _part(low.replace("last month", "")))
    if re.search(r"\b(next|coming) month\b", low):
        year, month = _shift_month(published.year, published.month, 1)
        return _month_range(year, month, _part(low.replace("next month", "")))
    if re.search(r"\bthis month\b", low):
        if "later" in low or future:
            return published, last_day
        return first, published
    if re.search(r"\b(last|previous) year\b", low):
        return date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    if re.search(r"\bnext year\b", low):
        return date(published.year + 1, 1, 1), date(published.year + 1, 12, 31)
    if re.search(r"\bthis year\b", low):
        if "later" in low or future:
            return published, date(published.year, 12, 31)
        return date(published.year, 1, 1), published
    return _UNREAD


def _read_recent(low: str, published: date, future: bool) -> Any:
    """ "in recent days", "in the coming weeks", "over the past two months"."""
    found = _RECENT.search(low)
    if not found:
        return _UNREAD
    when, count, unit = found[1], found[2], found[3]
    span = {"day": 1, "week": 7, "month": 30, "year": 365}[unit] * (_number(count) if count else 3)
    if when in ("coming", "next", "upcoming", "following"):
        return published, published + timedelta(days=span)
    return published - timedelta(days=span), published


def _read_month(low: str, published: date, future: bool) -> Any:
    """ "in October", "last December", "next March", "early January 2022"."""
    for name, month in MONTHS.items():
        if re.search(rf"\b{name}\b", low):
            if low.startswith("last ") or " last " in f" {low} ":
                year = _year_for_month(published, month, future=False, strict_past=True)
            elif low.startswith("next "):
                year = _year_for_month(published, month, future=True, strict_past=False)
                if month == published.month:
                    year += 1
            else:
                year = _year_for_month(published, month, future=future)
            explicit = _YEAR.search(low)
            if explicit:
                year = int(explicit[1])
            return _month_range(year, month, _part(low))
    return _UNREAD


def _read_year(low: str, published: date, future: bool) -> Any:
    """ "in the 1990s", "in 2008", "late 2021"."""
    found = _DECADE.search(low)
    if found:
        start = int(found[1])
        return date(start, 1, 1), date(start + 9, 12, 31)
    found = _YEAR.search(low)
    if found and re.fullmatch(r"(the )?(early |late |mid-?)?(year )?\d{4}", low):
        year = int(found[1])
        part = _part(low)
        if part == "early":
            return date(year, 1, 1), date(year, 4, 30)
        if part == "late":
            return date(year, 9, 1), date(year, 12, 31)
        return date(year, 1, 1), date(year, 12, 31)
    return _UNREAD


_READERS = (
    _read_calendar_date,
    _read_nearby_day,
    _read_weekday,
    _read_relative_period,
    _read_recent,
    _read_month,
    _read_year,
)


@lru_cache(maxsize=2048)
def _dateparser(text: str, published: date, future: bool) -> DateRange | None:
    try:
        import dateparser
    except ImportError:  # pragma: no cover - dateparser is a dependency
        return None
    settings = {
        "RELATIVE_BASE": datetime(published.year, published.month, published.day, 12),
        "PREFER_DATES_FROM": "future" if future else "past",
        "REQUIRE_PARTS": ["month"],
    }
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError) as exc:
        LOGGER.debug("dateparser could not read %r: %s", text, exc)
        return None
    return (parsed.date(), None) if parsed else None


def parse_published(value: str | date | None) -> date | None:
    """A publication date from an ISO 8601 string (date or datetime), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        found = _dateparser(text.lower(), date.today(), False)
        return found[0] if found else None


_WEEKDAY_RE = re.compile(
    r"\b(?:(?:on|last|next|this|early|late)\s+)?(?:" + "|".join(n.capitalize() for n in WEEKDAYS) + r")\b"
)


def candidates(sent: Any) -> list[tuple[int, int, str, Any]]:
    """Date expressions of a sentence: (start_char, end_char, text, root token), from NER plus weekday names."""
    found: list[tuple[int, int, str, Any]] = []
    for ent in sent.ents:
        if ent.label_ in ("DATE", "TIME"):
            found.append((ent.start_char, ent.end_char, ent.text, ent.root))
    covered = [(s, e) for s, e, _, _ in found]
    for match in _WEEKDAY_RE.finditer(sent.text):
        start, end = sent.start_char + match.start(), sent.start_char + match.end()
        if any(s <= start < e for s, e in covered):
            continue
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            found.append((start, end, match.group(0), span.root))
    return found


def _attachment(root: Any, anchor_ids: list[int], governing: set[int]) -> float | None:
    """How an expression attaches to the event: the index of the anchor it modifies, 10+ when it modifies a
    clause governing the event ("withdrew in October after the alliance had expelled ..."), None otherwise."""
    head = root
    for _ in range(8):
        if head.i in anchor_ids:
            return float(anchor_ids.index(head.i))
        if is_root(head):
            break
        child, head = head, head.head
        if head.i in anchor_ids:
            return float(anchor_ids.index(head.i))
        if head.pos_ in ("NOUN", "PROPN") and (child.lower_ == "of" or child.dep_ not in ("prep", "npadvmod")):
            return None  # "the state of 27 May 1997", "its 2008 summit": the date of a thing

        if head.pos_ in ("VERB", "AUX"):
            if head.i in governing and anchor_ids:
                return 10 + min(abs(root.i - i) for i in anchor_ids) / 100
            return None
    return None


def event_date(
    sent: Any, anchors: list[Any], published: date | None, *, future: bool = False, future_anchors: int | None = None
) -> tuple[str | None, str | None, str | None]:
    """``(date, date_end, expression)`` of the event anchored at ``anchors`` (trigger first, then governing verbs).

    The expression attached to an anchor wins; otherwise the nearest one in the sentence; with none (or none
    resolvable) the publication date; None when there is no publication date either.

    :param future: the event is in the future (its own date expressions resolve forwards)
    :param future_anchors: only the first this many anchors are the event's own; an expression attached to a
        later one (the reporting verb: "said on Tuesday that Russia will ...") dates the statement, in the past
    """
    if published is None:
        return None, None, None
    scored: list[tuple[float, str, Any]] = []
    anchor_ids = [token.i for token in anchors if token is not None]
    governing = {token.i for anchor in anchors[:1] if anchor is not None for token in anchor.ancestors}
    for _start, _end, text, root in candidates(sent):
        rank = _attachment(root, anchor_ids, governing)
        if rank is None:
            continue  # the date of another clause ("deceived Moscow in the 1990s") or of a thing ("the 1997 act")
        scored.append((rank, text, root))
    for rank, text, _root in sorted(scored, key=lambda item: item[0]):
        own = future_anchors is None or rank >= 10 or rank < future_anchors
        resolved = resolve_expression(text, published, future=future and own)
        if resolved is not None:
            start_date, end_date = resolved
            return start_date.isoformat(), end_date.isoformat() if end_date else None, text
    return published.isoformat(), None, None
