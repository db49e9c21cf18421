"""What every clause rule reads: the lexicon, the gazetteer, the word lists and the coder's options, in one object.

Why one object: the rules are plain functions spread over several modules (frames, wrappers, speech, flags,
arguments, build); passing one immutable ``Kit`` keeps them free of module-level state, so two coders with
different lexicons or options can run side by side in one process.
"""

from __future__ import annotations

from dataclasses import dataclass

from redline.events.cameo import CameoDictionary, load_cameo
from redline.events.lexicon import Lexicon
from redline.events.places import Gazetteer
from redline.events.rules.model import Token
from redline.events.rules.words import RuleWords, load_rule_words


@dataclass(frozen=True, slots=True)
class Kit:
    """The rules' shared, read-only resources."""

    lexicon: Lexicon
    gazetteer: Gazetteer
    rules: RuleWords
    cameo: CameoDictionary
    appeals: bool
    report_verbs: frozenset[str]
    speech_lemmas: frozenset[str]
    future_aux: frozenset[str]
    marks: frozenset[str]
    negation: frozenset[str]
    modals: frozenset[str]
    advice_modals: frozenset[str]
    threat_adjectives: frozenset[str]
    entitlements: frozenset[str]
    first_person: frozenset[str]
    third_person: frozenset[str]
    future_lemmas: frozenset[str]
    aspect_lemmas: frozenset[str]
    consider_lemmas: frozenset[str]
    deny_lemmas: frozenset[str]
    agent_words: frozenset[str]
    cameo_skip: frozenset[str]  # lemmas the rules read as cues: never coded from the CAMEO dictionary

    def words(self, key: str) -> frozenset[str]:
        """A word list of ``rules.yaml`` (``words`` section)."""
        return self.rules.words[key]

    def weight(self, key: str) -> float:
        """A confidence value or factor of ``rules.yaml``."""
        return self.rules.confidence[key]

    def limit(self, key: str) -> int:
        """A cut-off of ``rules.yaml``."""
        return self.rules.limits[key]

    def types(self, key: str) -> frozenset[str]:
        """A group of PLOVER types of ``rules.yaml``."""
        return self.rules.types[key]

    def first(self, token: Token) -> bool:
        """A first-person pronoun ("we", "our"; not the country "US")."""
        return token.pos_ == "PRON" and token.lower_ in self.first_person

    def third(self, token: Token) -> bool:
        """A third-person pronoun."""
        return token.pos_ == "PRON" and token.lower_ in self.third_person


def make_kit(
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    *,
    appeals: bool,
    rules: RuleWords | None = None,
    cameo: CameoDictionary | None = None,
) -> Kit:
    """Build the rules' resources from a lexicon (``cues.yaml`` lists), ``rules.yaml`` and the CAMEO data."""
    rules = rules or load_rule_words(frozenset(lexicon.types))
    cameo = cameo or load_cameo(frozenset(lexicon.types))
    wrapper_lemmas = lexicon.cues.get("wrapper_lemmas", {})

    def lemmas(kind: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in wrapper_lemmas.get(kind, ()))

    cues = {"report_verbs", "speech_lemmas"}
    skip = set(rules.cameo_skip)
    for name in cues:
        skip |= lexicon.words(name)
    for kind in ("future", "aspect", "consider", "deny"):
        skip |= lemmas(kind)
    return Kit(
        lexicon=lexicon,
        gazetteer=gazetteer,
        rules=rules,
        cameo=cameo,
        appeals=appeals,
        report_verbs=lexicon.words("report_verbs"),
        speech_lemmas=lexicon.words("speech_lemmas"),
        future_aux=lexicon.words("future_aux"),
        marks=lexicon.words("conditional_marks") - rules.words["not_conditions"],
        negation=lexicon.words("negation_words"),
        modals=lexicon.words("demand_modals"),
        advice_modals=lexicon.words("appeal_modals"),
        threat_adjectives=lexicon.words("threat_adjectives"),
        entitlements=lexicon.words("entitlement_nouns"),
        first_person=lexicon.words("first_person"),
        third_person=lexicon.words("third_person"),
        future_lemmas=lemmas("future"),
        aspect_lemmas=lemmas("aspect"),
        consider_lemmas=lemmas("consider"),
        deny_lemmas=lemmas("deny"),
        agent_words=lexicon.words_of_classes(rules.agent_classes),
        cameo_skip=frozenset(skip),
    )
