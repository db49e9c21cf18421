"""What kind of line a line is: prose, a title, a headline, a date line, menu words, a lead-in to links.

Small predicates the cleaner combines. Words are counted in any script (``words``). Every predicate is linear in
the line's length; the ones built on unanchored patterns look only at lines short enough to be what they test.
"""

from __future__ import annotations

import re

from redline.ingest import patterns as P
from redline.ingest.words import words

TITLE_MAX_WORDS = 30
HEADLINE_MAX_WORDS = 20
PROSE_MIN_WORDS = 25
DATE_LINE_MAX_CHARS = 80
BREADCRUMB_PART_WORDS = 4


NON_WORD = re.compile(r"[\W_]+")
TWO_DIGITS = re.compile(r"\d\d")  # every date line has a year or a day of two digits


def key(line: str) -> str:
    """Comparison key: lowercase letters and digits only (so 'Title' ≈ 'TITLE.' ≈ 'Title ')."""
    return NON_WORD.sub("", line.casefold())


def ends_sentence(line: str) -> bool:
    """The line ends as a sentence or clause does (a stop in any script, a colon, or a stop and a quote)."""
    return bool(P.TERMINAL.search(line[-8:]))


def is_prose(line: str) -> bool:
    """Reads like a paragraph: ends as a sentence does, or is too long to be a headline."""
    return ends_sentence(line) or len(words(line)) >= PROSE_MIN_WORDS


def is_nav_junk(line: str) -> bool:
    """A run of menu/icon words: many tokens, almost no function words, no sentence punctuation."""
    if ends_sentence(line):
        return False
    line = P.URL.sub(" ", line)  # a URL's parts are neither menu words nor separators
    tokens = words(line)
    if len(tokens) < 6:
        return False
    lowered = [t.lower() for t in tokens]
    stop_ratio = sum(t in P.STOPWORDS or t in P.FOREIGN_FUNCTION_WORDS for t in lowered) / len(tokens)
    icon_words = sum("icon" in t for t in lowered)
    lower_ratio = sum(t.islower() for t in tokens) / len(tokens)
    separators = len(P.NAV_SEPARATORS.findall(line))
    if icon_words >= 3 or separators >= max(3, len(tokens) // 3):
        return True
    return len(tokens) >= 10 and stop_ratio < 0.1 and lower_ratio > 0.6


def is_breadcrumb(line: str) -> bool:
    """'Home › World › Europe', 'Startseite › Politik › Ausland': a path of short names, not a sentence.

    Three or more parts, or two when the first is the site's home page.
    """
    if len(line) > 200 or ends_sentence(line):
        return False
    parts = [part.strip() for part in P.BREADCRUMB_SEPARATOR.split(line)]
    if len(parts) < 2 or not all(parts) or any(len(words(part)) > BREADCRUMB_PART_WORDS for part in parts):
        return False
    return len(parts) >= 3 or bool(P.HOME_WORDS.match(parts[0]))


def is_date_line(line: str) -> bool:
    """A line that is only a date/time (with labels like 'Updated:'), e.g. '14:07, 13 December 2021'.

    A short label set off by a dash or bar counts as a label too ('WEEKLY BRIEFING -- Friday, 14 January 2022').
    """
    if len(line) > DATE_LINE_MAX_CHARS or not TWO_DIGITS.search(line) or not P.DATE_HINT.search(line):
        return False
    if _only_date(line):
        return True
    parts = [part for part in re.split(r"\s+(?:--|[|–—-])\s+", line) if part]
    dated = [part for part in parts if P.DATE_HINT.search(part) and _only_date(part)]
    return len(parts) > 1 and len(dated) == 1 and all(len(words(p)) <= 5 for p in parts if p not in dated)


def _only_date(text: str) -> bool:
    leftover = P.DATE_WORDS.sub(" ", P.DATE_LABEL.sub("", text))
    return len(words(leftover)) <= 1


def is_title_like(line: str) -> bool:
    """A headline: a few words, not ending as a sentence or clause does (a quote or '?' may end it)."""
    return 3 <= len(words(line)) <= TITLE_MAX_WORDS and not line.endswith((".", ",", ";", ":", "。"))


def starts_like_headline(line: str) -> bool:
    """A capital (or a letter of a script without case), a digit, an opening quote, bracket or currency sign."""
    first = line[:1]
    return (
        first.isupper()
        or first.isdigit()
        or (first.isalpha() and not first.islower())
        or (first != "" and first in P.HEADLINE_OPENERS)
    )


def is_headline_like(line: str) -> bool:
    """A short title-like line inside the body: no sentence end, starts like a headline."""
    tokens = words(line)
    return (
        1 <= len(tokens) <= HEADLINE_MAX_WORDS
        and not is_prose(line)
        and not line.endswith((":", ",", "-", "–"))
        and starts_like_headline(line)
    )


def lead_in(line: str) -> tuple[str, str] | None:
    """('Read also', 'the linked headline') when the line is a lead-in to a link, alone or with its headline.

    A one-word lead-in ('Related', 'Watch') needs a separator or the end of the line after it; a longer one may
    run straight into a headline ('ALSO READ Russia-Ukraine crisis …'). What follows must be a headline, not a
    sentence, so 'Related talks will continue in Vienna.' stays.
    """
    if len(line) > 300:
        return None
    match = P.LEAD_IN.match(line)
    if match is None:
        return None
    rest = line[match.end() :].strip()
    lead = match.group("multi") or match.group("single")
    if not rest:
        return lead, ""
    if match.group("single") and not match.group("sep"):
        return None
    if rest.endswith((".", "。")):  # a sentence after the lead-in: the line is prose
        return None
    return (lead, rest) if len(words(rest)) <= HEADLINE_MAX_WORDS else None


def is_kicker(lead: str) -> bool:
    """A one-word lead-in ('WATCH:', 'Related:') is a headline's kicker when it opens the page's title line."""
    return len(words(lead)) == 1
