"""Shipped word lists and cut-offs: read against a schema, and a malformed file names its file and key."""

from __future__ import annotations

import pytest

from redline import wordlists
from redline.errors import DataFileError
from redline.quotes import lexicon as lex


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(wordlists, "DATA_DIR", tmp_path)
    wordlists._load.cache_clear()
    yield tmp_path
    wordlists._load.cache_clear()


def test_kinds_convert_words_lists_numbers_groups_and_tables(data_dir):
    (data_dir / "x.yaml").write_text(
        "w: alpha beta\nl: [b, a]\nn: 0.5\ng: {k: one two, empty: []}\nt: {he: m}\n", encoding="utf-8"
    )
    got = wordlists.load("x.yaml", {"w": "words", "l": "list", "n": "number", "g": "groups", "t": "table"})
    assert got == {
        "w": frozenset({"alpha", "beta"}),
        "l": ("b", "a"),
        "n": 0.5,
        "g": {"k": frozenset({"one", "two"}), "empty": frozenset()},
        "t": {"he": "m"},
    }


@pytest.mark.parametrize(
    ("text", "schema", "needle"),
    [
        ("a: one\nb: two\n", {"a": "words"}, "unknown keys ['b']"),
        ("a: one\n", {"a": "words", "c": "words"}, "missing keys ['c']"),
        ("a: [yes, no]\n", {"a": "words"}, "a: expected a list of non-empty strings"),  # YAML reads yes/no as bools
        ("a: twelve\n", {"a": "number"}, "a: expected a number"),
        ("a: [1, 2\n", {"a": "words"}, "not valid YAML"),
        ("- a\n", {"a": "words"}, "top level must be a mapping"),
    ],
)
def test_malformed_files_name_the_file_and_key(data_dir, text, schema, needle):
    (data_dir / "bad.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"bad\.yaml") as caught:
        wordlists.load("bad.yaml", schema)
    assert needle in str(caught.value)


def test_missing_file_is_a_data_error(data_dir):
    with pytest.raises(DataFileError, match="cannot read"):
        wordlists.load("absent.yaml", {"a": "words"})


def test_shipped_lists_load_and_keep_their_vocabulary():
    assert {"say", "warn", "tell"} <= lex.SPEECH_VERBS
    assert lex.PARTICLE_VERBS == {"point": "out"}
    assert lex.ROLE_LICENSES["official"] == frozenset() and "official" in lex.GENERIC_ROLES
    assert lex.PRONOUN_GENDER["she"] == "f" and lex.SCARE_WORDS == 6
    assert {"von", "der", "al"} <= lex.NAME_PARTICLES
