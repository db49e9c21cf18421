"""Word lists the quote extractor reasons with: speech verbs, role nouns, pronouns, name genders.

Kept apart from the rules so a reader can see (and extend) the vocabulary in one place: the lists are data,
``data/speech.yaml`` (speech verbs, shared with the rest of Redline) and ``data/quotes/lexicon.yaml`` (the
rest), checked against a schema when this module is imported. Everything is lower case and compared with spaCy
lemmas or lower-cased token text. Windows and cut-offs are in ``data/quotes/settings.yaml``.
"""

from __future__ import annotations

from redline import wordlists
from redline.kb.text import NAME_PARTICLES as _NAME_PARTICLES

_SPEECH = wordlists.load(
    "speech.yaml",
    {
        "speech_verbs": "words",
        "speech_nouns": "words",
        "naming_verbs": "words",
        "particle_verbs": "table",
        "quoting_verbs": "words",
        "occasion_verbs": "words",
        "telling_verbs": "words",
        "open_subject_verbs": "words",
        "non_agents": "words",
        "infinitive_verbs": "words",
        "object_content_verbs": "words",
    },
)
_WORDS = wordlists.load(
    "quotes/lexicon.yaml",
    {
        "audience_prepositions": "words",
        "audience_nouns": "words",
        "document_nouns": "words",
        "source_words": "words",
        "org_nouns": "words",
        "pronoun_gender": "table",
        "title_abbreviations": "table",
        "org_pronouns": "words",
        "unresolved_pronouns": "words",
        "relative_pronouns": "words",
        "role_licenses": "groups",
        "sector_roles": "groups",
        "role_words": "words",
        "role_modifiers": "words",
        "counterpart_words": "words",
        "chancellor_foreign_countries": "words",
        "single_offices": "words",
        "department_words": "words",
        "title_stopwords": "words",
        "former_words": "words",
        "female_roles": "words",
        "male_roles": "words",
        "female_names": "words",
        "male_names": "words",
        "female_surname_endings": "list",
        "male_surname_endings": "list",
        "generic_places": "words",
        "determiners_definite": "words",
        "determiners_indefinite": "words",
        "headline_labels": "words",
        "people_nouns": "words",
        "pair_words": "words",
        "party_nouns": "words",
        "locative_prepositions": "words",
    },
)
_SETTINGS = wordlists.load(
    "quotes/settings.yaml",
    {
        "scare_words": "number",
        "continuation_sentences": "number",
        "same_surname": "number",
        "same_given_name": "number",
    },
)

SPEECH_VERBS: frozenset[str] = _SPEECH["speech_verbs"]
SPEECH_NOUNS: frozenset[str] = _SPEECH["speech_nouns"]
NAMING_VERBS: frozenset[str] = _SPEECH["naming_verbs"]
PARTICLE_VERBS: dict[str, str] = _SPEECH["particle_verbs"]
QUOTING_VERBS: frozenset[str] = _SPEECH["quoting_verbs"]
OCCASION_VERBS: frozenset[str] = _SPEECH["occasion_verbs"]
TELLING_VERBS: frozenset[str] = _SPEECH["telling_verbs"]
OPEN_SUBJECT_VERBS: frozenset[str] = _SPEECH["open_subject_verbs"]
NON_AGENTS: frozenset[str] = _SPEECH["non_agents"]
INFINITIVE_VERBS: frozenset[str] = _SPEECH["infinitive_verbs"]
OBJECT_CONTENT_VERBS: frozenset[str] = _SPEECH["object_content_verbs"]

AUDIENCE_PREPOSITIONS: frozenset[str] = _WORDS["audience_prepositions"]
AUDIENCE_NOUNS: frozenset[str] = _WORDS["audience_nouns"]
DOCUMENT_NOUNS: frozenset[str] = _WORDS["document_nouns"]
SOURCE_WORDS: frozenset[str] = _WORDS["source_words"]
ORG_NOUNS: frozenset[str] = _WORDS["org_nouns"]
PRONOUN_GENDER: dict[str, str] = _WORDS["pronoun_gender"]
TITLE_ABBREVIATIONS: dict[str, str] = _WORDS["title_abbreviations"]
ORG_PRONOUNS: frozenset[str] = _WORDS["org_pronouns"]
UNRESOLVED_PRONOUNS: frozenset[str] = _WORDS["unresolved_pronouns"]
RELATIVE_PRONOUNS: frozenset[str] = _WORDS["relative_pronouns"]
ROLE_LICENSES: dict[str, frozenset[str]] = _WORDS["role_licenses"]
# Nominal heads that license any person who holds some role (``official`` fits a minister and a general).
GENERIC_ROLES = frozenset(noun for noun, licensed in ROLE_LICENSES.items() if not licensed)
# Nouns that name an office only with what follows ("the head of ...", "the Italian leader"): no person of their own.
WEAK_ROLES = frozenset({"head", "chief", "leader", "director", "chairman", "chairwoman", "deputy"})
SECTOR_ROLES: dict[str, frozenset[str]] = _WORDS["sector_roles"]
ROLE_WORDS: frozenset[str] = frozenset(ROLE_LICENSES) | _WORDS["role_words"]
ROLE_MODIFIERS: frozenset[str] = _WORDS["role_modifiers"]
TITLE_WORDS: frozenset[str] = ROLE_WORDS | _WORDS["department_words"]  # words a title is told apart by
COUNTERPART_WORDS: frozenset[str] = _WORDS["counterpart_words"]
CHANCELLOR_FOREIGN_COUNTRIES: frozenset[str] = frozenset(c.upper() for c in _WORDS["chancellor_foreign_countries"])
SINGLE_OFFICES: frozenset[str] = _WORDS["single_offices"]
TITLE_NOUNS = ROLE_WORDS - ROLE_MODIFIERS
TITLE_STOPWORDS: frozenset[str] = _WORDS["title_stopwords"]
FORMER_WORDS: frozenset[str] = _WORDS["former_words"]
FEMALE_ROLES: frozenset[str] = _WORDS["female_roles"]
MALE_ROLES: frozenset[str] = _WORDS["male_roles"]
FEMALE_NAMES: frozenset[str] = _WORDS["female_names"]
MALE_NAMES: frozenset[str] = _WORDS["male_names"]
FEMALE_SURNAME_ENDINGS: tuple[str, ...] = _WORDS["female_surname_endings"]
MALE_SURNAME_ENDINGS: tuple[str, ...] = _WORDS["male_surname_endings"]
GENERIC_PLACES: frozenset[str] = _WORDS["generic_places"]
DETERMINERS_DEFINITE: frozenset[str] = _WORDS["determiners_definite"]
DETERMINERS_INDEFINITE: frozenset[str] = _WORDS["determiners_indefinite"]
HEADLINE_LABELS: frozenset[str] = _WORDS["headline_labels"]
PEOPLE_NOUNS: frozenset[str] = _WORDS["people_nouns"]
PAIR_WORDS: frozenset[str] = _WORDS["pair_words"]
PARTY_NOUNS: frozenset[str] = _WORDS["party_nouns"]
LOCATIVE_PREPOSITIONS: frozenset[str] = _WORDS["locative_prepositions"]
NAME_PARTICLES: frozenset[str] = _NAME_PARTICLES

SCARE_WORDS = int(_SETTINGS["scare_words"])
CONTINUATION_SENTENCES = int(_SETTINGS["continuation_sentences"])
SAME_SURNAME = float(_SETTINGS["same_surname"])
SAME_GIVEN_NAME = float(_SETTINGS["same_given_name"])
