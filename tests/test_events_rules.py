"""The coder's rule modules: their data file is checked at load, they stay small, and no text crashes them."""

from __future__ import annotations

import ast
import copy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.events.lexicon import DATA_DIR, LexiconError, load_lexicon, load_yaml
from redline.events.rules.words import load_rule_words, parse_rule_words

EVENTS_SRC = Path(__file__).resolve().parents[1] / "src" / "redline" / "events"
RULES_YAML = load_yaml((DATA_DIR / "rules.yaml").read_text(encoding="utf-8"))
TYPES = frozenset(load_lexicon().types)


# ------------------------------------------------------------------------------------------------ rules.yaml
def test_packaged_rule_words_load_and_keep_their_order_of_precedence():
    rules = load_rule_words(TYPES)
    assert "urge" in rules["object_control"]
    assert [mode for mode, _ in rules.assault_modes][:2] == ["suicide-attack", "drone"]
    assert 0 < rules.confidence["negated"] < 1
    assert rules.limits["context_window"] >= 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["words"].pop("happening_verbs"), "lacks \\['happening_verbs'\\]"),
        (lambda d: d["words"].update(happenning_verbs=["be"]), "unknown keys \\['happenning_verbs'\\]"),
        (lambda d: d["words"].update(object_control="urge"), "words.object_control must be a list"),
        (lambda d: d["types"].update(addressed=["REQUEST", "SHOUT"]), "unknown types \\['SHOUT'\\]"),
        (lambda d: d["confidence"].update(negated="low"), "confidence.negated must be a number"),
        (lambda d: d["limits"].update(context_window=1.5), "limits.context_window must be an integer"),
        (lambda d: d.update(extra={}), "unknown keys \\['extra'\\]"),
    ],
)
def test_a_malformed_rules_file_is_a_clear_error(change, message):
    data = copy.deepcopy(RULES_YAML)
    change(data)
    with pytest.raises(LexiconError, match=message):
        parse_rule_words(data, TYPES)


# ------------------------------------------------------------------------------------------------ size
def _long_functions(path: Path, limit: int) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > limit
    ]


def test_event_modules_stay_small():
    files = sorted(EVENTS_SRC.rglob("*.py"))
    assert len(files) > 10
    too_long = [f"{p.name}: {n}" for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600]
    assert not too_long, too_long
    long_functions = [name for p in files for name in _long_functions(p, 80)]
    assert not long_functions, long_functions


def test_the_coder_class_only_codes():
    tree = ast.parse((EVENTS_SRC / "coder.py").read_text(encoding="utf-8"))
    coder = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "EventCoder")
    assert {n.name for n in coder.body if isinstance(n, ast.FunctionDef)} == {"__init__", "code"}


# ------------------------------------------------------------------------------------------------ robustness
WORDS = st.sampled_from(
    [
        *("Russia", "NATO", "Kyiv", "the", "said", "will", "not", "if", ",", ".", ";", "to", "of", "and", "but"),
        *("warned", "threatened", "troops", "talks", "met", "in", "who", "sanctions", "would", "must", '"', "'"),
        *("(", ")", "-", "rejected", "agreed", "protest", "he", "they", "it", "its", "no", "never", "response"),
        *("military-technical", "Monday", "called", "on", "urged", "that", "unless"),
    ]
)


@pytest.mark.slow
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(WORDS, max_size=40))
def test_any_word_salad_codes_without_error_and_points_into_its_text(nlp, words):
    from redline.events import default_coder

    text = " ".join(words)
    doc = nlp(text)
    for event in default_coder().code(doc, article_id="x", published="2022-01-10"):
        assert text[event.trigger.start : event.trigger.end] == event.trigger.text
        for actor in event.actor + event.recipient:
            assert actor.start < 0 or text[actor.start : actor.end] == actor.text
        assert event.quad in (1, 2, 3, 4)
