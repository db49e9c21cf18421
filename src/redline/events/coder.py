"""Code parsed text into PLOVER events with dependency-pattern rules that explain themselves.

Per sentence:

1. **Frames.** Each token whose lemma has patterns in ``verbs.yaml`` is tried against them (particles, object
   classes, subject classes); the first that matches is the token's frame.
2. **Wrappers.** A frame whose pattern wraps an event ("refused to *meet*", "threatened to *cut off electricity*",
   "agreed to *a ceasefire*") takes its complement (a to-infinitive, a that-clause or an event noun) and recodes
   it with the tables in ``cues.yaml``; the complement is not coded again. "plan to", "is expected to" and
   "begin to" are transparent (the first marks the event future).
3. **Speech acts.** In reported or quoted speech the speaker acts: "X said Y must ..." is X REQUEST Y; a military
   response, countermeasures or consequences promised for the future or on a condition are a THREATEN by the
   speaker ("Russia will make a military-technical response if NATO deploys ..." -> Russia THREATEN NATO,
   hypothetical); "Y has no veto over ..." is the speaker REJECT Y; "X is unacceptable" is the speaker REJECT.
4. **Filters.** Conditions ("if NATO deploys"), purposes ("staged a rally *to demand* reforms"), allegations
   ("accused Russia of *massing troops*") and embedded mentions ("the chances of *resuming talks*") are not
   events. One event per clause is kept: the most confident.
5. **Flags and fields.** Negation, future and hypothetical flags; PLOVER's future rules (a promised
   cooperative act is AGREE, a promised retreat CONCEDE, a declared future attack THREATEN); actors and
   recipients resolved through the actor resolver (pronouns through the speaker or the previous sentences);
   date, location, contexts, intensity, quad and a confidence.

``Event.rule`` names the pattern that fired (``verbs#N lemma``), the wrapper and any recoding.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from redline.events import syntax
from redline.events.actors import ActorContext, actor_context
from redline.events.dates import event_date, parse_published
from redline.events.lexicon import Entry, Lexicon, load_lexicon
from redline.events.places import Gazetteer, load_gazetteer
from redline.records import Actor, Event, Quote, Span

LOGGER = logging.getLogger(__name__)

Token = Any

OBJECT_CONTROL = frozenset(
    [
        "urge",
        "ask",
        "call",
        "tell",
        "order",
        "press",
        "pressure",
        "request",
        "invite",
        "encourage",
        "implore",
        "instruct",
        "command",
        "appeal",
        "push",
        "want",
        "need",
        "allow",
        "permit",
        "let",
        "force",
        "persuade",
        "convince",
        "warn",
        "caution",
        "challenge",
        "help",
        "expect",
        "exhort",
        "beseech",
    ]
)
COOPERATIVE = frozenset(["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"])
MATERIAL_CONFLICT = frozenset(["ASSAULT", "MOBILIZE", "SANCTION", "COERCE", "PROTEST"])
HAPPENING_VERBS = frozenset(
    [
        "take",
        "progress",
        "continue",
        "resume",
        "begin",
        "start",
        "open",
        "end",
        "conclude",
        "break",
        "collapse",
        "stall",
        "hold",
        "occur",
        "happen",
        "kill",
        "wound",
        "injure",
        "destroy",
        "hit",
        "rock",
        "erupt",
        "leave",
        "claim",
        "go",
        "last",
        "focus",
        "center",
        "centre",
        "produce",
        "yield",
        "fail",
        "succeed",
        "be",
    ]
)
NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "compound", "amod", "appos"})
DECLARING_LEMMAS = frozenset({"plan", "intend", "decide", "resolve", "vow", "aim", "mean", "determine"})
# Passive forms that state the subject's own stance: "is opposed to", "is committed to", "is prepared to".
STANCE_PASSIVES = frozenset({"oppose", "commit", "prepare", "determine", "resolve", "dispose", "incline", "set"})
SIGNAL_VERBS = frozenset(
    [
        "signal",
        "express",
        "show",
        "confirm",
        "announce",
        "declare",
        "reiterate",
        "voice",
        "indicate",
        "state",
        "make",
        "renew",
        "repeat",
        "extend",
    ]
)
ATTEMPT_NOUNS = frozenset({"attempt", "attempts"})
PURPOSE_HEADS = frozenset({"aim", "design", "intend", "mean", "seek", "try"})
WHO_CLASSES = frozenset({"agent", "people", "people_noun", "workers"})
ROUND_NOUNS = frozenset(["round", "series", "session", "start", "resumption", "course", "rounds"])
REPORT_NOUNS = frozenset(
    ["statement", "reminder", "warning", "message", "letter", "note", "declaration", "remarks", "comments"]
)
THREAT_CONDITIONAL = frozenset(["confrontation", "war", "conflict", "escalation", "clash"])
THREAT_INHERENT = frozenset(
    ["retaliation", "reprisal", "reprisals", "countermeasure", "countermeasures", "retribution", "punishment"]
)
ASSAULT_MODE_WORDS = {
    "explosives": ("bomb", "bombs", "bombing", "explosive", "explosives", "ied", "mine", "landmine", "grenade",
                   "blast"),
    "suicide-attack": ("suicide",),
    "aerial": ("airstrike", "airstrikes", "air", "aircraft", "jet", "jets", "warplane", "warplanes", "helicopter",
               "helicopters", "bomber", "bombers"),
    "drone": ("drone", "drones", "uav", "uavs"),
    "heavy-weapons": ("artillery", "tank", "tanks", "shell", "shells", "shelling", "shelled", "rocket", "rockets",
                      "mortar", "mortars", "missile", "missiles", "howitzer", "katyusha"),
    "firearms": ("gun", "guns", "gunfire", "gunmen", "rifle", "rifles", "shot", "shooting", "gunbattle", "sniper"),
    "primitive": ("machete", "machetes", "knife", "knives", "stone", "stones", "rock", "rocks", "axe", "fire"),
    "targeted": ("assassinate", "assassinated", "assassination", "execute", "executed"),
    "abduct": ("kidnap", "kidnapped", "abduct", "abducted", "hostage", "hijack", "hijacked"),
    "torture": ("torture", "tortured"),
    "unconventional": ("chemical", "nuclear", "biological", "sarin", "gas"),
}  # fmt: skip
ASSAULT_MODE_WORDS["crowd-control"] = ("teargas", "tear", "cannon", "cannons", "rubber", "batons", "pepper")
ASSAULT_MODE_ORDER = ("suicide-attack", "drone", "crowd-control", "unconventional", "aerial", "explosives",
                      "heavy-weapons", "firearms", "targeted", "abduct", "torture", "primitive")  # fmt: skip


@dataclass(slots=True)
class Frame:
    """A token with the pattern it matched (and the object that selected it, if any)."""

    token: Token
    entry: Entry
    obj: Token | None = None
    obj_classes: frozenset[str] = frozenset()


@dataclass(slots=True)
class Voice:
    """Who is speaking in a clause: the reporting verb and its subject, or a stored quote's speaker."""

    verb: Token | None
    speaker: Token | None
    quote: Quote | None = None


@dataclass(slots=True)
class Coded:
    """An event found in a sentence, before its actors and fields are resolved."""

    type: str
    mode: str | None
    head: Token
    first: Token
    last: Token
    rule: list[str]
    conf: float
    actor: Token | None = None
    actor_how: str = ""
    recipients: list[Token] = field(default_factory=list)
    reciprocal: bool = False
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    context: set[str] = field(default_factory=set)
    voice: Voice | None = None
    embedded: bool = False
    speaker_acts: bool = False  # the speaker is the actor (speech acts)
    speech: bool = False  # found by a speech-act rule (its own wording, e.g. "no veto", is not a negation)
    subordinate: bool = False  # in an adverbial clause ("..., urging X to", "after he was implicated")
    declared: bool = False  # the actor announces its own plan ("plans to impose", "decided to expel")
    unless: bool = False  # conditioned by "unless": a cooperative promise becomes leverage
    classes: frozenset[str] = frozenset()
    content_head: Token | None = None  # a wrapper's complement (its conditions make the wrapper hypothetical)

    def span_tokens(self) -> tuple[Token, Token]:
        if abs(self.last.i - self.first.i) > 5:
            return self.head, self.head
        return (self.first, self.last) if self.first.i <= self.last.i else (self.last, self.first)


@dataclass(slots=True)
class Memory:
    """The discourse so far: resolved actors of earlier sentences, for pronouns."""

    people: list[Actor] = field(default_factory=list)
    groups: list[Actor] = field(default_factory=list)

    def add(self, actor: Actor, *, person: bool) -> None:
        if actor.country is None and actor.name is None:
            return
        (self.people if person else self.groups).append(actor)

    def antecedent(self, pronoun: str) -> Actor | None:
        low = pronoun.lower()
        if low in ("he", "she", "him", "her", "his", "hers"):
            return self.people[-1] if self.people else None
        if low in ("it", "its", "they", "them", "their"):
            if self.groups:
                return self.groups[-1]
            return self.people[-1] if low in ("they", "them", "their") and self.people else None
        return None


class EventCoder:
    """The rule-based PLOVER coder. Stateless between documents; one instance serves a whole run."""

    def __init__(
        self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None, *, appeals: bool = False
    ) -> None:
        """:param appeals: code appeals ("called on X to ...", "urged X to ...") as REQUEST; by default they are
        not events (PLOVER's CAMEO translation table drops APPEAL), except calls for force or sanctions
        against someone, which are ACCUSE."""
        self.appeals = appeals
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = gazetteer or load_gazetteer()
        lex = self.lexicon
        self.report_verbs = lex.words("report_verbs")
        self.speech_lemmas = lex.words("speech_lemmas")
        self.future_aux = lex.words("future_aux")
        self.marks = lex.words("conditional_marks") - {"should", "whether", "once"}
        self.negation = lex.words("negation_words")
        self.modals = lex.words("demand_modals")
        self.threat_adjectives = lex.words("threat_adjectives")
        self.entitlements = lex.words("entitlement_nouns")
        self.first_person = lex.words("first_person")
        self.third_person = lex.words("third_person")
        wrapper_lemmas = lex.cues.get("wrapper_lemmas", {})
        self.future_lemmas = frozenset(w.lower() for w in wrapper_lemmas.get("future", ()))
        self.aspect_lemmas = frozenset(w.lower() for w in wrapper_lemmas.get("aspect", ()))
        self.consider_lemmas = frozenset(w.lower() for w in wrapper_lemmas.get("consider", ()))
        self.deny_lemmas = frozenset(w.lower() for w in wrapper_lemmas.get("deny", ()))
        agent_words = set()
        for name in ("agent", "people", "people_noun", "diplomat", "forces"):
            agent_words |= {w for w, classes in lex._single.items() if name in classes}
        self.agent_words = frozenset(agent_words)

    # ------------------------------------------------------------------------------------------------ public
    def code(
        self,
        doc: Any,
        *,
        article_id: str | None = None,
        published: str | date | None = None,
        quotes: Sequence[Quote] = (),
        actors: ActorContext | None = None,
    ) -> list[Event]:
        """All events of a parsed text, in text order.

        :param doc: the spaCy ``Doc`` (offsets of the returned records are character offsets into ``doc.text``)
        :param article_id: the id the events carry (and their ids are derived from)
        :param published: publication date (ISO string or date): relative dates resolve against it
        :param quotes: stored quotes of the article; their speakers act in speech-act events
        :param actors: an actor context for the article (default: one for the publication date)
        """
        pub = parse_published(published)
        ctx = actors if actors is not None else actor_context(pub)
        memory = Memory()
        events: list[Event] = []
        for index, sent in enumerate(doc.sents):
            try:
                coded = self._code_sentence(sent, quotes)
                for item in coded:
                    event = self._finish(item, sent, index, article_id, pub, ctx, memory)
                    if event is not None:
                        events.append(event)
            except (IndexError, KeyError, ValueError, AttributeError) as exc:
                LOGGER.warning("events: sentence %d of %s not coded: %s", index, article_id, exc)
            self._remember(sent, ctx, memory)
        return _dedupe(_recipients_from_context(events))

    def _first(self, token: Token) -> bool:
        """A first-person pronoun ("we", "our"; not the country "US")."""
        return token.pos_ == "PRON" and token.lower_ in self.first_person

    def _third(self, token: Token) -> bool:
        return token.pos_ == "PRON" and token.lower_ in self.third_person

    # ------------------------------------------------------------------------------------------- frames
    def _frames(self, sent: Any) -> dict[int, Frame]:
        frames: dict[int, Frame] = {}
        for token in sent:
            frame = self._match(token)
            if frame is not None:
                frames[token.i] = frame
        return frames

    def _pos(self, token: Token) -> str | None:
        if token.pos_ == "VERB" and token.dep_ in NOMINAL_DEPS and not any(c.dep_ == "nsubj" for c in token.children):
            return None  # "the wounded", "killed civilians", "its offers": a verb form used as a noun or adjective
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
            return "verb"
        if token.pos_ in ("NOUN", "PROPN"):
            if any(child.dep_ in ("nsubj",) for child in token.children) and token.dep_ in ("ROOT", "ccomp"):
                return "verb"
            return "noun"
        if token.pos_ == "ADJ":
            return "adj"
        return None

    def _match(self, token: Token) -> Frame | None:
        pos = self._pos(token)
        if pos is None:
            return None
        for lemma in _lemmas(token) if pos == "verb" else (token.lemma_.lower(), token.lower_):
            for entry in self.lexicon.entries_for(lemma, pos):
                frame = self._check(token, entry)
                if frame is not None:
                    return frame
            if self.lexicon.entries_for(lemma, pos):
                return None
        return None

    def _classes(self, token: Token) -> frozenset[str]:
        """Noun classes of a token, plus "place"/"named" from its entity type; quantity nouns ("tons of food",
        "$5 million worth of goods") take the classes of their "of" phrase."""
        found = set(self.lexicon.classes_of(token))
        if token.ent_type_ in ("GPE", "LOC", "FAC"):
            found.add("place")
        if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            found.add("named")
        if token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS"):
            found.add("people")
        if not (found - {"place", "named", "people"}):
            for child in token.children:
                if child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "ADJ"):
                    found |= self.lexicon.classes_of(child) - WHO_CLASSES
        if not (found - {"place", "named", "people"}):
            current = token
            for _ in range(2):
                amount = current.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY") or current.pos_ == "NUM"
                inner = syntax.prep_object(current, "of", "in") if amount else syntax.prep_object(current, "of")
                if inner is None:
                    break
                inner_classes = self.lexicon.classes_of(inner)
                if inner_classes:
                    found |= inner_classes
                    break
                current = inner
        return frozenset(found)

    def _check(self, token: Token, entry: Entry) -> Frame | None:
        parts = syntax.particles(token)
        if entry.prt and not (parts & set(entry.prt)):
            return None
        if entry.no_prt and parts & set(entry.no_prt):
            return None
        if entry.no_obj and syntax.direct_object(token) is not None:
            return None
        obj, classes = None, frozenset()
        wanted = set(entry.obj) | set(entry.by_object)
        candidates = list(syntax.objects(token, entry.obj_prep))
        if entry.not_obj:
            for candidate in candidates:
                if self._classes(candidate) & set(entry.not_obj):
                    return None
        if wanted:
            for candidate in candidates:
                found = self._classes(candidate)
                if found & wanted:
                    obj, classes = candidate, found
                    break
            if obj is None:
                return None
        elif entry.from_object:
            for candidate in candidates:
                found = self._classes(candidate)
                if any(self.lexicon.classes[name].type for name in found if name in self.lexicon.classes):
                    obj, classes = candidate, found
                    break
            if obj is None:
                return None
        elif candidates:
            obj = candidates[0]
            classes = self._classes(obj)
        if entry.subject_class:
            subj, _ = syntax.subject(token)
            if subj is None or not (self._classes(subj) & set(entry.subject_class)):
                return None
        if "object" in entry.needs and obj is None:
            return None
        frame = Frame(token=token, entry=entry, obj=obj, obj_classes=classes)
        if "recipient" in entry.needs and entry.wrap is None and not self._recipients(frame, entry.recipient):
            return None
        return frame

    # ------------------------------------------------------------------------------------------- sentence
    def _code_sentence(self, sent: Any, quotes: Sequence[Quote]) -> list[Coded]:
        frames = self._frames(sent)
        memo: dict[int, Coded | None] = {}
        consumed: set[int] = set()
        for index in sorted(frames):
            self._evaluate(frames[index], frames, memo, consumed, depth=0)
        coded = [memo[i] for i in sorted(memo) if i not in consumed and memo[i] is not None]
        coded = [item for item in coded if item is not None and self._asserted(item, frames)]
        coded += self._speech_acts(sent, frames, coded, quotes)
        for item in coded:
            self._flags(item, quotes)
        return _one_per_clause(coded)

    def _evaluate(
        self, frame: Frame, frames: dict[int, Frame], memo: dict[int, Coded | None], consumed: set[int], depth: int
    ) -> Coded | None:
        key = frame.token.i
        if key in memo:
            return memo[key]
        memo[key] = None  # guards against cycles in odd parses
        wrapped = frame.entry.wrap is not None
        result = self._wrap(frame, frames, memo, consumed, depth) if wrapped else self._plain(frame)
        memo[key] = result
        return result

    def _plain(self, frame: Frame) -> Coded | None:
        entry, token = frame.entry, frame.token
        event_type, mode = entry.type, entry.mode
        for name in entry.by_object:
            if name in frame.obj_classes:
                event_type, mode = entry.by_object[name]
                break
        if entry.from_object and frame.obj is not None:
            found = self._noun_type(frame.obj, frame.obj_classes)
            if found is not None:
                event_type, mode, _name = found
        if event_type is None:
            return None
        rule = [entry.name]
        if entry.joint and self._joint(frame):
            event_type, mode = entry.joint, None
            rule.append("joint")
        if entry.pos == "noun" and not self._noun_asserted(token):
            return None
        actor, how = self._subject(token)
        if entry.pos == "noun":
            actor, how = self._noun_actor(token)
        if how == "passive":
            actor, how = None, ""
        if event_type == "ASSAULT" and mode is None:
            mode = self._assault_mode(token)
        if event_type == "MOBILIZE" and frame.obj is not None and "weapon_system" in frame.obj_classes:
            mode = "weapons" if "forces" not in frame.obj_classes else mode
        if entry.actor:
            # "Ukraine received aid from Washington": the giver acts, the subject receives
            giver = self._recipients(frame, entry.actor)
            subject = [actor] if actor is not None and "subject" in entry.recipient else []
            actor, how = (giver[0], "subj") if giver else (None, "")
            recipients = subject
        else:
            recipients = self._recipients(frame, entry.recipient)
        if "recipient" in entry.needs and not recipients:
            return None
        last = frame.obj if frame.obj is not None and entry.obj else token
        return Coded(
            type=event_type,
            mode=mode,
            head=token,
            first=token,
            last=last,
            rule=rule,
            conf=entry.conf,
            actor=actor,
            actor_how=how,
            recipients=recipients,
            reciprocal=entry.reciprocal,
            context=set(entry.context),
            classes=frame.obj_classes,
        )

    def _joint(self, frame: Frame) -> bool:
        obj = frame.obj
        if obj is not None and any(child.lower_ in ("joint", "combined", "bilateral") for child in obj.children):
            return True
        subj, _ = syntax.subject(frame.token)
        if subj is not None and syntax.conjuncts(subj):
            return True
        return syntax.prep_object(frame.token, "with") is not None

    def _wrap(
        self, frame: Frame, frames: dict[int, Frame], memo: dict[int, Coded | None], consumed: set[int], depth: int
    ) -> Coded | None:
        entry, token = frame.entry, frame.token
        kind = entry.wrap or ""
        if entry.pos == "noun" and not (token.dep_ == "dobj" and token.head.lemma_.lower() in SIGNAL_VERBS):
            return None  # "its readiness to talk" counts only when signalled, expressed, confirmed ...
        if kind == "appeal" and self.appeals:
            kind = "request"
        rule_table = self.lexicon.wrappers[kind]
        complement = self._complement(frame, frames, xcomp_only="complement" in entry.needs)
        content: Coded | None = None
        content_classes: frozenset[str] = frozenset()
        future = False
        content_negated = False
        content_token: Token | None = None
        if complement is not None:
            what, target, future, content_negated = complement
            content_token = target
            clause = target
            for _ in range(8):
                if clause.head.i == token.i or clause.head == clause:
                    break
                clause = clause.head
            if clause.head.i == token.i:
                for inner in clause.subtree:
                    if inner.i in frames and inner.i != token.i and inner.i != target.i:
                        consumed.add(inner.i)
            if what == "consider":
                return None
            if what == "frame" and depth < 4:
                consumed.add(target.i)
                content = self._evaluate(frames[target.i], frames, memo, consumed, depth + 1)
                if content is not None:
                    content_classes = content.classes
            elif what == "noun":
                content, content_classes = self._noun_content(target)
            elif what == "speech" and kind in ("refuse", "fail"):
                return None
        if kind in ("refuse", "request") and token.lemma_.lower() in self.deny_lemmas:
            ccomp = syntax.first_child(token, "ccomp")
            if ccomp is not None and content_token == ccomp:
                return None
        if "complement" in entry.needs and content_token is None:
            return None
        row: dict[str, Any] = {}
        if kind == "allege":
            result_type, result_mode, keep = entry.type, entry.mode, False
        else:
            row = None
            noun_content = complement is not None and complement[0] == "noun"
            if noun_content:
                for name in self.lexicon.classes:
                    if name in content_classes and name in rule_table.by_class:
                        row = rule_table.by_class[name]
                        break
            if row is None and content is not None and not content_negated:
                row = rule_table.by_type.get(content.type)
            if row is None:
                for name in self.lexicon.classes:
                    if name in content_classes and name in rule_table.by_class:
                        row = rule_table.by_class[name]
                        break
            if content is not None and content_negated and kind == "intent":
                if content.type in MATERIAL_CONFLICT:
                    row = {"type": "AGREE"}  # "pledged not to attack"
                else:
                    return None
            if row is None and content is not None and content_negated and kind == "threat":
                row = {"type": "THREATEN", "mode": "relations"}
            if row is None and content is not None and content_negated and kind == "fail":
                content.negated = True
                row = {"keep": True}
            if row is None and kind == "warn" and syntax.prep_object(token, "against") is not None:
                row = {"type": "THREATEN"}  # "warned the West against crossing its red lines"
                for prep in syntax.children(token, "prep"):
                    if prep.lower_ == "against":
                        consumed.update(t.i for t in prep.subtree if t.i in frames)
            if row is None:
                row = rule_table.default if not (content is not None and rule_table.keep) else {"keep": True}
            if row is None:
                return None
            keep = bool(row.get("keep")) or bool(row.get("keep_self"))
            result_type, result_mode = row.get("type"), row.get("mode")
            if row.get("keep_self"):
                result_type, result_mode = entry.type, entry.mode
        if keep and content is not None and kind != "allege":
            content.future = content.future or future
            content.rule.append(f"under {entry.name}")
            if kind == "future" or future:
                content.future = True
            return content
        if result_type is None:
            return None
        if kind == "intent" and complement is not None and complement[0] == "clause" and content is None:
            return None  # "agreed (that) there was a need ...": agreeing with an opinion, not to an act
        if result_mode == "from_content":
            result_mode = self._derived_mode(
                kind, content, content_token if complement and complement[0] == "noun" else None
            )
        actor, how = self._subject(token)
        if how == "passive" and token.lemma_.lower() not in STANCE_PASSIVES:
            actor, how = None, ""  # "was accused of ...": the subject is the one accused
        if row.get("against"):
            targets = [r for r in (content.recipients if content is not None else []) if r != actor]
            if not targets:
                return None
            recipients = targets
        else:
            recipients = self._recipients(frame, entry.recipient)
        if not recipients and content is not None:
            recipients = [r for r in content.recipients if r != actor]
        if not recipients and content_token is not None and kind in ("intent", "refuse", "request", "threat"):
            for prep in ("to", "with", "against", "on"):
                found = syntax.prep_object(content_token, prep)
                if found is not None and self._actorish(found) is not None and found != actor:
                    recipients = [self._actorish(found)]
                    break
        if not recipients and content is not None and kind == "request" and content.actor_how == "object":
            recipients = [content.actor] if content.actor is not None else []
        if "recipient" in entry.needs and not recipients:
            return None
        rule = [entry.name]
        if content is not None:
            rule.append(f"[{content.type}{':' + content.mode if content.mode else ''} {' '.join(content.rule[:1])}]")
        elif content_classes:
            rule.append(f"[{'/'.join(sorted(content_classes))}]")
        last = content.first if content is not None else (content_token if content_token is not None else token)
        conf = entry.conf
        if content is not None:
            conf = min(0.95, (entry.conf + content.conf) / 2 + 0.08)
        result = Coded(
            type=result_type,
            mode=result_mode or None,
            head=token,
            first=token,
            last=last,
            rule=rule,
            conf=conf,
            actor=actor,
            actor_how=how,
            recipients=recipients,
            reciprocal=entry.reciprocal,
            future=future and result_type not in ("AGREE", "ACCUSE"),
            context=set(entry.context) | (content.context if content is not None else set()),
            classes=content_classes,
            content_head=content_token,
        )
        return result

    def _derived_mode(self, kind: str, content: Coded | None, noun: Token | None = None) -> str | None:
        if noun is not None and content is None and "threat_response" in self.lexicon.classes_of(noun):
            return self._threat_mode(noun)
        if content is None:
            return None
        table_name = "threat_modes" if kind in ("intent", "threat", "warn") else "request_modes"
        table = self.lexicon.cues.get(table_name, {})
        if content.mode and f"{content.type}:{content.mode}" in table:
            return table[f"{content.type}:{content.mode}"]
        if table_name == "threat_modes" and content.type == "ASSAULT" and "territory" in content.classes:
            return "territory"
        return table.get(content.type)

    def _complement(
        self, frame: Frame, frames: dict[int, Frame], *, xcomp_only: bool = False
    ) -> tuple[str, Token, bool, bool] | None:
        """The event a wrapper governs: ``(kind, token, future, negated)`` with kind frame, noun, speech, consider."""
        token = frame.token
        candidates: list[Token] = []
        candidates += syntax.children(token, "xcomp")
        if xcomp_only:
            for candidate in candidates:
                found = self._complement_of(candidate, frames, future=False, depth=0)
                if found is not None:
                    return found
            return ("clause", candidates[0], False, False) if candidates else None
        candidates += [
            child
            for child in syntax.children(token, "advcl")
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            and not any(c.dep_ == "mark" for c in child.children)
        ]
        ccomps = syntax.children(token, "ccomp")
        candidates += ccomps
        for prep in syntax.children(token, "prep"):
            if prep.lower_ in ("to", "on", "upon", "for", "of", "against", "about", "from", "with", "in", "into"):
                candidates += syntax.children(prep, "pcomp", "pobj")
        if frame.obj is not None:
            candidates.append(frame.obj)
        candidates += [child for child in syntax.children(token, "dobj") if child != frame.obj]
        for candidate in candidates:
            found = self._complement_of(candidate, frames, future=False, depth=0)
            if found is not None:
                return found
        if ccomps:
            return "clause", ccomps[0], False, False
        return None

    def _complement_of(
        self, token: Token, frames: dict[int, Frame], *, future: bool, depth: int
    ) -> tuple[str, Token, bool, bool] | None:
        negated = syntax.negated(token, self.negation)
        lemma = token.lemma_.lower()
        if token.i in frames:
            return "frame", token, future, negated
        if depth > 3:
            return None
        if syntax.is_verbal(token) or token.pos_ == "ADJ":
            if lemma in self.speech_lemmas:
                return "speech", token, future, negated
            if lemma in self.consider_lemmas:
                return "consider", token, future, negated
            if lemma in self.future_lemmas or lemma in self.aspect_lemmas or lemma in ("be", "have", "make", "get"):
                is_future = future or lemma in self.future_lemmas
                for child in syntax.children(token, "xcomp", "ccomp", "dobj", "acomp", "attr"):
                    found = self._complement_of(child, frames, future=is_future, depth=depth + 1)
                    if found is not None:
                        return found
                for prep in syntax.children(token, "prep"):
                    for child in syntax.children(prep, "pobj", "pcomp"):
                        found = self._complement_of(child, frames, future=is_future, depth=depth + 1)
                        if found is not None:
                            return found
            for child in syntax.children(token, "dobj"):
                if self._noun_event_classes(child):
                    return "noun", child, future, negated
            for child in syntax.children(token, "conj"):
                if child.i in frames:
                    return "frame", child, future, negated
            return None
        if token.pos_ in ("NOUN", "PROPN") and self._noun_event_classes(token):
            return "noun", token, future, negated
        return None

    def _noun_event_classes(self, token: Token) -> list[str]:
        classes = (self._classes(token) - WHO_CLASSES) & set(self.lexicon.classes)
        typed = [name for name in classes if self.lexicon.classes[name].type is not None]
        return typed + [name for name in classes if self.lexicon.classes[name].type is None]

    def _noun_type(self, noun: Token, classes: frozenset[str]) -> tuple[str, str | None, str] | None:
        """The event an event noun names: its first typed class (joint exercises are COOPERATE)."""
        for name in self.lexicon.classes:
            noun_class = self.lexicon.classes[name]
            if name not in classes or noun_class.type is None:
                continue
            event_type, mode = noun_class.type, noun_class.mode
            if name == "exercise" and (
                any(child.lower_ in ("joint", "combined", "bilateral") for child in noun.children)
                or self._joint_subject(noun)
            ):
                return "COOPERATE", None, name
            if name == "attack" and mode is None:
                mode = self._assault_mode(noun)
            return event_type, mode, name
        return None

    def _joint_subject(self, noun: Token) -> bool:
        verb = syntax.governing_verb(noun)
        subj, _ = syntax.subject(verb)
        return (subj is not None and bool(syntax.conjuncts(subj))) or syntax.prep_object(verb, "with") is not None

    def _noun_content(self, noun: Token) -> tuple[Coded | None, frozenset[str]]:
        """An event noun as a wrapper's content: "demanded *the withdrawal* of ...", "warned of *a response*"."""
        classes = frozenset(self._classes(noun) & set(self.lexicon.classes))
        # "a proposal for a ceasefire", "calls for immediate economic aid", "an appeal to lay down arms"
        if classes & {"demand", "appeal_request", "proposal"}:
            for prep in syntax.children(noun, "prep"):
                if prep.lower_ in ("for", "of", "to", "on"):
                    for inner in syntax.children(prep, "pobj", "pcomp"):
                        inner_classes = self._noun_event_classes(inner)
                        if inner_classes:
                            content, found = self._noun_content(inner)
                            return content, classes | found
            for child in syntax.children(noun, "acl", "relcl"):
                frame = self._match(child)
                if frame is not None and frame.entry.wrap is None:
                    content = self._plain(frame)
                    if content is not None:
                        return content, classes
        found = self._noun_type(noun, classes)
        if found is None:
            return None, classes
        event_type, mode, name = found
        recipients = []
        for prep in ("of", "on", "against", "with", "to", "from", "into"):
            found = syntax.prep_object(noun, prep)
            if found is not None and syntax.is_actorish(found, self.agent_words):
                recipients.append(found)
                break
        return (
            Coded(
                type=event_type,
                mode=mode,
                head=noun,
                first=noun,
                last=noun,
                rule=[f"noun:{name}"],
                conf=0.7,
                recipients=recipients,
                classes=classes,
            ),
            classes,
        )

    # ------------------------------------------------------------------------------------------- arguments
    def _subject(self, token: Token) -> tuple[Token | None, str]:
        subj, how = syntax.subject(token, OBJECT_CONTROL)
        if subj is not None and subj.dep_ == "expl":
            return None, ""
        if subj is not None and subj.tag_ in ("WP", "WDT") and subj.lower_ in ("who", "which", "that"):
            clause = syntax.governing_verb(subj)
            while clause.dep_ not in ("relcl", "acl") and clause.head != clause and syntax.is_verbal(clause.head):
                clause = clause.head
            if clause.dep_ in ("relcl", "acl"):
                subj = clause.head
        if subj is not None and how == "head" and not syntax.is_actorish(subj, self.agent_words):
            # "Moscow issued two documents requesting assurances": the issuer requests
            outer, outer_how = syntax.subject(syntax.governing_verb(subj), OBJECT_CONTROL)
            if outer is not None and syntax.is_actorish(outer, self.agent_words):
                return outer, outer_how
        if subj is not None and not syntax.is_actorish(subj, self.agent_words) and subj.pos_ != "PRON":
            poss = syntax.first_child(subj, "poss")
            if poss is not None and syntax.is_actorish(poss, self.agent_words):
                return poss, how
            if how in ("subj", "agent", "object"):
                return subj, how + ":weak"
            return None, ""
        return subj, how

    def _noun_actor(self, noun: Token) -> tuple[Token | None, str]:
        found = syntax.agent(noun)
        if found is not None:
            return found, "agent"
        poss = syntax.first_child(noun, "poss")
        if poss is not None:
            return poss, "subj"
        for child in noun.children:
            if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                return child, "subj"
        between = syntax.prep_object(noun, "between")
        if between is not None:
            return between, "subj"
        return None, ""

    def _noun_asserted(self, noun: Token) -> bool:
        """A noun trigger names an event only as the subject of a verb of happening ("talks were held")."""
        current = noun
        if current.dep_ == "pobj" and current.head.lower_ == "of" and current.head.head.lemma_.lower() in ROUND_NOUNS:
            current = current.head.head
        if current.dep_ in ("nsubj", "nsubjpass"):
            verb = current.head
            lemma = verb.lemma_.lower()
            if lemma == "be":
                return any(child.dep_ in ("acomp", "attr") and child.lemma_.lower() in ("underway", "under")
                           for child in verb.children)  # fmt: skip
            if lemma in ("expect", "schedule", "set", "due", "plan") and syntax.first_child(verb, "xcomp") is not None:
                return True
            return lemma in HAPPENING_VERBS
        return False

    def _recipients(self, frame: Frame, specs: Iterable[str]) -> list[Token]:
        token = frame.token
        for spec in specs:
            found = self._recipient(token, frame.obj, spec)
            if found is None:
                continue
            found = self._actorish(found)
            if found is None:
                continue
            subj, how = syntax.subject(token)
            if subj is not None and found.i == subj.i and how != "passive":
                continue
            return [found]
        return []

    def _recipient(self, token: Token, obj: Token | None, spec: str) -> Token | None:
        if spec.startswith("head."):
            return self._recipient(token.head, None, spec[5:]) if token.head != token else None
        if spec == "dobj":
            if syntax.is_passive(token):
                return syntax.first_child(token, "nsubjpass")
            return syntax.direct_object(token)
        if spec == "dative":
            found = syntax.first_child(token, "dative", "iobj")
            if found is not None and found.pos_ == "ADP":
                return syntax.first_child(found, "pobj")
            return found
        if spec == "agent":
            return syntax.agent(token)
        if spec == "xobj":
            if syntax.first_child(token, "xcomp") is not None or syntax.first_child(token, "ccomp") is not None:
                found = syntax.direct_object(token)
                if found is None and token.lemma_.lower() in ("call", "prevail"):
                    found = syntax.prep_object(token, "on", "upon")
                if found is not None:
                    return found
                xcomp = syntax.first_child(token, "ccomp")
                if xcomp is not None:
                    return syntax.first_child(xcomp, "nsubj")
            return None
        if spec.startswith("obj."):
            if obj is None:
                obj = syntax.direct_object(token)
            if obj is None:
                return None
            rest = spec[4:]
            if rest in ("poss", "compound", "amod"):
                for child in obj.children:
                    if child.dep_ == rest and (rest == "poss" or child.ent_type_ in ("NORP", "GPE", "ORG")):
                        return child
                return None
            if rest == "by":
                return syntax.agent(obj)
            return syntax.prep_object(obj, rest)
        return syntax.prep_object(token, spec)

    def _actorish(self, token: Token) -> Token | None:
        if token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY"):
            return None
        if syntax.is_actorish(token, self.agent_words):
            return token
        poss = syntax.first_child(token, "poss")
        if poss is not None and syntax.is_actorish(poss, self.agent_words):
            return poss
        inner = syntax.prep_object(token, "of")
        if inner is not None and syntax.is_actorish(inner, self.agent_words) and inner.pos_ == "PROPN":
            return inner
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG"):
                return token
        return None

    def _assault_mode(self, token: Token) -> str | None:
        words = {t.lower_ for t in token.sent} | {t.lemma_.lower() for t in token.sent}
        for mode in ASSAULT_MODE_ORDER:
            if words & set(ASSAULT_MODE_WORDS[mode]):
                return mode
        return None

    # ------------------------------------------------------------------------------------------- filters
    def _asserted(self, item: Coded, frames: dict[int, Frame]) -> bool:
        """Drop events that are conditions, purposes, obligations, allegations or mentions inside a noun phrase;
        mark those in subordinate clauses (they are rarely the sentence's main event)."""
        head = item.head
        if syntax.inside_conditional(head, self.marks):
            return False
        if self._obliged(head):
            return False
        current = head
        for _ in range(6):
            if current.dep_ not in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "conj") or current.head == current:
                break
            current = current.head
            if current.lemma_.lower() in self.consider_lemmas and syntax.is_verbal(current):
                return False  # "is considering sending weapons": an option, not an event
        current = head
        for _ in range(12):
            dep = current.dep_
            parent = current.head
            if parent == current:
                break
            if dep in ("csubj", "csubjpass"):
                return False
            purpose = dep in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
            if purpose and parent.i in frames and frames[parent.i].entry.wrap is None and current == head:
                return False
            if purpose and parent.lemma_.lower() in PURPOSE_HEADS and parent.dep_ in ("acl", "advcl", "relcl"):
                return False
            if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("so", "lest") for c in current.children):
                return False
            consequence = (
                dep == "advcl"
                and current.tag_ == "VBG"
                and not any(c.dep_ in ("nsubj", "mark") for c in current.children)
            )
            if consequence and current == head and parent.i in frames and frames[parent.i].entry.type == item.type:
                return False  # "shelled the city, killing five civilians": one act, told twice
            if dep == "advcl" and parent.i in frames and current == head:
                parent_type = frames[parent.i].entry.type
                if parent_type == "PROTEST" and item.type in ("REQUEST", "ACCUSE", "PROTEST"):
                    return False  # the topic of a protest is not a separate event (PLOVER)
            if dep == "advcl":
                item.subordinate = True
            if dep == "pcomp" and parent.pos_ == "ADP" and current == head:
                holder = parent.head
                if holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() not in REPORT_NOUNS:
                    return False
            gerund = dep == "acl" and current.tag_ in ("VBG", "VB") and parent.pos_ in ("NOUN", "PROPN")
            if (
                gerund
                and current == head
                and parent.lemma_.lower() not in REPORT_NOUNS | ATTEMPT_NOUNS
                and not any(c.dep_ == "nsubj" for c in current.children)
            ):
                return False
            if (
                dep == "pcomp"
                and parent.pos_ == "ADP"
                and parent.head.i in frames
                and current == head
                and frames[parent.head.i].entry.wrap in ("allege", None)
                and parent.lower_ in ("of", "for", "by", "in")
            ):
                return False
            if dep in ("relcl", "acl"):
                item.embedded = True
                if any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might", "may") for c in current.children):
                    return False  # "guarantees that would prohibit ...": a described possibility, not an event
            if gerund and current != head and parent.lemma_.lower() not in REPORT_NOUNS | ATTEMPT_NOUNS:
                return False  # "drafts implying lifting sanctions": the content of a document
            if dep in ("ccomp", "conj", "parataxis", "advcl", "xcomp", "relcl", "acl", "pcomp", "prep", "pobj"):
                current = parent
                continue
            break
        return True

    # ------------------------------------------------------------------------------------------- speech
    def _voice(self, token: Token, quotes: Sequence[Quote]) -> Voice | None:
        """Who speaks the clause of ``token``: a reporting verb above it, "according to X", or a stored quote."""
        current = token
        for _ in range(12):
            if current != token and current.lemma_.lower() in self.report_verbs and syntax.is_verbal(current):
                speaker, _ = syntax.subject(current)
                return Voice(verb=current, speaker=speaker, quote=self._quote_at(token, quotes))
            if current != token and current.lemma_.lower() in REPORT_NOUNS and current.pos_ == "NOUN":
                verb = syntax.governing_verb(current)
                speaker, _ = syntax.subject(verb)
                if speaker is not None:
                    return Voice(verb=verb, speaker=speaker, quote=self._quote_at(token, quotes))
            for prep in syntax.children(current, "prep"):
                if prep.lower_ == "according":
                    inner = syntax.first_child(prep, "prep")
                    obj = syntax.first_child(inner, "pobj") if inner is not None else None
                    if obj is not None:
                        return Voice(verb=None, speaker=obj, quote=self._quote_at(token, quotes))
            if current.head == current:
                break
            current = current.head
        # "Y will happen, X warned" parsed with the reporting verb as a conjunct of the root
        for child in current.children:
            if child.dep_ in ("conj", "parataxis") and child.i > token.i and child.lemma_.lower() in self.report_verbs:
                speaker, _ = syntax.subject(child)
                if speaker is not None and speaker.i > token.i:
                    return Voice(verb=child, speaker=speaker, quote=self._quote_at(token, quotes))
        quote = self._quote_at(token, quotes)
        if quote is not None:
            return Voice(verb=None, speaker=None, quote=quote)
        return None

    def _quote_at(self, token: Token, quotes: Sequence[Quote]) -> Quote | None:
        offset = token.idx
        for quote in quotes:
            if quote.start <= offset < quote.end:
                return quote
        return None

    def _speech_acts(
        self, sent: Any, frames: dict[int, Frame], coded: list[Coded], quotes: Sequence[Quote]
    ) -> list[Coded]:
        """Demands, threats and refusals made by speaking, with the speaker as actor."""
        found: list[Coded] = []
        heads = {item.head.i for item in coded}
        covered = {t.i for item in coded for t in item.head.subtree if item.type == "THREATEN"}
        for token in sent:
            lemma = token.lemma_.lower()
            # "Y must / should / is obliged to ..." in someone's statement: a REQUEST from the speaker to Y.
            if syntax.is_verbal(token) and token.i not in heads:
                modal = self._demand_modal(token)
                if modal is not None:
                    item = self._modal_request(token, modal, frames, quotes)
                    if item is not None:
                        found.append(item)
            # a military response / countermeasures / consequences promised or conditioned: a THREATEN.
            if token.pos_ == "NOUN" and token.i not in covered and self._threat_noun(token):
                item = self._threat_from_noun(token, quotes)
                if item is not None:
                    found.append(item)
                    covered |= {t.i for t in token.subtree}
            # "Y has no veto over ...": the speaker rejects Y's claim.
            denied = any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)
            if lemma in self.entitlements and token.dep_ == "dobj" and token.head.lemma_.lower() == "have" and denied:
                item = self._entitlement(token, quotes)
                if item is not None:
                    found.append(item)
        return found

    def _obliged(self, token: Token) -> bool:
        """The clause of ``token`` is an obligation ("Y must ...", "Y has to ..."): demanded, not done."""
        verb = syntax.governing_verb(token)
        for _ in range(3):
            if self._demand_modal(verb) is not None:
                return True
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            climbs = verb.dep_ in ("xcomp", "acomp") or (verb.dep_ == "conj" and not own_subject)
            if climbs and verb.head != verb and syntax.is_verbal(verb.head):
                verb = verb.head
                continue
            if verb.dep_ == "acomp" or (verb.pos_ == "ADJ" and verb.head != verb):
                verb = verb.head
                continue
            break
        return False

    def _demand_modal(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "aux" and child.lower_ in self.modals:
                return child
        # "has to", "is obliged to": the verb is the xcomp of have/oblige
        head = verb.head
        if verb.dep_ == "xcomp" and head != verb:
            if (
                head.lemma_.lower() == "have"
                and head.tag_ in ("VBZ", "VBP")
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
                and syntax.first_child(head, "nsubj") is not None
            ):
                return head
            if (
                head.lower_ in ("obliged", "obligated", "required", "bound")
                and syntax.first_child(head, "nsubjpass", "nsubj") is not None
            ):
                return head
        return None

    def _modal_request(
        self, verb: Token, modal: Token, frames: dict[int, Frame], quotes: Sequence[Quote]
    ) -> Coded | None:
        holder = modal if modal.dep_ != "aux" else verb
        voice = self._voice(holder, quotes)
        if voice is None or (voice.speaker is None and voice.quote is None):
            return None
        subj, _ = syntax.subject(holder)
        if subj is None or self._first(subj) or subj.lower_ in ("you", "one", "this", "that", "there"):
            return None
        if subj.lower_ == "it" and (syntax.is_passive(verb) or verb.lemma_.lower() == "be"):
            return None  # "it must be said", "it must be clear"
        if subj.pos_ == "PRON" and verb.lemma_.lower() == "be" and syntax.first_child(verb, "acomp") is not None:
            return None  # "they must be legal": a property, not a demand on an actor
        if not syntax.is_actorish(subj, self.agent_words):
            return None
        if voice.speaker is not None and subj.i == voice.speaker.i:
            return None
        content = self._match(verb)
        mode = None
        if content is not None and content.entry.type:
            table = self.lexicon.cues.get("request_modes", {})
            mode = table.get(content.entry.type)
        context = set(content.entry.context) if content is not None else set()
        return Coded(
            type="REQUEST",
            mode=mode,
            head=holder,
            first=modal,
            last=verb if abs(verb.i - modal.i) <= 3 else modal,
            rule=[f"speech: modal demand ({modal.lower_})"],
            speech=True,
            conf=0.6,
            recipients=[subj],
            voice=voice,
            speaker_acts=True,
            context=context,
        )

    def _threat_noun(self, noun: Token) -> bool:
        lemma = noun.lemma_.lower()
        if lemma in THREAT_CONDITIONAL:
            verb = syntax.governing_verb(noun)
            return syntax.conditional_clause(verb, self.marks) is not None
        classes = self.lexicon.classes_of(noun)
        if "threat_response" not in classes:
            return False
        if lemma in THREAT_INHERENT:
            return True
        modifiers = {child.lower_ for child in noun.children if child.dep_ in ("amod", "compound", "nmod")}
        for child in noun.children:
            if child.dep_ in ("amod", "compound"):
                modifiers |= {grand.lower_ for grand in child.children if grand.dep_ in ("amod", "compound", "conj")}
                modifiers.add(child.text.lower())
        joined = " ".join(sorted(modifiers))
        if "military-technical" in joined or "technical" in modifiers:
            return True
        if lemma in ("cost", "costs", "consequence", "consequences", "price"):
            return bool(modifiers & {"severe", "serious", "massive", "grave", "dire", "heavy", "high", "enormous",
                                     "significant", "unprecedented", "swift", "real", "painful"})  # fmt: skip
        if lemma == "force":
            return any(child.lower_ in ("military", "armed") for child in noun.children)
        return bool(modifiers & self.threat_adjectives)

    def _threat_from_noun(self, noun: Token, quotes: Sequence[Quote]) -> Coded | None:
        """A threat noun in a promised, conditioned or warned-of clause: the speaker (or possessor) threatens."""
        verb = syntax.governing_verb(noun)
        conditional = syntax.conditional_clause(verb, self.marks)
        otherwise = any(t.lower_ in ("otherwise", "else") for t in noun.sent if t.i < noun.i)
        future = syntax.is_future(verb, self.future_aux) or verb.lemma_.lower() in self.future_lemmas
        warned = any(
            t.lemma_.lower() in ("warn", "threaten", "vow", "promise", "pledge") for t in syntax.path_to_root(noun)
        )
        if syntax.inside_conditional(noun, self.marks):
            return None
        if not (conditional is not None or otherwise or future or warned):
            return None
        voice = self._voice(noun, quotes)
        actor: Token | None = None
        how = ""
        poss = syntax.first_child(noun, "poss")
        source = syntax.prep_object(noun, "from", "by")
        if poss is not None:
            actor, how = poss, "subj"
        elif source is not None and syntax.is_actorish(source, self.agent_words):
            actor, how = source, "subj"
        else:
            subj, subj_how = syntax.subject(verb)
            if subj is not None and subj != noun and syntax.is_actorish(subj, self.agent_words):
                actor, how = subj, subj_how
        if actor is None and voice is None:
            return None
        recipients: list[Token] = []
        if conditional is not None:
            cond_subj = self._condition_party(conditional, actor)
            if cond_subj is not None:
                recipients.append(cond_subj)
        if not recipients:
            target = syntax.prep_object(noun, "against", "to", "toward", "towards")
            if target is not None and syntax.is_actorish(target, self.agent_words):
                recipients.append(target)
        if not recipients and voice is not None and voice.verb is not None:
            content = voice.verb
            for candidate in syntax.children(content, "ccomp") + syntax.children(content, "dobj", "dative"):
                subj, _ = syntax.subject(candidate) if candidate.dep_ == "ccomp" else (candidate, "")
                if (
                    subj is not None
                    and subj != actor
                    and syntax.is_actorish(subj, self.agent_words)
                    and not self._first(subj)
                    and (voice.speaker is None or subj.i != voice.speaker.i)
                ):
                    recipients.append(subj)
                    break
        mode = self._threat_mode(noun)
        first = noun
        for child in noun.lefts:
            if child.dep_ in ("amod", "compound", "nmod") and child.left_edge.i < first.i:
                first = child.left_edge
        return Coded(
            type="THREATEN",
            mode=mode,
            head=noun,
            first=first,
            last=noun,
            rule=[f"speech: threat noun ({noun.lemma_.lower()})"],
            speech=True,
            conf=0.75,
            actor=actor,
            actor_how=how,
            recipients=recipients,
            hypothetical=conditional is not None or otherwise,
            future=future,
            voice=voice,
            speaker_acts=actor is None,
            context={"military"} if mode == "violence" else set(),
        )

    def _condition_party(self, condition: Token, actor: Token | None) -> Token | None:
        """Who the condition is about: the subject of "if NATO deploys", the agent or owner in "in case of
        aggressive policy continued by our Western colleagues"."""
        if syntax.is_verbal(condition):
            found, _ = syntax.subject(condition)
        else:
            found = None
            for child in condition.children:
                if child.dep_ in ("acl", "relcl"):
                    found = syntax.agent(child)
                    if found is not None:
                        break
            if found is None:
                found = syntax.first_child(condition, "poss") or syntax.prep_object(condition, "by", "of")
        if found is None or (actor is not None and found.i == actor.i):
            return None
        if self._first(found) or not syntax.is_actorish(found, self.agent_words):
            return None
        return found

    def _threat_mode(self, noun: Token) -> str | None:
        """violence for military or technical responses, restrict for economic ones, else unknown."""
        words = {
            t.lower_ for child in noun.children if child.dep_ in ("amod", "compound", "nmod") for t in child.subtree
        }
        for conj in syntax.conjuncts(noun):
            words |= {t.lower_ for child in conj.children if child.dep_ in ("amod", "compound") for t in child.subtree}
        if words & {"economic", "financial", "trade"}:
            return "restrict"
        if words & {"military", "military-technical", "technical", "nuclear", "retaliatory", "armed"}:
            return "violence"
        return "violence" if noun.lemma_.lower() in ("force", "retaliation") else None

    def _entitlement(self, noun: Token, quotes: Sequence[Quote]) -> Coded | None:
        verb = noun.head
        voice = self._voice(verb, quotes)
        subj, _ = syntax.subject(verb)
        if voice is None or subj is None or not syntax.is_actorish(subj, self.agent_words):
            return None
        if voice.speaker is not None and subj.i == voice.speaker.i:
            return None
        det = next((child for child in noun.children if child.dep_ == "det"), noun)
        return Coded(
            type="REJECT",
            mode="change",
            head=verb,
            first=det,
            last=noun,
            rule=[f"speech: no {noun.lemma_.lower()}"],
            speech=True,
            conf=0.7,
            recipients=[subj],
            voice=voice,
            speaker_acts=True,
            context={"diplomatic"},
        )

    # ------------------------------------------------------------------------------------------- flags
    def _flags(self, item: Coded, quotes: Sequence[Quote]) -> None:
        head = item.head
        if not item.speech:
            item.negated = item.negated or syntax.negated(head, self.negation)
        top = head if syntax.is_verbal(head) or head.pos_ == "ADJ" else syntax.governing_verb(head)
        while (
            top.dep_ in ("xcomp",)
            and top.head != top
            and top.head.lemma_.lower() in (self.future_lemmas | self.aspect_lemmas)
        ):
            if top.head.lemma_.lower() in self.future_lemmas:
                item.future = True
                if top.head.lemma_.lower() in DECLARING_LEMMAS:
                    item.declared = True
                if top.head.lemma_.lower() == "prepare" and item.type == "ASSAULT" and not item.speech:
                    item.rule.append("prepared ASSAULT->MOBILIZE")
                    item.type, item.mode, item.future = "MOBILIZE", None, False
            top = top.head
        if syntax.is_future(top, self.future_aux) and item.type != "AGREE":
            item.future = True
        condition = syntax.conditional_clause(top, self.marks)
        if condition is None and item.content_head is not None:
            condition = syntax.conditional_clause(syntax.governing_verb(item.content_head), self.marks)
        if condition is not None:
            item.hypothetical = True
            if any(c.dep_ == "mark" and c.lower_ == "unless" for c in condition.children):
                item.unless = True
            if not item.recipients and item.type == "THREATEN":
                cond_subj = self._condition_party(condition, item.actor)
                if cond_subj is not None:
                    item.recipients = [cond_subj]
        if any(child.lower_ in ("otherwise",) for child in top.children):
            item.hypothetical = True
        if item.voice is None:
            item.voice = self._voice(top, quotes)
        if item.negated:
            self._negation_rules(item)
        self._future_rules(item)

    def _future_rules(self, item: Coded) -> None:
        """PLOVER: promised cooperation is AGREE, a promised retreat CONCEDE, a declared future attack THREATEN."""
        if not item.future or item.type in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
            return
        explicit_actor = item.actor is not None and item.actor_how in ("subj", "agent")
        if item.unless and item.type in ("RETREAT", "AID", "COOPERATE", "SANCTION") and explicit_actor:
            item.rule.append(f"future {item.type} unless ...->THREATEN")
            item.type, item.mode = "THREATEN", "relations"
            return
        if item.type in ("CONSULT", "SUPPORT", "COOPERATE", "AID") and explicit_actor:
            item.rule.append(f"future {item.type}->AGREE")
            item.type, item.mode = "AGREE", None
        elif item.type == "RETREAT" and explicit_actor:
            item.rule.append("future RETREAT->CONCEDE")
            item.type, item.mode = "CONCEDE", None
        elif item.type in MATERIAL_CONFLICT and (
            item.hypothetical or (self._declared(item) and item.type != "MOBILIZE")
        ):
            table = self.lexicon.cues.get("threat_modes", {})
            mode = table.get(f"{item.type}:{item.mode}") or table.get(item.type)
            item.rule.append(f"future {item.type}->THREATEN")
            item.type, item.mode = "THREATEN", mode

    def _declared(self, item: Coded) -> bool:
        """The actor states its own future act (first person, or a pronoun for the speaker)."""
        if item.actor is None:
            return False
        if item.declared:
            return True
        if self._first(item.actor):
            return True
        return item.voice is not None and item.voice.speaker is not None and self._third(item.actor)

    def _negation_rules(self, item: Coded) -> None:
        """A refused cooperation ("will not accept refugees", "would not meet their demands") is REJECT, and so is
        a refused sanction ("Belgrade would never impose sanctions on Russia")."""
        if item.type in COOPERATIVE | {"SANCTION"} and (
            item.future or any(c.lower_ in ("would", "will", "wo", "can", "ca") for c in item.head.children)
        ):
            table = self.lexicon.cues.get("request_modes", {})
            mode = table.get(f"{item.type}:{item.mode}") or table.get(item.type)
            item.rule.append(f"negated {item.type}->REJECT")
            item.type, item.mode, item.negated = "REJECT", mode, False
            item.future = False

    # ------------------------------------------------------------------------------------------- records
    def _finish(
        self,
        item: Coded,
        sent: Any,
        index: int,
        article_id: str | None,
        published: date | None,
        ctx: ActorContext,
        memory: Memory,
    ) -> Event | None:
        lex = self.lexicon
        voice = item.voice
        quote = voice.quote if voice is not None else None
        speaker_actors = self._speaker_actors(voice, ctx, memory)
        if item.speaker_acts:
            actors = speaker_actors
        elif (
            item.actor is not None
            and item.actor.pos_ == "PRON"
            and speaker_actors
            and (self._first(item.actor) or voice is not None)
        ):
            in_sentence = voice is not None and voice.speaker is not None and voice.speaker.sent == sent
            actors = speaker_actors if in_sentence else [_relabel(a, item.actor) for a in speaker_actors]
        elif item.actor is not None:
            actors = self._actors(item.actor, ctx, memory, reciprocal=item.reciprocal)
            if item.type in VERBAL_ACTS and _speaks_for(speaker_actors, actors):
                # "Ryabkov said Russia was ready to respond": the statement is the act, and its speaker made it
                actors = speaker_actors
        elif item.type == "CONSULT" and voice is not None:
            actors = speaker_actors  # "talks with X are progressing", says a negotiating party
        else:
            actors = []
        recipients: list[Actor] = []
        exclude = frozenset({item.actor.i} if item.actor is not None else set())
        for token in item.recipients:
            for actor in self._actors(token, ctx, memory, reciprocal=True, exclude=exclude):
                if not any(_same(actor, a) for a in actors):
                    recipients.append(actor)
        if item.speech or item.type in ("REQUEST", "THREATEN", "REJECT"):
            own = {a.country for a in actors if a.country}
            recipients = [r for r in recipients if not (r.country and r.country in own)]
            if not recipients and item.type != "CONSULT":
                recipients = self._addressee(item, sent, voice, actors, ctx, memory)
            if item.speech and item.type == "REQUEST" and not recipients:
                return None
        if not actors and (not recipients or item.negated):
            return None  # nobody acts: nothing to code (and a negated act of nobody is noise)
        if item.type == "CONSULT" and item.mode != "visit" and item.reciprocal and actors and recipients:
            # PLOVER: in a meeting with no host/visitor distinction every participant is an actor.
            actors = actors + [r for r in recipients if not any(_same(r, a) for a in actors)]
            recipients = []
        actors = _distinct(actors)
        if item.speaker_acts and not actors:
            return None
        first, last = item.span_tokens()
        start, end = syntax.token_range(first, last)
        trigger = Span(text=sent.doc.text[start:end], start=start, end=end)
        anchors = [item.head, syntax.governing_verb(item.head)]
        if voice is not None and voice.verb is not None:
            anchors.append(voice.verb)
        when, until, _expr = event_date(sent, anchors, published, future=item.future, future_anchors=2)
        location = self.gazetteer.locate(sent, item.head)
        if (
            item.type in ("ASSAULT", "COERCE")
            and not recipients
            and location
            and not item.negated
            and all(a.country and a.country != location for a in actors)
        ):
            # "Russian missiles struck energy infrastructure in Kyiv and Lviv": an attack on a place targets its state
            recipients = [Actor(text=location, country=location)]
        if location is None and item.type in ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE"):
            for target in recipients:
                place = self.gazetteer.lookup(target.text) or self.gazetteer.lookup(target.text.split(" of ")[-1])
                if place is not None and not place.is_country:
                    location = place.country  # "shelled the city of Kharkiv": the target is the place
                    break
        mode = item.mode
        conf = self._confidence(item, actors, recipients)
        rule = "; ".join(item.rule)
        flags = [
            name
            for name, on in (("negated", item.negated), ("future", item.future), ("hypothetical", item.hypothetical))
            if on
        ]
        if flags:
            rule += f"; {'+'.join(flags)}"
        if voice is not None and voice.verb is not None:
            rule += f"; voice: {voice.verb.lower_}"
        event_id = _event_id(article_id, start, end, item.type)
        event = Event(
            id=event_id,
            event_type=item.type,
            article_id=article_id,
            text=sent.text.strip(),
            trigger=trigger,
            actor=actors,
            recipient=recipients,
            mode=mode,
            negated=item.negated,
            hypothetical=item.hypothetical,
            future=item.future,
            context=self._contexts(sent, item),
            date=when,
            date_end=until,
            location=location,
            intensity=lex.intensity(item.type, mode),
            quad=lex.quad(item.type),
            confidence=conf,
            rule=rule,
            quote_id=quote.id if quote is not None else None,
            sentence_index=index,
        )
        return event

    def _addressee(
        self, item: Coded, sent: Any, voice: Voice | None, actors: list[Actor], ctx: ActorContext, memory: Memory
    ) -> list[Actor]:
        """A speech act's recipient when its clause names none: whom the speaker told ("told his US counterpart"),
        else, for threats and demands, the one other named party of the sentence."""
        own = {a.country for a in actors if a.country}
        if voice is not None and voice.verb is not None:
            for token in syntax.children(voice.verb, "dative", "dobj", "iobj"):
                token = syntax.first_child(token, "pobj") or token if token.pos_ == "ADP" else token
                for actor in self._actors(token, ctx, memory, reciprocal=True):
                    if actor.sector != "JRN" and actor.country and actor.country not in own:
                        return [actor]
        if item.type not in ("THREATEN", "REQUEST"):
            return []
        others: list[Actor] = []
        for ent in sent.ents:
            if ent.label_ not in ("ORG", "GPE", "NORP"):
                continue
            actor = ctx.resolve(ent.text, start=ent.start_char, end=ent.end_char)
            if actor is None or not actor.country or actor.country in own or actor.sector == "JRN":
                continue
            if not any(a.country == actor.country for a in others):
                others.append(actor)
        return others[:1] if len(others) == 1 else []

    def _confidence(self, item: Coded, actors: list[Actor], recipients: list[Actor]) -> float:
        conf = item.conf
        if not actors:
            conf *= 0.65
        elif all(a.country is None and a.name is None for a in actors):
            conf *= 0.85
        if item.actor_how.endswith(":weak"):
            conf *= 0.85
        info = self.lexicon.types[item.type]
        if info.needs_recipient and not recipients:
            conf *= 0.8
        if item.embedded:
            conf *= 0.7
        if item.subordinate:
            conf *= 0.75
        if item.negated:
            conf *= 0.4
        if item.hypothetical and item.type != "THREATEN":
            conf *= 0.8
        return round(max(0.05, min(0.99, conf)), 2)

    def _contexts(self, sent: Any, item: Coded) -> list[str]:
        text = f" {sent.text.lower()} "
        lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        scores: dict[str, int] = {name: 2 for name in item.context if name}
        for name, words in self.lexicon.contexts.items():
            hits = 0
            for word in words:
                if " " in word or "-" in word:
                    hits += word in text
                else:
                    hits += word in lemmas
            if hits:
                scores[name] = scores.get(name, 0) + hits
        ranked = sorted(scores, key=lambda name: -scores[name])
        return ranked[: self.lexicon.max_contexts]

    # ------------------------------------------------------------------------------------------- actors
    def _actors(
        self,
        token: Token,
        ctx: ActorContext,
        memory: Memory,
        *,
        reciprocal: bool,
        exclude: frozenset[int] = frozenset(),
    ) -> list[Actor]:
        heads = [token] + [c for c in syntax.conjuncts(token) if c.pos_ in ("NOUN", "PROPN", "PRON")]
        found: list[Actor] = []
        for head in heads:
            split = self._coordinated_modifiers(head, ctx)
            if split:
                found.extend(a for a in split if not any(_same(a, b) for b in found))
                continue
            actor = self._actor(head, ctx, memory, exclude=exclude)
            if actor is not None and not any(_same(actor, a) for a in found):
                found.append(actor)
        return found

    def _actor(
        self, head: Token, ctx: ActorContext, memory: Memory, *, exclude: frozenset[int] = frozenset()
    ) -> Actor | None:
        doc = head.doc
        if head.pos_ == "PRON":
            near = self._antecedent_in_sentence(head, exclude)
            if near is not None:
                return _relabel(self._actor(near, ctx, memory) or Actor(text=near.text), head)
            antecedent = memory.antecedent(head.lower_)
            if antecedent is None:
                return Actor(text=head.text, start=head.idx, end=head.idx + len(head.text))
            return _relabel(antecedent, head)
        start, end = syntax.np_span(head)
        # a phrase the parser broke into sibling fragments ("by ex - president of the US Donald Trump")
        while end < len(doc) and doc[end].head == head.head and doc[end].dep_ == head.dep_ and head.dep_ != "conj":
            end = max(end + 1, syntax.np_span(doc[end])[1])
        span = doc[start:end]
        text = span.text
        actor = ctx.resolve(text, start=span.start_char, end=span.end_char)
        if actor is None or (actor.country is None and actor.name is None):
            inner = [a for a in ctx.find(span) if a.country or a.name]
            if inner:
                actor = inner[0]
        if actor is None or actor.country is None:
            for appos in syntax.children(head, "appos"):
                a_start, a_end = syntax.np_span(appos)
                extra = ctx.resolve(doc[a_start:a_end].text, start=doc[a_start].idx, end=doc[a_end - 1].idx)
                if extra is not None and extra.country:
                    actor = Actor(
                        text=text,
                        start=span.start_char,
                        end=span.end_char,
                        name=(actor.name if actor is not None and actor.name else extra.name),
                        country=extra.country,
                        sector=extra.sector,
                        role=extra.role,
                        kb_id=extra.kb_id if actor is None or actor.kb_id is None else actor.kb_id,
                    )
                    break
        if (actor is None or actor.country is None) and (place := self.gazetteer.lookup(text)) is not None:
            actor = Actor(text=text, name=actor.name if actor else place.name, country=place.country)
        if actor is None:
            return Actor(text=text, start=span.start_char, end=span.end_char)
        # the whole phrase is the mention, whichever part of it resolved
        return dataclasses.replace(actor, text=text, start=span.start_char, end=span.end_char)

    def _coordinated_modifiers(self, head: Token, ctx: ActorContext) -> list[Actor]:
        """ "US and Russian diplomats": one actor per coordinated nationality (when they name different ones)."""
        if head.pos_ == "PRON":
            return []
        for child in head.lefts:
            if child.dep_ not in ("compound", "amod", "nmod") or not any(g.dep_ == "conj" for g in child.children):
                continue
            parts = [child, *syntax.conjuncts(child)]
            actors = []
            for part in parts:
                found = ctx.resolve(f"{part.text} {head.text}", start=part.idx, end=part.idx + len(part.text))
                if found is None or not found.country:
                    return []
                actors.append(dataclasses.replace(found, text=part.text, start=part.idx, end=part.idx + len(part.text)))
            if len({a.country for a in actors}) > 1:
                return actors
        return []

    def _antecedent_in_sentence(self, pronoun: Token, exclude: frozenset[int]) -> Token | None:
        """The nearest earlier actor phrase of the sentence a third-person pronoun can refer to."""
        low = pronoun.lower_
        if not self._third(pronoun):
            return None
        wants_person = low in ("he", "she", "him", "her", "his")
        for token in reversed(list(pronoun.sent[: pronoun.i - pronoun.sent.start])):
            if token.i in exclude or token.pos_ == "PRON":
                continue
            if token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "poss"):
                continue
            if not syntax.is_actorish(token, self.agent_words) or token.ent_type_ in ("DATE", "TIME"):
                continue
            person = token.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in token.subtree)
            if person == wants_person or (low in ("they", "them", "their") and not person):
                return token
        return None

    def _speaker_actors(self, voice: Voice | None, ctx: ActorContext, memory: Memory) -> list[Actor]:
        if voice is None:
            return []
        if (
            voice.quote is not None
            and voice.quote.speaker is not None
            and (voice.quote.speaker.name or voice.quote.speaker.country)
        ):
            speaker = voice.quote.speaker
            mention = speaker.mention or speaker.name or ""
            return [Actor(text=mention, name=speaker.name, country=speaker.country, sector=speaker.sector,
                          role=speaker.role, kb_id=speaker.kb_id)]  # fmt: skip
        if voice.speaker is not None:
            return self._actors(voice.speaker, ctx, memory, reciprocal=False)
        return []

    def _remember(self, sent: Any, ctx: ActorContext, memory: Memory) -> None:
        """Keep this sentence's subjects for the pronouns of the next ones."""
        for token in sent:
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
                continue
            if not syntax.is_actorish(token, self.agent_words):
                continue
            actor = self._actor(token, ctx, memory)
            if actor is None:
                continue
            person = (
                token.ent_type_ == "PERSON" or bool(actor.role) or any(t.ent_type_ == "PERSON" for t in token.subtree)
            )
            memory.add(actor, person=person)


def _relabel(actor: Actor, token: Token) -> Actor:
    """The same actor, named by another mention (a pronoun) in this sentence."""
    return dataclasses.replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text))


def _same(first: Actor, second: Actor) -> bool:
    if first.start >= 0 and first.start == second.start and first.end == second.end:
        return True
    if first.kb_id and first.kb_id == second.kb_id:
        return True
    return bool(first.name and first.name == second.name and first.country == second.country)


def _distinct(actors: list[Actor]) -> list[Actor]:
    """One actor per entity: "Kyiv ... Ukraine's president" are one side, not two."""
    out: list[Actor] = []
    for actor in actors:
        key = actor.kb_id or actor.name or (actor.country if not actor.name else None)
        if key is not None and any((a.kb_id or a.name or a.country) == key for a in out):
            continue
        out.append(actor)
    return out


VERBAL_ACTS = frozenset({"THREATEN", "REQUEST", "REJECT", "ACCUSE", "SUPPORT", "AGREE", "CONCEDE"})


def _speaks_for(speakers: Sequence[Actor], actors: Sequence[Actor]) -> bool:
    """A named speaker of the same state as every (state-level) actor of the reported statement."""
    named = [a for a in speakers if a.name and a.country and a.kb_id != a.country]
    if not named or not actors:
        return False
    countries = {a.country for a in named}
    return all(a.country in countries and (a.kb_id is None or a.kb_id == a.country) and not a.role for a in actors)


def _event_id(article_id: str | None, start: int, end: int, event_type: str) -> str:
    key = f"{article_id or ''}|{start}|{end}|{event_type}"
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _one_per_clause(coded: list[Coded]) -> list[Coded]:
    """Keep the most confident event of each clause (clause = nearest verbal head of the event's head)."""
    best: dict[int, Coded] = {}
    for item in coded:
        clause = syntax.governing_verb(item.head).i
        current = best.get(clause)
        if current is None or item.conf > current.conf:
            best[clause] = item
    return sorted(best.values(), key=lambda item: item.head.i)


def _recipients_from_context(events: list[Event], window: int = 2) -> list[Event]:
    """A demand, threat or refusal with no recipient in its sentence is addressed to whom the same actor's
    previous demand or threat (at most ``window`` sentences back) was: "Russia warned NATO ... 'We need
    guarantees,' the diplomat said." The rule says so, and the confidence is lowered."""
    for index, event in enumerate(events):
        if event.recipient or event.event_type not in ("REQUEST", "THREATEN", "REJECT") or event.sentence_index is None:
            continue
        own = {a.country for a in event.actor if a.country}
        if not own:
            continue
        for earlier in reversed(events[:index]):
            if earlier.sentence_index is None or event.sentence_index - earlier.sentence_index > window:
                break
            if earlier.event_type not in ("REQUEST", "THREATEN", "REJECT") or not earlier.recipient:
                continue
            if own & {a.country for a in earlier.actor} and not own & {a.country for a in earlier.recipient}:
                event.recipient = [dataclasses.replace(a) for a in earlier.recipient]
                event.confidence = round(event.confidence * 0.9, 2)
                event.rule = f"{event.rule}; recipient from sentence {earlier.sentence_index}"
                break
    return events


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, type, actor, recipient), the most confident; and a sentence repeated in the
    article (a headline printed twice) codes its events once."""
    seen: dict[tuple, Event] = {}
    for event in events:
        key = (
            event.sentence_index,
            event.event_type,
            tuple(sorted(a.country or a.text for a in event.actor)),
            tuple(sorted(a.country or a.text for a in event.recipient)),
        )
        if key not in seen or event.confidence > seen[key].confidence:
            seen[key] = event
    kept = {id(event) for event in seen.values()}
    repeated: set[tuple[str, str, str]] = set()
    out = []
    for event in events:
        if id(event) not in kept:
            continue
        again = (
            event.text.strip()[:60],
            event.event_type,
            event.trigger.text,
            tuple(a.country or a.text for a in event.actor),
        )
        if again in repeated:
            continue
        repeated.add(again)
        out.append(event)
    return out


def _lemmas(token: Token) -> list[str]:
    """Lemma candidates of a verb: spaCy's, the lower-cased form, and suffix-stripped guesses (the statistical
    lemmatiser sometimes errs: "staged" -> "stag")."""
    low = token.lower_
    found = [token.lemma_.lower(), low]
    if low.endswith("ied"):
        found.append(low[:-3] + "y")
    if low.endswith("ed"):
        found += [low[:-1], low[:-2]]
        if len(low) > 4 and low[-3] == low[-4]:
            found.append(low[:-3])
    if low.endswith("ing"):
        found += [low[:-3] + "e", low[:-3]]
    if low.endswith("es"):
        found += [low[:-1], low[:-2]]
    elif low.endswith("s"):
        found.append(low[:-1])
    unique: list[str] = []
    for item in found:
        if item and item not in unique:
            unique.append(item)
    return unique
