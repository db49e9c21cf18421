"""Are two person names the same person? Three answers, because transliterations are not a yes/no question.

"Sergei Ryabkov" / "Ryabkov" / "Sergey Ryabkov" are surely one person; "Sergei Ryabkov" / "Konstantin Gavrilov"
surely two. Spelled as written, "Sergei Ryabkov" / "Sergej Rjabkow" (German transliteration) scores like
"Sergei Lavrov", so names are also compared in a *transliteration skeleton*: the spellings English, German and
French use for the same Cyrillic letters are folded to one (w/v, j/y, sch/sh, tsch/ch, ou/u, ts/z/s, doubled
letters), which makes the two Ryabkovs equal and leaves Lavrov apart. Between the floors names alone cannot tell:
callers then ask for stronger evidence (closer wording) instead of guessing.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from redline.kb.text import skeleton

SAME_AT = 88.0  # token-set ratio at or above: one person (spelling variants, surname alone)
DIFFERENT_BELOW = 60.0  # below: two people


def normalize_name(name: str | None) -> str:
    return " ".join((name or "").split()).casefold()


def name_match(first: str | None, second: str | None) -> bool | None:
    """True: same person; False: different people; None: cannot tell (either name missing, or in between)."""
    a, b = normalize_name(first), normalize_name(second)
    if not a or not b:
        return None
    ratio = max(fuzz.token_set_ratio(a, b), fuzz.token_set_ratio(skeleton(a), skeleton(b)))
    if ratio >= SAME_AT:
        return True
    if ratio < DIFFERENT_BELOW:
        return False
    return None


def id_or_name_match(
    first_id: str | None, second_id: str | None, first_name: str | None, second_name: str | None
) -> bool | None:
    """Knowledge-base ids decide when both are known; otherwise the names do."""
    if first_id and second_id:
        return first_id == second_id
    return name_match(first_name, second_name)
