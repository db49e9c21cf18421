"""Counting words in any script: spaces separate words in most scripts, but not in Chinese, Japanese or Thai.

Cleaning rules and the empty-article rule count words. Counting runs of letters between spaces makes a whole
Chinese sentence one "word", so a real Chinese paragraph looked like a fragment. Here a run of a script
written without spaces is cut into word-sized units by the mean word length of that script (Chinese and
Japanese words average about two characters, Thai, Lao, Khmer and Burmese words about four), and every other
script keeps its space-separated words. The units are an estimate for thresholds, not a segmentation.
"""

from __future__ import annotations

import re

# Han (with extensions and compatibility ideographs), kana (also half-width), and the Brahmic scripts of
# mainland South-East Asia, whose vowel signs are not \w in Python's re and so are listed whole.
HAN_KANA = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
SOUTH_EAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
SPACELESS = HAN_KANA + SOUTH_EAST_ASIAN
# Combining marks (vowel signs, viramas, harakat, accents) are not \w in Python's re: without them a Hindi or
# vocalised Arabic word would fall apart at every vowel sign. The Indic blocks are taken whole, less the dandas.
MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc"
    "\u0900-\u0963\u0966-\u0dff\u0f00-\u0fff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
)
WORD = re.compile(rf"[{HAN_KANA}]{{1,2}}|[{SOUTH_EAST_ASIAN}]{{1,4}}|(?:[^\W{SPACELESS}]|[{MARKS}'’-])+")
# Sentence ends of scripts beyond Latin: CJK full stops and marks, Devanagari danda, Arabic question mark.
SENTENCE_END = "。！？．｡」』】।॥؟۔"


def words(text: str) -> list[str]:
    """Word units of ``text``: space-separated words, and word-sized pieces of scripts without spaces."""
    return WORD.findall(text)


def count_words(text: str) -> int:
    """How many words ``text`` holds, in any script (see :func:`words`)."""
    return sum(1 for _ in WORD.finditer(text))


def spaceless_share(text: str) -> float:
    """The share of letters that belong to scripts written without spaces (0.0 for Latin or Cyrillic text)."""
    letters = sum(1 for ch in text if ch.isalpha() or "\u0e00" <= ch <= "\u17ff")
    if not letters:
        return 0.0
    return len(re.findall(f"[{SPACELESS}]", text)) / letters
