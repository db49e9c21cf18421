"""The actor resolver's word lists and cut-offs, read from ``data/actors/*.yaml`` (checked against a schema).

Parser categories (spaCy POS tags and dependency labels) stay in code: they are the parser's vocabulary, not
the language's.
"""

from __future__ import annotations

from redline import wordlists

_WORDS = wordlists.load(
    "actors/words.yaml",
    {
        "nation_kinds": "words",
        "place_kinds": "words",
        "title_kinds": "words",
        "person_kinds": "words",
        "priority": "list",
        "definite": "words",
        "indefinite": "words",
        "modifiers": "words",
        "locative": "words",
        "motion_verbs": "words",
        "allegiance": "list",
        "generic_heads": "words",
        "title_stopwords": "words",
        "head_words": "words",
    },
)
_CUTOFFS = wordlists.load(
    "actors/cutoffs.yaml",
    {
        "fuzzy_name": "number",
        "fuzzy_surname": "number",
        "fuzzy_country": "number",
        "fuzzy_last_word": "number",
        "fuzzy_min_length": "number",
        "pronoun_window": "number",
    },
)

NATION: frozenset[str] = _WORDS["nation_kinds"]
PLACES: frozenset[str] = _WORDS["place_kinds"]
TITLE: frozenset[str] = _WORDS["title_kinds"]
PERSONISH: frozenset[str] = _WORDS["person_kinds"]
PRIORITY: dict[str, int] = {kind: i for i, kind in enumerate(_WORDS["priority"])}
DEFINITE: frozenset[str] = _WORDS["definite"]
INDEFINITE: frozenset[str] = _WORDS["indefinite"]
MODIFIERS: frozenset[str] = _WORDS["modifiers"]
LOCATIVE: frozenset[str] = _WORDS["locative"]
LOCATIVE_VERBS_TO: frozenset[str] = _WORDS["motion_verbs"]
ALLEGIANCE: tuple[list[str], ...] = tuple([prefix, "-"] for prefix in _WORDS["allegiance"])
GENERIC_HEADS: frozenset[str] = _WORDS["generic_heads"]
WORD_STOP: frozenset[str] = _WORDS["title_stopwords"]
HEAD_WORDS: frozenset[str] = _WORDS["head_words"]

NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X", ""})
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})

FUZZY_NAME_CUTOFF = float(_CUTOFFS["fuzzy_name"])
FUZZY_SURNAME_CUTOFF = float(_CUTOFFS["fuzzy_surname"])
FUZZY_COUNTRY_CUTOFF = float(_CUTOFFS["fuzzy_country"])
FUZZY_LAST_WORD_CUTOFF = float(_CUTOFFS["fuzzy_last_word"])
FUZZY_MIN_LENGTH = int(_CUTOFFS["fuzzy_min_length"])
PRONOUN_WINDOW = int(_CUTOFFS["pronoun_window"])
