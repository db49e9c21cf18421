"""Text keys of the knowledge base: tokens, folded forms, phrase keys, capitalisation flags, dates, name words.

Both shipped phrases and article text go through the same tokenizer and folding, so a phrase and its
occurrence in text always split and compare alike. The name word lists (honorifics, suffixes, particles) are
data (``data/names.yaml``), shared with the actor resolver and the quote extractor.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from redline import wordlists

# Abbreviations ("U.S."), possessive "'s", words with inner apostrophes ("d'Orsay"), single punctuation marks.
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|['’]s\b|\w+(?:['’](?!s\b)\w+)*|[^\w\s]")
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "æ": "ae", "ı": "i"})

_NAMES = wordlists.load("names.yaml", {"honorifics": "words", "name_suffixes": "words", "name_particles": "words"})
HONORIFICS: frozenset[str] = _NAMES["honorifics"]
NAME_SUFFIXES: frozenset[str] = _NAMES["name_suffixes"]
NAME_PARTICLES: frozenset[str] = _NAMES["name_particles"]


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes: the key form of any text."""
    if text.isascii():
        return text.lower()  # nothing to strip or unify (the fast, common case)
    text = text.translate(_FOLD).replace("’", "'").replace("‘", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


@lru_cache(maxsize=200_000)
def fold_cached(text: str) -> str:
    """:func:`fold` for the short, often repeated texts of tokens (bounded cache)."""
    return fold(text)


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens of ``text`` with character offsets."""
    return [(m.group(), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


def phrase_key(text: str) -> tuple[str, ...]:
    """The lexicon key of a phrase: its folded tokens."""
    return tuple(fold(tok) for tok, _, _ in tokenize(text))


def name_key(name: str) -> str:
    """The memory key of a name: its folded tokens joined by spaces (as name runs are looked up)."""
    return " ".join(phrase_key(name))


def slug(text: str) -> str:
    """A body key from a name: "the White House" -> "white-house"."""
    words = [w for w in phrase_key(text) if w.isalnum() and w != "the"]
    return "-".join(words)


def case_flag(token: str) -> int:
    """How a phrase token must be written in text: acronyms up to three letters in capitals ("US" is not "us"),
    capitalised words capitalised ("Kurdish", "Putin"); lower-case phrase words (titles, role nouns) any way."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) >= 2 and token.isupper():
        return 2 if len(letters) <= 3 else 1
    return 1 if token[:1].isupper() else 0


def is_plural(phrase: str) -> bool:
    """Whether a role phrase names several ("troops", "officials"; not "press" or "news")."""
    last = fold(phrase).split()[-1]
    return last.endswith("s") and not last.endswith(("ss", "us")) and last != "news"


def parse_day(value: str | dt.date | None) -> dt.date | None:
    """A date from an ISO string ("2021-12-20", "2021-12-20T15:16:00Z", "2021-12", "2021"); None if unreadable."""
    if value is None or isinstance(value, dt.date):
        return value
    text = value.strip()
    for size, pad in ((10, ""), (7, "-01"), (4, "-01-01")):
        try:
            return dt.date.fromisoformat(text[:size] + pad)
        except ValueError:
            continue
    return None


_FOLDS = (  # longest first: German and French spellings of Cyrillic sounds onto one skeleton
    ("schtsch", "shch"),
    ("tsch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),
    ("kh", "ch"),
    ("ou", "u"),
    ("ts", "s"),
    ("z", "s"),
    ("w", "v"),
    ("j", "y"),
    ("iy", "y"),
    ("yy", "y"),
    ("ei", "ey"),
)


def skeleton(name: str | None) -> str:
    """A transliteration-neutral form of a name ("Sergej Rjabkow" and "Sergei Ryabkov" give one skeleton)."""
    text = " ".join((name or "").split()).casefold()
    for written, folded in _FOLDS:
        text = text.replace(written, folded)
    return "".join(c for n, c in enumerate(text) if n == 0 or c != text[n - 1] or not c.isalpha())
