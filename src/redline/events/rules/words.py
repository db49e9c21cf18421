"""The clause rules' word lists, weights and cut-offs, read from ``data/events/rules.yaml`` and checked at load.

Why a schema check: a typo in a key ("happenning_verbs") would otherwise silently empty a word list and change
what the coder finds without any error. Every key the rules read is declared here with its shape; a missing,
misspelt or mistyped key is a :class:`~redline.events.lexicon.LexiconError` naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from redline.events.lexicon import DATA_DIR, LexiconError, load_yaml

FILE = "rules.yaml"

WORD_KEYS = (
    "aid_purposes",
    "unanswered_words",
    "decision_verbs",
    "object_control",
    "happening_verbs",
    "happening_states",
    "scheduled_verbs",
    "round_nouns",
    "declaring_lemmas",
    "stance_passives",
    "signal_verbs",
    "attempt_nouns",
    "purpose_heads",
    "sports_words",
    "natural_hazards",
    "permission_verbs",
    "report_nouns",
    "threat_conditional",
    "threat_inherent",
    "cost_nouns",
    "cost_adjectives",
    "undergo_verbs",
    "question_verbs",
    "capability_adjectives",
    "force_modifiers",
    "restrict_modifiers",
    "violence_modifiers",
    "violence_nouns",
    "warning_verbs",
    "obligation_forms",
    "call_on_verbs",
    "light_verbs",
    "not_conditions",
    "refusal_aux",
    "otherwise_adverbs",
    "joint_words",
    "not_addressees",
    "relative_pronouns",
    "sponsor_participles",
    "neutral_sources",
    "claim_verbs",
    "claim_nouns",
    "expectation_verbs",
    "allegation_verbs",
    "response_verbs",
    "forceful_manners",
    "condition_preps",
    "possibility_aux",
    "group_nominals",
    "vague_determiners",
    "partitive_nouns",
    "blame_adjectives",
    "wrongdoing_nouns",
    "wrongdoing_verbs",
    "breach_verbs",
    "commitment_nouns",
    "sovereignty_nouns",
    "verbal_attack_verbs",
    "speech_media",
)
TYPE_KEYS = ("cooperative", "material_conflict", "verbal_acts", "addressed", "mutual", "symmetric", "joint")
CONFIDENCE_KEYS = (
    "noun_content",
    "modal_request",
    "threat_noun",
    "entitlement",
    "wrapper_bonus",
    "wrapper_cap",
    "no_actor",
    "unresolved_actor",
    "weak_actor",
    "missing_recipient",
    "embedded",
    "subordinate",
    "negated",
    "hypothetical",
    "recipient_from_context",
    "cameo_pattern",
    "cameo_verb",
    "accusation",
    "floor",
    "ceiling",
)
LIMIT_KEYS = ("trigger_span_tokens", "modal_span_tokens", "context_window")
TOP_KEYS = ("words", "cameo_skip", "who_classes", "agent_classes", "types", "assault_modes", "confidence", "limits")


@dataclass(frozen=True, slots=True)
class RuleWords:
    """What ``rules.yaml`` holds, as sets and numbers the rules can read directly."""

    words: dict[str, frozenset[str]]
    cameo_skip: frozenset[str]
    who_classes: frozenset[str]
    agent_classes: tuple[str, ...]
    types: dict[str, frozenset[str]]
    assault_modes: tuple[tuple[str, frozenset[str]], ...]  # in order of precedence
    confidence: dict[str, float]
    limits: dict[str, int]

    def __getitem__(self, key: str) -> frozenset[str]:
        return self.words[key]


def _word_list(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(isinstance(item, str | int | float) for item in value):
        raise LexiconError(f"{FILE}: {where} must be a list of words")
    return frozenset(str(item).lower() for item in value)


def _section(data: dict[str, Any], name: str, keys: tuple[str, ...]) -> dict[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise LexiconError(f"{FILE}: '{name}' must be a mapping")
    missing = [key for key in keys if key not in section]
    unknown = sorted(set(section) - set(keys))
    if missing or unknown:
        raise LexiconError(f"{FILE}: '{name}' lacks {missing} / has unknown keys {unknown}")
    return section


def _numbers(data: dict[str, Any], name: str, keys: tuple[str, ...], *, integer: bool) -> dict[str, Any]:
    section = _section(data, name, keys)
    out: dict[str, Any] = {}
    for key in keys:
        value = section[key]
        wrong_kind = integer and not isinstance(value, int)
        if isinstance(value, bool) or not isinstance(value, int | float) or wrong_kind:
            raise LexiconError(f"{FILE}: {name}.{key} must be {'an integer' if integer else 'a number'}")
        out[key] = int(value) if integer else float(value)
    return out


def parse_rule_words(data: Any, known_types: frozenset[str]) -> RuleWords:
    """Check and convert the parsed YAML of ``rules.yaml``.

    :param data: the parsed file
    :param known_types: the PLOVER types (type groups may name only these)
    :raises LexiconError: a missing, unknown or mistyped key, or an unknown type
    """
    if not isinstance(data, dict):
        raise LexiconError(f"{FILE}: expected a mapping")
    unknown = sorted(set(data) - set(TOP_KEYS))
    missing = [key for key in TOP_KEYS if key not in data]
    if unknown or missing:
        raise LexiconError(f"{FILE}: lacks {missing} / has unknown keys {unknown}")
    words = _section(data, "words", WORD_KEYS)
    type_groups = _section(data, "types", TYPE_KEYS)
    types = {key: frozenset(w.upper() for w in _word_list(type_groups[key], f"types.{key}")) for key in TYPE_KEYS}
    for key, names in types.items():
        if names - known_types:
            raise LexiconError(f"{FILE}: types.{key} names unknown types {sorted(names - known_types)}")
    modes = data["assault_modes"]
    if not isinstance(modes, dict):
        raise LexiconError(f"{FILE}: 'assault_modes' must be a mapping")
    agent_classes = data["agent_classes"]
    if not isinstance(agent_classes, list):
        raise LexiconError(f"{FILE}: 'agent_classes' must be a list")
    return RuleWords(
        words={key: _word_list(words[key], f"words.{key}") for key in WORD_KEYS},
        cameo_skip=_word_list(data["cameo_skip"], "cameo_skip"),
        who_classes=_word_list(data["who_classes"], "who_classes"),
        agent_classes=tuple(str(name) for name in agent_classes),
        types=types,
        assault_modes=tuple((str(mode), _word_list(items, f"assault_modes.{mode}")) for mode, items in modes.items()),
        confidence=_numbers(data, "confidence", CONFIDENCE_KEYS, integer=False),
        limits=_numbers(data, "limits", LIMIT_KEYS, integer=True),
    )


def load_rule_words(known_types: frozenset[str], directory: Path | None = None) -> RuleWords:
    """Read ``rules.yaml`` (from ``directory``, default: the packaged data) and check it."""
    path = (directory or DATA_DIR) / FILE
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read lexicon file {FILE}: {exc}") from exc
    return parse_rule_words(data, known_types)
