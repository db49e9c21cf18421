"""Convert the nomquamgender name table into Redline's compact list of given names and their usual gender.

Run once (again only when the source changes)::

    pip download nomquamgender==0.1.4 --no-deps -d /tmp/nqg
    .venv/bin/python scripts/convert_given_names.py /tmp/nqg/nomquamgender-0.1.4-py3-none-any.whl

The source (MIT licence, (c) 2022 Ian Van Buskirk; https://github.com/ianvanbuskirk/nomquamgender) lists some
720,000 given names with how often each was seen with a woman or a man across 36 public name-gender sources.
Why a list and not the package: the package loads a 30 MB table through pandas in every process, and the
speaker rules need one bit per name — "he" or "she" — only for names the article gives no title for.

What is kept: plain alphabetic names (hyphens allowed) seen in at least ``MIN_SOURCES`` sources and ``MIN_COUNT``
times, whose share of women is at most ``1 - SURE`` (``m``) or at least ``SURE`` (``f``). The package's own
default leaves only names between 0.1 and 0.9 unclassified; this list is stricter because a name mostly of one sex
in one language can be a man's in another (Finnish "Raila" is a woman's name, Kenya's Raila Odinga a man).
Written as ``name<TAB>f|m`` lines, sorted, gzipped with a fixed timestamp so a re-run gives the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "src" / "redline" / "data" / "names" / "given_names.tsv.gz"
MIN_SOURCES = 3
MIN_COUNT = 10
SURE = 0.95
NAME = re.compile(r"[a-z]+(?:-[a-z]+)*")


def read_table(source: Path) -> tuple[dict[str, list], str | None]:
    """The name table and the licence text, from the wheel or from an unpacked ``name_data.json``."""
    if source.suffix == ".whl":
        with zipfile.ZipFile(source) as wheel:
            table = json.loads(wheel.read("nomquamgender/name_data.json"))
            licence = next((n for n in wheel.namelist() if n.endswith("dist-info/LICENSE")), None)
            return table, wheel.read(licence).decode() if licence else None
    licence_file = source.parent / "LICENSE"
    return json.loads(source.read_text()), licence_file.read_text() if licence_file.exists() else None


def genders(table: dict[str, list]) -> dict[str, str]:
    """Names the sources agree on, by the thresholds in the module docstring."""
    kept: dict[str, str] = {}
    for name, row in table.items():
        sources, count, share_female = row[0], row[1], row[2]
        if not NAME.fullmatch(name) or sources < MIN_SOURCES or count < MIN_COUNT:
            continue
        if share_female >= SURE:
            kept[name] = "f"
        elif share_female <= 1 - SURE:
            kept[name] = "m"
    return kept


def write(kept: dict[str, str], target: Path) -> None:
    body = "".join(f"{name}\t{kept[name]}\n" for name in sorted(kept))
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(body.encode())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the nomquamgender wheel, or its name_data.json")
    parser.add_argument("--out", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    table, licence = read_table(args.source)
    kept = genders(table)
    write(kept, args.out)
    if licence:
        (args.out.parent / "LICENSE").write_text(licence)
    women = sum(1 for g in kept.values() if g == "f")
    print(f"{len(kept)} names ({women} f, {len(kept) - women} m) -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
