"""Probe the knowledge base: who holds each main office of the G20, Ukraine and the main international bodies.

Every row of ``probe_offices.tsv`` is a title mention and the holders on eight dates from 2000 to 2026, written
from public records independently of the knowledge-base files. A cell is a name; several names separated by ``|``
(offices several people hold at once, such as the Chinese Foreign Ministry's spokespeople: the title names no one
person, and the cell is right when the knowledge base has one of them holding the office that day); ``-`` (no one
person held the office); or ``?`` (not checked: the exact day of a handover near the date is uncertain).

    PYTHONPATH=src python scripts/probe_offices.py           # counts, then every wrong or missing cell
    PYTHONPATH=src python scripts/probe_offices.py --all     # every cell
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path

from rapidfuzz import fuzz

from redline.actors import ActorResolver
from redline.evaluate.quotes import normalise_name
from redline.kb import load_kb

DATES = ("2000-06-01", "2004-06-01", "2008-06-01", "2012-06-01", "2016-06-01", "2020-06-01", "2023-06-01", "2026-06-01")

TABLE = Path(__file__).with_suffix(".tsv")  # mention, then the holders on the eight DATES


def rows() -> list[tuple[str, str, list[str]]]:
    """(mention, date, acceptable holders) for every checked cell; [] means no one person."""
    out = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        mention, *cells = (c.strip() for c in line.split("\t"))
        if len(cells) != len(DATES):
            raise ValueError(f"{mention}: {len(cells)} cells, want {len(DATES)}")
        for date, cell in zip(DATES, cells, strict=True):
            if cell != "?":
                out.append((mention, date, [] if cell == "-" else cell.split("|")))
    return out


def same_person(want: str, got: str) -> bool:
    return fuzz.token_set_ratio(normalise_name(want), normalise_name(got)) >= 85


def probe(resolver: ActorResolver, mention: str, date: str, want: list[str]) -> tuple[str, str]:
    """('right' | 'wrong' | 'missing', the name the knowledge base gives or '')."""
    actor = resolver.context(date).resolve(mention)
    person = resolver.kb.person_of(actor.kb_id) if actor is not None and actor.kb_id else None
    got = person.name if person is not None else ""
    if not want:
        return ("right" if person is None else "wrong"), got
    if person is None and len(want) > 1 and actor is not None and actor.country and actor.role:
        # several hold the office at once: the title names no one person, but the holders must be known
        office = resolver.kb.office_of(actor.role)
        day = dt.date.fromisoformat(date)
        held = sorted({p.name for p, _ in resolver.kb.holders(actor.country, office, day)}) if office else []
        if any(same_person(w, h) for w in want for h in held):
            return "right", "one of " + ", ".join(held)
    if person is None:
        return "missing", got
    return ("right" if any(same_person(w, got) for w in want) else "wrong"), got


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every cell, not only the wrong or missing ones")
    args = parser.parse_args(argv)
    resolver = ActorResolver(load_kb(env=False))
    counts: Counter[str] = Counter()
    lines = []
    for mention, date, want in rows():
        verdict, got = probe(resolver, mention, date, want)
        counts[verdict] += 1
        if args.all or verdict != "right":
            lines.append(f"{verdict:8} {date}  {mention:45} want {'|'.join(want) or '-':35} got {got or '-'}")
    print("\n".join(lines))
    total = sum(counts.values())
    print(f"{total} cells: {counts['right']} right, {counts['wrong']} wrong, {counts['missing']} missing")
    return 0 if counts["right"] == total else 1


if __name__ == "__main__":
    sys.exit(main())
