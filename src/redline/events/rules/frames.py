"""Frames: which tokens of a sentence match a trigger pattern of ``verbs.yaml``, and the plain event one codes.

A token is tried against the patterns of its lemma (particles, object classes, subject classes) in file order;
the first that matches is the token's frame. A frame without a wrapper codes its own event here ("NATO
*rejected* the demands"); wrappers ("refused to meet") are recoded in :mod:`.wrappers`.
"""

from __future__ import annotations

from typing import Any

from redline import tree
from redline.events import syntax
from redline.events.lexicon import Entry
from redline.events.rules import arguments
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Frame, Token
from redline.events.rules.recipients import fallback

NOMINAL_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "pobj", "attr", "compound", "amod", "appos"})
ENTITY_CLASSES = frozenset({"place", "named", "people"})


def frames_of(kit: Kit, sent: Any) -> dict[int, Frame]:
    """Every token of the sentence that matches a pattern, by token index."""
    frames: dict[int, Frame] = {}
    for token in sent:
        frame = match(kit, token)
        if frame is not None:
            frames[token.i] = frame
    return frames


def part_of_speech(token: Token) -> str | None:
    """verb, noun or adj as the patterns see it (a verb form used as a noun is not a verb)."""
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


def match(kit: Kit, token: Token) -> Frame | None:
    """The first pattern of the token's lemma that matches, as a frame; a verb the hand-written lexicon does not
    know is looked up in the CAMEO dictionary."""
    pos = part_of_speech(token)
    if pos is None:
        return None
    candidates = lemmas(token) if pos == "verb" else [token.lemma_.lower(), token.lower_]
    for lemma in candidates:
        for entry in kit.lexicon.entries_for(lemma, pos):
            frame = _check(kit, token, entry)
            if frame is not None:
                return frame
        if kit.lexicon.entries_for(lemma, pos):
            return None
    if pos == "verb" and token.pos_ == "VERB" and not (set(candidates[:2]) & kit.cameo_skip):
        return _cameo_frame(kit, token, candidates)
    return None


def _cameo_frame(kit: Kit, token: Token, candidates: list[str]) -> Frame | None:
    """A frame from the CAMEO dictionary: the code its patterns give the clause, read as a PLOVER type."""
    if syntax.subject(token)[1] not in ("subj", "agent", "object"):
        return None  # a CAMEO pattern describes a source acting: participles and bare verbs name no one
    found = kit.cameo.match(token, candidates)
    code = kit.cameo.code(found.code) if found is not None else None
    if found is None or code is None or code.plover is None or (code.appeal and not kit.appeals):
        return None
    how = "undergoes" if found.undergoes else found.how
    entry = _cameo_entry(kit, found.lemma, code.code, code.plover, code.mode, found.target, how)
    obj = syntax.direct_object(token)
    return Frame(token=token, entry=entry, obj=obj, obj_classes=classes(kit, obj) if obj is not None else frozenset())


CAMEO_RECIPIENTS = ("dobj", "dative", "against", "to", "with", "on", "at", "into", "from")
_CAMEO_ENTRIES: dict[tuple[str, ...], Entry] = {}


def _cameo_entry(kit: Kit, lemma: str, code: str, plover: str, mode: str | None, target: str, how: str) -> Entry:
    """The pattern entry of a CAMEO code (cached: a few hundred distinct ones)."""
    conf = kit.weight("cameo_pattern") if how in ("pattern", "undergoes") else kit.weight("cameo_verb")
    key = (lemma, code, plover, mode or "", target, how)
    entry = _CAMEO_ENTRIES.get(key)
    if entry is None:
        recipient = (target,) if target else CAMEO_RECIPIENTS
        actor: tuple[str, ...] = ()
        if how == "undergoes":  # "X received support from Y": Y acts on the subject
            actor, recipient = ("from", "by", "agent"), ("subject",)
        entry = Entry(
            index=0, lemmas=(lemma,), type=plover, mode=mode, actor=actor, recipient=recipient, conf=conf, cameo=code
        )
        if len(_CAMEO_ENTRIES) < 20_000:
            _CAMEO_ENTRIES[key] = entry
    return entry


def classes(kit: Kit, token: Token) -> frozenset[str]:
    """Noun classes of a token, plus "place"/"named" from its entity type; quantity and partitive nouns ("tons
    of food", "$5 million worth of goods", "part of a military aid program") take the classes of their "of"
    phrase."""
    found = set(kit.lexicon.classes_of(token))
    if token.ent_type_ in ("GPE", "LOC", "FAC"):
        found.add("place")
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        found.add("named")
    if token.ent_type_ == "NORP" and token.tag_ in ("NNS", "NNPS"):
        found.add("people")
    if not (found - ENTITY_CLASSES):
        for child in token.children:
            if child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "ADJ"):
                found |= kit.lexicon.classes_of(child) - kit.rules.who_classes
    if not (found - ENTITY_CLASSES):
        current = token
        for _ in range(2):
            amount = current.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY") or current.pos_ == "NUM"
            amount = amount or current.lemma_.lower() in kit.words("partitive_nouns")
            inner = syntax.prep_object(current, "of", "in") if amount else syntax.prep_object(current, "of")
            if inner is None:
                break
            inner_classes = kit.lexicon.classes_of(inner)
            if not inner_classes:  # "part of a military *aid* program"
                for child in inner.children:
                    if child.dep_ in ("compound", "amod") and child.pos_ in ("NOUN", "ADJ"):
                        inner_classes |= kit.lexicon.classes_of(child) - kit.rules.who_classes
            if inner_classes:
                found |= inner_classes
                break
            current = inner
    return frozenset(found)


def _object(kit: Kit, token: Token, entry: Entry) -> tuple[Token | None, frozenset[str], bool]:
    """The object that selects the pattern and its classes; the flag is False when the pattern cannot match."""
    wanted = set(entry.obj) | set(entry.by_object)
    candidates = list(syntax.objects(token, entry.obj_prep))
    if entry.not_obj:
        for candidate in candidates:
            if classes(kit, candidate) & set(entry.not_obj):
                return None, frozenset(), False
    if wanted:
        for candidate in candidates:
            found = classes(kit, candidate)
            if found & wanted:
                return candidate, found, True
        return None, frozenset(), False
    if entry.from_object:
        if entry.obj_prep:  # "engaged the peacekeepers *in a firefight*": the act is what one engages in
            preps = [c for c in candidates if c.dep_ == "pobj"]
            candidates = preps + [c for c in candidates if c.dep_ != "pobj"]
        for candidate in candidates:
            found = classes(kit, candidate)
            if any(kit.lexicon.classes[name].type for name in found if name in kit.lexicon.classes):
                return candidate, found, True
        return None, frozenset(), False
    if candidates:
        return candidates[0], classes(kit, candidates[0]), True
    return None, frozenset(), True


def _object_particle(token: Token, entry: Entry) -> bool:
    """The pattern's preposition hangs on the object where the pattern reads it there too ("received aid *from*
    the EU": the parser attaches "from" to "aid", the pattern's ``obj.from`` reads the giver there)."""
    obj = syntax.direct_object(token)
    if obj is None:
        return False
    wanted = {part for part in entry.prt if f"obj.{part}" in (*entry.actor, *entry.recipient)}
    return any(child.dep_ == "prep" and child.lower_ in wanted for child in obj.children)


def _check(kit: Kit, token: Token, entry: Entry) -> Frame | None:
    parts = syntax.particles(token)
    if entry.prt and not (parts & set(entry.prt)) and not _object_particle(token, entry):
        return None
    if entry.no_prt and parts & set(entry.no_prt):
        return None
    if entry.no_obj and syntax.direct_object(token) is not None:
        return None
    obj, obj_classes, possible = _object(kit, token, entry)
    if not possible:
        return None
    if entry.subject_class:
        subj, _ = syntax.subject(token)
        if subj is None or not (classes(kit, subj) & set(entry.subject_class)):
            return None
    if "object" in entry.needs and obj is None:
        return None
    if "complement" in entry.needs and not _has_infinitive(token):
        return None  # the pattern is for "warned X *to* ...": without a to-infinitive the next pattern is tried
    frame = Frame(token=token, entry=entry, obj=obj, obj_classes=obj_classes)
    needed = "recipient" in entry.needs and entry.wrap is None
    if needed and not arguments.recipients(kit, frame, entry.recipient) and not _both_sides_act(token, entry):
        return None
    return frame


def _sent_to_help(kit: Kit, token: Token) -> bool:
    """People sent somewhere "to help restore order" / "in order to deliver assistance": the purpose makes the
    deployment aid to the place, not a show of force."""
    for child in token.children:
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)  # also "in order to"
        if child.dep_ in ("advcl", "xcomp") and infinitive and child.lemma_.lower() in kit.words("aid_purposes"):
            return True
    return False


def _both_sides_act(token: Token, entry: Entry) -> bool:
    """ "X and Y discussed ...": a reciprocal act whose subject names both sides needs no other party."""
    if not entry.reciprocal:
        return False
    subject, _ = syntax.subject(token)
    return subject is not None and any(c.dep_ == "conj" for c in subject.children)


def _has_infinitive(token: Token) -> bool:
    """A to-infinitive complement, as the parser attaches it: xcomp, or an unmarked advcl ("fought *to pass* ...")."""
    if syntax.first_child(token, "xcomp") is not None:
        return True
    return any(
        c.dep_ == "advcl" and c.i > token.i and syntax.is_to_infinitive(c) and syntax.first_child(c, "mark") is None
        for c in token.children
    )


def plain(kit: Kit, frame: Frame) -> Coded | None:
    """The event of a frame that wraps nothing: its type (by object class where the pattern says), actor and
    recipients."""
    entry, token = frame.entry, frame.token
    event_type, mode = entry.type, entry.mode
    for name in entry.by_object:
        if name in frame.obj_classes:
            event_type, mode = entry.by_object[name]
            break
    if entry.from_object and frame.obj is not None:
        found = noun_type(kit, frame.obj, frame.obj_classes)
        if found is not None:
            event_type, mode, _name = found
    if event_type is None:
        return None
    rule = [entry.name]
    if entry.joint and _joint(kit, frame):
        event_type, mode = entry.joint, None
        rule.append("joint")
    if entry.pos == "noun" and not noun_asserted(kit, token):
        return None
    if event_type == "ASSAULT" and (_self_harm(token) or _harm_by_measure(kit, token)):
        return None
    actor, how = arguments.subject(kit, token)
    if entry.pos == "noun":
        actor, how = arguments.noun_actor(token)
    if how == "passive":
        actor, how = None, ""
    if actor is None and syntax.is_passive(token):
        actor = _origin(kit, token, event_type)
        how = "subj" if actor is not None else ""
    if event_type == "ASSAULT" and mode is None:
        mode = assault_mode(kit, token)
    if event_type == "MOBILIZE" and frame.obj is not None and "weapon_system" in frame.obj_classes:
        mode = "weapons" if "forces" not in frame.obj_classes else mode
    helped = event_type == "MOBILIZE" and _sent_to_help(kit, token)
    if helped:
        event_type, mode = "AID", None
        rule.append("sent to help")
    if entry.actor:
        # "Ukraine received aid from Washington": the giver acts, the subject receives
        giver = arguments.recipients(kit, frame, entry.actor)
        subject = [actor] if actor is not None and "subject" in entry.recipient else []
        actor, how = (giver[0], "subj") if giver else (None, "")
        recipients = subject
    else:
        recipients = arguments.recipients(kit, frame, entry.recipient)
        if not recipients:
            recipients = [r for r in fallback(kit, event_type, token, frame.obj) if not tree.same(r, actor)]
    if helped and not recipients:
        place = syntax.prep_object(token, "to", "into")  # "to the Solomon Islands": the place helped
        recipients = [place] if place is not None and place.ent_type_ in ("GPE", "LOC", "NORP") else []
    if "recipient" in entry.needs and not recipients and not _both_sides_act(token, entry):
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
        cameo=entry.cameo,
    )


REFLEXIVES = frozenset({"himself", "herself", "oneself", "myself"})  # a person's own ("Iraq attacked *themselves*"
# is a claim of a staged attack, kept)


def _self_harm(token: Token) -> bool:
    """ "shot himself", "killed herself": harm a person does to themself is no attack on another party; a bomber
    who "blew himself up" attacked whoever stood near (the blast is the attack)."""
    obj = syntax.direct_object(token)
    if obj is None or obj.lower_ not in REFLEXIVES:
        return False
    return token.lemma_.lower() not in ("blow", "detonate", "explode")


def _harm_by_measure(kit: Kit, token: Token) -> bool:
    """ "The new sanctions could hurt ordinary Iranians", "the decision destroys their trust": a measure or policy
    that harms is no attack (an attack noun as subject is: "an airstrike killed three people")."""
    subject, how = syntax.subject(token)
    if subject is None or how != "subj" or subject.pos_ != "NOUN" or syntax.is_actorish(subject, kit.agent_words):
        return False
    named = kit.lexicon.classes_of(subject)
    if "weapon_system" in named:
        return False  # "its jets neutralised dozens of militants": weapons are the attacker's means
    typed = {kit.lexicon.classes[n].type for n in named if n in kit.lexicon.classes}
    typed.discard(None)
    return bool(typed) and "ASSAULT" not in typed


def _origin(kit: Kit, token: Token, event_type: str) -> Token | None:
    """The actor of an agentless passive attack is where it came from: "a mortar bomb was fired at Israel *from
    the Gaza Strip*"."""
    if event_type not in ("ASSAULT", "MOBILIZE"):
        return None
    found = syntax.prep_object(token, "from")
    return found if found is not None and found.ent_type_ in ("GPE", "NORP", "ORG", "LOC") else None


def _joint(kit: Kit, frame: Frame) -> bool:
    obj = frame.obj
    if obj is not None and any(child.lower_ in kit.words("joint_words") for child in obj.children):
        return True
    subj, _ = syntax.subject(frame.token)
    if subj is not None and syntax.conjuncts(subj):
        return True
    return syntax.prep_object(frame.token, "with") is not None


def noun_asserted(kit: Kit, noun: Token) -> bool:
    """A noun trigger names an event only as the subject of a verb of happening ("talks were held")."""
    current = noun
    if (
        current.dep_ == "pobj"
        and current.head.lower_ == "of"
        and current.head.head.lemma_.lower() in kit.words("round_nouns")
    ):
        current = current.head.head
    if current.dep_ in ("nsubj", "nsubjpass"):
        verb = current.head
        lemma = verb.lemma_.lower()
        if lemma == "be":
            return any(
                child.dep_ in ("acomp", "attr") and child.lemma_.lower() in kit.words("happening_states")
                for child in verb.children
            )
        if lemma in kit.words("scheduled_verbs") and syntax.first_child(verb, "xcomp") is not None:
            return True
        return lemma in kit.words("happening_verbs")
    return False


def noun_event_classes(kit: Kit, token: Token) -> list[str]:
    """The event classes of a noun (typed classes first)."""
    found = (classes(kit, token) - kit.rules.who_classes) & set(kit.lexicon.classes)
    typed = [name for name in found if kit.lexicon.classes[name].type is not None]
    return typed + [name for name in found if kit.lexicon.classes[name].type is None]


def noun_type(kit: Kit, noun: Token, found: frozenset[str]) -> tuple[str, str | None, str] | None:
    """The event an event noun names: its first typed class (joint exercises are COOPERATE)."""
    for name, noun_class in kit.lexicon.classes.items():
        if name not in found or noun_class.type is None:
            continue
        event_type, mode = noun_class.type, noun_class.mode
        if name == "exercise" and (
            any(child.lower_ in kit.words("joint_words") for child in noun.children) or _joint_subject(noun)
        ):
            return "COOPERATE", None, name
        if name == "attack" and mode is None:
            mode = assault_mode(kit, noun)
        return event_type, mode, name
    return None


def _joint_subject(noun: Token) -> bool:
    verb = syntax.governing_verb(noun)
    subj, _ = syntax.subject(verb)
    return (subj is not None and bool(syntax.conjuncts(subj))) or syntax.prep_object(verb, "with") is not None


def assault_mode(kit: Kit, token: Token) -> str | None:
    """The PLOVER mode of an attack from the weapons its sentence names (first in order of precedence)."""
    words = {t.lower_ for t in token.sent} | {t.lemma_.lower() for t in token.sent}
    for mode, mode_words in kit.rules.assault_modes:
        if words & mode_words:
            return mode
    return None


IRREGULAR_PAST = {
    "took": "take",
    "taken": "take",
    "ran": "run",
    "gave": "give",
    "given": "give",
    "drew": "draw",
    "drawn": "draw",
    "held": "hold",
    "sent": "send",
    "made": "make",
    "built": "build",
    "saw": "see",
    "seen": "see",
    "threw": "throw",
    "thrown": "throw",
    "stood": "stand",
    "struck": "strike",
}
VERB_PREFIXES = ("re", "over", "under", "out", "with", "fore", "up")


def _prefixed_irregular(form: str) -> list[str]:
    """ "retook" -> "retake": the lemmatiser knows "took" but not every prefixed form of it."""
    for prefix in VERB_PREFIXES:
        rest = form[len(prefix) :]
        if form.startswith(prefix) and rest in IRREGULAR_PAST:
            return [prefix + IRREGULAR_PAST[rest]]
    return []


def lemmas(token: Token) -> list[str]:
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
    found += _prefixed_irregular(low)
    found += [f[:-2] + "ze" for f in found if f.endswith(("ise", "yse"))]  # British "recognise" as "recognize"
    unique: list[str] = []
    for item in found:
        if item and item not in unique:
            unique.append(item)
    return unique
