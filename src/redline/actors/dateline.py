"""The dateline of a wire report, and the country it was filed from.

Agency copy opens with the place it is filed from in capitals: "ROME, March 1 (ANSA) -", "WASHINGTON (AP) —",
"NEW DELHI, Sept 10 -", "BERLIN -". In such a report a bare definite office with no country of its own ("the
premier declared", "the Federal Chancellor welcomed the decision") is, by the convention of the genre, the office
of the dateline's country; the actor resolver uses that country only for such titles and only when the article
did not already name a holder (see ``Interpreter._title_holder``).

Only a capital or a named place of one country counts: a venue city that is no capital ("GENEVA", "DAVOS") gives
nothing, so talks hosted abroad do not hand their host's offices to the visitors.
"""

from __future__ import annotations

import re

from redline.kb import KnowledgeBase

_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z.'’]+(?: [A-Z][A-Z.'’]+){0,2})"  # ROME, NEW DELHI, MEXICO CITY
    r"(?:\s*/[^,(\n]{1,30})?"  # "KYIV/MOSCOW" style double datelines keep the first
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"  # , March 1 / , 18 September
    r"\s*(?:\([^)\n]{1,30}\))?"  # (ANSA)
    r"\s*(?:[-–—]{1,2}|:)(?:\s|$)"
)
HEAD_CHARS = 400  # the dateline opens the body, at most after a title and a date line


def dateline_city(text: str) -> str | None:
    """The city of the report's dateline, title-cased ("New Delhi"), or None."""
    for line in text[:HEAD_CHARS].splitlines():
        match = _DATELINE.match(line.strip())
        if match:
            return " ".join(word.capitalize() for word in match.group("city").split())
    return None


def dateline_country(text: str, kb: KnowledgeBase) -> str | None:
    """The country whose capital or named place the dateline gives, or None."""
    city = dateline_city(text)
    if city is None:
        return None
    key = city.casefold()
    for code, country in kb.countries.items():
        names = [country.capital or "", *country.places]
        if any(name.casefold() == key for name in names):
            return code
    return None
