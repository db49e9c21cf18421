"""Who a title names on a day, for the G20 countries and the main international bodies from 2000 to today.

The table (``resources/actors/dated_roles.tsv``) was written from public records, apart from the knowledge-base
files; every row goes through the actor resolver as a mention would in an article of that date.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rapidfuzz import fuzz

from redline.actors import ActorResolver
from redline.evaluate.quotes import normalise_name
from redline.kb import load_kb

TABLE = Path(__file__).resolve().parent / "resources" / "actors" / "dated_roles.tsv"


def _rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            date, mention, want = line.split("\t")
            rows.append((date, mention, want))
    return rows


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_kb(env=False))


@pytest.mark.parametrize(("date", "mention", "want"), _rows())
def test_title_names_the_holder_on_the_day(resolver, date, mention, want):
    actor = resolver.context(date).resolve(mention)
    person = resolver.kb.person_of(actor.kb_id) if actor is not None and actor.kb_id else None
    if want == "-":
        assert person is None, f"{mention} on {date}: no one held the office, got {actor}"
        return
    assert person is not None, f"{mention} on {date}: want {want}, got {actor}"
    assert fuzz.token_set_ratio(normalise_name(want), normalise_name(person.name)) >= 85, person.name


def test_table_covers_the_g20_and_the_main_bodies_across_the_years():
    rows = _rows()
    years = {int(date[:4]) for date, _, _ in rows}
    assert min(years) == 2000 and max(years) >= 2025 and len(years) >= 20
    mentions = " ".join(mention for _, mention, _ in rows)
    for word in ("Russian", "US", "NATO", "UN", "EU", "OSCE", "IAEA", "WHO", "IMF", "World Bank", "Japanese", "Saudi"):
        assert word in mentions
    # finance ministers, spokespeople and advisers too, and the bodies beyond the UN family
    for word in ("finance minister", "Treasury Secretary", "spokesman", "press secretary", "national security adviser"):
        assert word in mentions
    for word in ("Arab League", "African Union", "Korean", "Ukrainian"):
        assert word in mentions
