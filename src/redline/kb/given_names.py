"""The usual gender of given names, from a public name table (see ``data/names/README.md``).

Why: "he said" after "Dimie Ogoina spoke after him" must not skip the person whose given name the hand-written
lexicon lacks. The table answers for some 58,000 given names from many languages; names the sources disagree on
("Jean", "Andrea", "Kim") are not in it, so their gender stays unknown. The hand-written lexicon and titles stay
first (:func:`redline.quotes.referents.gender_of`). Loaded once, on first use (about 30 ms).
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources


@cache
def _table() -> dict[str, str]:
    path = resources.files("redline") / "data" / "names" / "given_names.tsv.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as fh:
        return dict(line.rstrip("\n").split("\t", 1) for line in fh if line.strip())


def given_name_gender(word: str) -> str | None:
    """``"f"``, ``"m"`` or None for a given name (any capitalisation)."""
    return _table().get(word.lower())
