"""Apostrophes a scraper dropped: 'Russias' → "Russia's", 'couldnt' → "couldn't", only where none survived.

A text that still has apostrophes is left alone, and demonym plurals ('Americans', 'Russians') are never
touched. Every repair is logged as a removed line with rule ``apostrophe_repair:<new form>``.
"""

from __future__ import annotations

import re

from redline.ingest import patterns as P
from redline.records import Removed

DEMONYM_ENDINGS = ("an", "ese", "ish", "ist", "at", "ite", "ic", "er", "ee")


def dropped_apostrophes(text: str) -> bool:
    """The scraper lost apostrophes: none in the text, yet forms like 'couldnt' or 'Russias' occur."""
    if re.search(r"\w['’]\w", text):
        return False
    contractions = re.findall(r"\b(" + "|".join(P.CONTRACTIONS) + r")\b", text, re.I)
    return bool(contractions) or len(_possessive_candidates(text)) >= 2


def _possessive_candidates(text: str) -> set[str]:
    names = set(re.findall(r"\b[A-Z][A-Za-z]+\b", text))
    return {
        word
        for word in re.findall(r"\b[A-Z][A-Za-z]*[a-zA-Z]s\b", text)
        if word[:-1] in names
        and len(word) > 3
        and word[:-1].lower() not in P.STOPWORDS
        and not word.endswith("ss")
        and not word[:-1].lower().endswith(DEMONYM_ENDINGS)
    }


def repair_apostrophes(text: str) -> tuple[str, list[Removed]]:
    """Restore apostrophes a scraper dropped: 'Russias' → "Russia's" (when 'Russia' occurs too), 'couldnt'.

    Only in texts with no apostrophe at all, and never on demonym plurals ('Americans', 'Russians').
    """
    if not dropped_apostrophes(text):
        return text, []
    candidates = _possessive_candidates(text)
    repairs: list[Removed] = []

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        if lower in P.CONTRACTIONS:
            new = P.CONTRACTIONS[lower]
            new = new[0].upper() + new[1:] if word[0].isupper() else new
        elif word in candidates:
            new = word[:-1] + "'s"
        else:
            return word
        repairs.append(Removed(text=word, rule=f"apostrophe_repair:{new}"))
        return new

    pattern = r"\b(?i:" + "|".join(P.CONTRACTIONS) + r")\b|\b[A-Z][A-Za-z]*[a-zA-Z]s\b"
    return re.sub(pattern, fix, text), repairs
