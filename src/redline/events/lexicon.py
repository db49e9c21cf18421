"""The coder's lexicon: trigger patterns, noun classes, clause cues and PLOVER scores, loaded from YAML.

The data lives in ``redline/data/events/`` (``verbs.yaml``, ``nouns.yaml``, ``cues.yaml``, ``plover.yaml``,
``contexts.yaml``); each file documents its own format. This module validates it once and gives the coder fast
lookups: entries by (lemma, part of speech), noun classes of a token, the score and quad of a type and mode.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from redline.errors import RedlineError

LOGGER = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "events"

PLOVER_TYPES = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

# Classes computed from the parse rather than listed words: "place" (a GPE/LOC/FAC entity), "named" (a person,
# organisation, country or nationality entity).
PSEUDO_CLASSES = frozenset({"place", "named"})

WRAP_KINDS = frozenset(
    [
        "intent",
        "refuse",
        "threat",
        "warn",
        "request",
        "appeal",
        "future",
        "aspect",
        "stop",
        "lift",
        "allow",
        "allege",
        "deny",
        "consider",
        "fail",
        "unacceptable",
    ]
)

_ENTRY_KEYS = frozenset(
    [
        "actor",
        "lemma",
        "pos",
        "type",
        "mode",
        "prt",
        "no_prt",
        "obj",
        "obj_prep",
        "not_obj",
        "no_obj",
        "subject_class",
        "joint",
        "by_object",
        "from_object",
        "wrap",
        "recipient",
        "reciprocal",
        "needs",
        "conf",
        "context",
        "note",
    ]
)


class LexiconError(RedlineError):
    """A lexicon file is malformed; the message names the file and the entry."""

    code = "E610"
    stage = "events"


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger pattern (see verbs.yaml for the meaning of each field)."""

    index: int
    lemmas: tuple[str, ...]
    pos: str = "verb"
    type: str | None = None
    mode: str | None = None
    prt: tuple[str, ...] = ()
    no_prt: tuple[str, ...] = ()
    obj: tuple[str, ...] = ()
    obj_prep: tuple[str, ...] = ()
    not_obj: tuple[str, ...] = ()
    no_obj: bool = False
    subject_class: tuple[str, ...] = ()
    joint: str | None = None
    by_object: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    from_object: bool = False
    wrap: str | None = None
    actor: tuple[str, ...] = ()
    recipient: tuple[str, ...] = ()
    reciprocal: bool = False
    needs: tuple[str, ...] = ()
    conf: float = 0.7
    context: tuple[str, ...] = ()
    cameo: str | None = None  # the CAMEO code, for patterns taken from the CAMEO verb dictionary

    @property
    def name(self) -> str:
        """A readable rule name for ``Event.rule``: ``verbs#12 threaten`` (``cameo#0211 airlift``)."""
        if self.cameo is not None:
            return f"cameo#{self.cameo} {self.lemmas[0]}"
        extra = f" {'/'.join(self.prt)}" if self.prt else ""
        objects = f" +{'/'.join(self.obj)}" if self.obj else ""
        return f"verbs#{self.index} {self.lemmas[0]}{extra}{objects}"


@dataclass(frozen=True, slots=True)
class NounClass:
    name: str
    type: str | None
    mode: str | None


@dataclass(slots=True)
class WrapRule:
    """How a wrapper recodes its complement (cues.yaml ``wrappers``)."""

    kind: str
    default: dict[str, Any] | None
    by_type: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_class: dict[str, dict[str, Any]] = field(default_factory=dict)
    keep: bool = False


@dataclass(slots=True)
class TypeInfo:
    name: str
    quad: int
    intensity: float
    modes: dict[str, float] = field(default_factory=dict)
    needs_recipient: bool = False


@dataclass(slots=True)
class Lexicon:
    """Everything the coder reads from data files, indexed for lookup."""

    types: dict[str, TypeInfo]
    renamed: dict[str, str]
    entries: list[Entry]
    classes: dict[str, NounClass]
    wrappers: dict[str, WrapRule]
    cues: dict[str, Any]
    contexts: dict[str, list[str]]
    max_contexts: int = 3
    _by_lemma: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)
    _single: dict[str, set[str]] = field(default_factory=dict)
    _compound: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    _of: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def entries_for(self, lemma: str, pos: str) -> list[Entry]:
        return self._by_lemma.get((lemma, pos), [])

    def words_of_classes(self, names: tuple[str, ...] | frozenset[str]) -> frozenset[str]:
        """Every single word listed in one of the noun classes ``names``."""
        wanted = set(names)
        return frozenset(word for word, classes in self._single.items() if classes & wanted)

    def classes_of(self, token: Any) -> set[str]:
        """Noun classes of a spaCy token: those of its "modifier head" / "head of X" entries when one matches (the
        more specific wording decides), else those of the single word."""
        lemma = token.lemma_.lower()
        text = token.lower_
        specific: set[str] = set()
        modifiers = {child.lemma_.lower() for child in token.lefts} | {child.lower_ for child in token.lefts}
        for words, name in [*self._compound.get(lemma, ()), *self._compound.get(text, ())]:
            if all(word in modifiers for word in words):
                specific.add(name)
        for obj_word, name in self._of.get(lemma, ()):
            for child in token.rights:
                is_of = child.dep_ == "prep" and child.lower_ == "of"
                if is_of and any(grand.lemma_.lower() == obj_word for grand in child.children):
                    specific.add(name)
        if specific:  # "hunger strike", "nuclear strike", "peacekeeping troops": the longer entry decides
            return specific
        return set(self._single.get(lemma, ())) | set(self._single.get(text, ()))

    def words(self, key: str) -> frozenset[str]:
        """A word list from cues.yaml, lower-cased, as a set."""
        return frozenset(str(word).lower() for word in self.cues.get(key, ()))

    def quad(self, event_type: str) -> int:
        return self.types[event_type].quad

    def intensity(self, event_type: str, mode: str | None) -> float:
        info = self.types[event_type]
        if mode and mode in info.modes:
            return float(info.modes[mode])
        return float(info.intensity)

    def canonical_type(self, name: str) -> str:
        upper = name.strip().upper()
        return self.renamed.get(upper, upper)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.lower(),)
    return tuple(str(item).lower() for item in value)


class _Loader(yaml.SafeLoader):
    """YAML without 1.1 booleans for on/off/yes/no (particles like "call on" must stay words)."""


_Loader.yaml_implicit_resolvers = {
    key: [item for item in value if item[0] != "tag:yaml.org,2002:bool"]
    for key, value in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def load_yaml(text: str) -> Any:
    """Parse lexicon YAML: ``true``/``false`` are booleans, ``on``/``off``/``no`` stay strings."""
    return yaml.load(text, Loader=_Loader)


def _read(directory: Path | None, name: str) -> Any:
    try:
        if directory is not None:
            text = (directory / name).read_text(encoding="utf-8")
        else:
            text = (DATA_DIR / name).read_text(encoding="utf-8")
        return load_yaml(text)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"cannot read lexicon file {name}: {exc}") from exc


def _entry(index: int, raw: dict[str, Any], types: dict[str, TypeInfo], classes: dict[str, NounClass]) -> Entry:
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise LexiconError(f"verbs.yaml entry {index} ({raw.get('lemma')}): unknown keys {sorted(unknown)}")
    lemmas = _as_tuple(raw.get("lemma"))
    if not lemmas:
        raise LexiconError(f"verbs.yaml entry {index}: no lemma")
    event_type = raw.get("type")
    wrap = raw.get("wrap")
    if event_type is None and wrap is None and not raw.get("by_object") and not raw.get("from_object"):
        raise LexiconError(f"verbs.yaml entry {index} ({lemmas[0]}): needs a type, wrap, by_object or from_object")
    if event_type is not None and event_type not in types:
        raise LexiconError(f"verbs.yaml entry {index} ({lemmas[0]}): unknown type {event_type}")
    if wrap is not None and wrap not in WRAP_KINDS:
        raise LexiconError(f"verbs.yaml entry {index} ({lemmas[0]}): unknown wrap {wrap}")
    for name in _as_tuple(raw.get("obj")) + _as_tuple(raw.get("not_obj")) + _as_tuple(raw.get("subject_class")):
        if name not in classes and name not in PSEUDO_CLASSES:
            raise LexiconError(f"verbs.yaml entry {index} ({lemmas[0]}): unknown noun class {name}")
    by_object: dict[str, tuple[str, str | None]] = {}
    for name, value in (raw.get("by_object") or {}).items():
        by_object[str(name)] = (str(value["type"]), value.get("mode"))
    pos = str(raw.get("pos", "verb")).lower()
    if pos not in ("verb", "noun", "adj"):
        raise LexiconError(f"verbs.yaml entry {index} ({lemmas[0]}): pos must be verb, noun or adj")
    return Entry(
        index=index,
        lemmas=lemmas,
        pos=pos,
        type=event_type,
        mode=raw.get("mode"),
        prt=_as_tuple(raw.get("prt")),
        no_prt=_as_tuple(raw.get("no_prt")),
        obj=_as_tuple(raw.get("obj")),
        obj_prep=_as_tuple(raw.get("obj_prep")),
        not_obj=_as_tuple(raw.get("not_obj")),
        no_obj=bool(raw.get("no_obj", False)),
        subject_class=_as_tuple(raw.get("subject_class")),
        joint=raw.get("joint"),
        by_object=by_object,
        from_object=bool(raw.get("from_object", False)),
        wrap=wrap,
        actor=_as_tuple(raw.get("actor")),
        recipient=_as_tuple(raw.get("recipient")),
        reciprocal=bool(raw.get("reciprocal", False)),
        needs=_as_tuple(raw.get("needs")),
        conf=float(raw.get("conf", 0.7)),
        context=_as_tuple(raw.get("context")),
    )


def build_lexicon(directory: Path | None = None) -> Lexicon:
    """Read and validate the lexicon files (from ``directory``, default: the packaged data)."""
    plover = _read(directory, "plover.yaml")
    types = {
        name: TypeInfo(
            name=name,
            quad=int(spec["quad"]),
            intensity=float(spec["intensity"]),
            modes={str(k): float(v) for k, v in (spec.get("modes") or {}).items()},
            needs_recipient=bool(spec.get("recipient", False)),
        )
        for name, spec in plover["types"].items()
    }
    missing = set(PLOVER_TYPES) - set(types)
    if missing:
        raise LexiconError(f"plover.yaml lacks types {sorted(missing)}")

    nouns = _read(directory, "nouns.yaml")
    classes: dict[str, NounClass] = {}
    single: dict[str, set[str]] = defaultdict(set)
    compound: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    of_forms: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, spec in nouns["classes"].items():
        event_type = spec.get("type")
        if event_type is not None and event_type not in types:
            raise LexiconError(f"nouns.yaml class {name}: unknown type {event_type}")
        classes[name] = NounClass(name=name, type=event_type, mode=spec.get("mode"))
        for word in spec.get("words") or ():
            word = str(word).lower().strip()
            if " of " in word:
                head, _, obj = word.partition(" of ")
                of_forms[head.split()[-1]].append((obj.split()[-1], name))
            elif " " in word:
                parts = word.split()
                compound[parts[-1]].append((tuple(parts[:-1]), name))
            else:
                single[word].add(name)

    verbs = _read(directory, "verbs.yaml")
    entries = [_entry(i, raw, types, classes) for i, raw in enumerate(verbs["triggers"], start=1)]
    by_lemma: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries:
        for lemma in entry.lemmas:
            by_lemma[(lemma, entry.pos)].append(entry)

    cues = _read(directory, "cues.yaml")
    wrappers: dict[str, WrapRule] = {}
    for kind, spec in cues["wrappers"].items():
        if kind not in WRAP_KINDS:
            raise LexiconError(f"cues.yaml: unknown wrapper {kind}")
        wrappers[kind] = WrapRule(
            kind=kind,
            default=spec.get("default"),
            by_type=dict(spec.get("by_type") or {}),
            by_class=dict(spec.get("by_class") or {}),
            keep=bool(spec.get("keep", False)),
        )
    contexts_file = _read(directory, "contexts.yaml")
    contexts = {name: [str(w).lower() for w in words or ()] for name, words in contexts_file["contexts"].items()}
    return Lexicon(
        types=types,
        renamed={str(k).upper(): str(v).upper() for k, v in (plover.get("renamed") or {}).items()},
        entries=entries,
        classes=classes,
        wrappers=wrappers,
        cues=cues,
        contexts=contexts,
        max_contexts=int(contexts_file.get("max_contexts", 3)),
        _by_lemma=dict(by_lemma),
        _single=dict(single),
        _compound=dict(compound),
        _of=dict(of_forms),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process."""
    lexicon = build_lexicon()
    LOGGER.debug("event lexicon: %d patterns, %d noun classes", len(lexicon.entries), len(lexicon.classes))
    return lexicon
