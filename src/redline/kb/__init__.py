"""The actor knowledge base: shipped YAML files plus pycountry, merged with users' files, turned into lookups.

Modules: :mod:`~redline.kb.text` (tokens, folded keys, dates, name words), :mod:`~redline.kb.model` (the records),
:mod:`~redline.kb.index` (the compiled lexicon and office holders), :mod:`~redline.kb.load` (reading, validating
and caching). The file format is documented in ``data/kb/README.md``.
"""

from __future__ import annotations

from redline.kb.index import KnowledgeBase
from redline.kb.load import ENV_VAR, KB_DIR, default_kb, load_kb, user_files
from redline.kb.model import (
    CAMEO_COUNTRY_ALIASES,
    Country,
    Entry,
    Institution,
    Office,
    Organisation,
    Person,
    Role,
)
from redline.kb.text import TOKEN_RE, fold, name_key, parse_day, phrase_key, slug, tokenize

__all__ = [
    "CAMEO_COUNTRY_ALIASES",
    "ENV_VAR",
    "KB_DIR",
    "TOKEN_RE",
    "Country",
    "Entry",
    "Institution",
    "KnowledgeBase",
    "Office",
    "Organisation",
    "Person",
    "Role",
    "default_kb",
    "fold",
    "load_kb",
    "name_key",
    "parse_day",
    "phrase_key",
    "slug",
    "tokenize",
    "user_files",
]
