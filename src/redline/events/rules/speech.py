"""Speech acts: in reported or quoted speech the speaker acts.

* "X said Y must / should / is obliged to ..." is X REQUEST Y (a modal demand);
* a military response, countermeasures or consequences promised or conditioned, or a response verb on a condition,
  are a THREATEN (:mod:`.threats`);
* "Y has no veto over ..." is the speaker REJECT Y (an entitlement denied);
* "Y is lying", "Y broke its promises", "Y is only interested in ..." is the speaker ACCUSE Y (the breach or the
  disparaged interest is no act of its own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from redline.events import syntax
from redline.events.rules import frames, threats
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Token, Voice
from redline.events.rules.voice import voice_of
from redline.records import Quote


def speech_acts(kit: Kit, sent: Any, coded: list[Coded], quotes: Sequence[Quote]) -> list[Coded]:
    """Demands, threats and refusals made by speaking, with the speaker as actor."""
    found: list[Coded] = []
    heads = {item.head.i for item in coded}
    covered = {t.i for item in coded for t in item.head.subtree if item.type == "THREATEN"}
    for token in sent:
        lemma = token.lemma_.lower()
        # "Y must / should / is obliged to ..." in someone's statement: a REQUEST from the speaker to Y.
        if syntax.is_verbal(token) and token.i not in heads:
            modal = demand_modal(kit, token)
            if modal is not None:
                item = _modal_request(kit, token, modal, quotes)
                if item is not None:
                    found.append(item)
        # "X will respond if Y ...": a conditioned response is a THREATEN without a threat verb.
        if syntax.is_verbal(token) and token.i not in heads and token.i not in covered:
            item = threats.threat_from_verb(kit, token, quotes)
            if item is not None:
                found.append(item)
                covered |= {t.i for t in token.subtree}
                continue
        # a military response / countermeasures / consequences promised or conditioned: a THREATEN.
        if token.pos_ == "NOUN" and token.i not in covered and threats.is_threat_noun(kit, token):
            item = threats.threat_from_noun(kit, token, quotes)
            if item is not None:
                found.append(item)
                covered |= {t.i for t in token.subtree}
        # "X is responsible for the killings", says Y: Y accuses X.
        if token.lemma_.lower() in kit.words("blame_adjectives") and token.i not in heads:
            item = _blame(kit, token, quotes)
            if item is not None:
                found.append(item)
        # "Y is to blame for ...", says X: X accuses Y.
        if to_blame(token):
            item = _to_blame(kit, token, quotes)
            if item is not None:
                found.append(item)
        # "Y is lying about ...", "Y broke its promises", "Y is only interested in ...", says X: X accuses Y.
        if (_wrong(kit, token) or _disparaged(token)) and token.i not in heads:
            item = _wrongdoing(kit, token, quotes)
            if item is not None:
                found.append(item)
        # "Y has no veto over ...": the speaker rejects Y's claim.
        denied = any(child.dep_ == "det" and child.lower_ == "no" for child in token.children)
        if lemma in kit.entitlements and token.dep_ == "dobj" and token.head.lemma_.lower() == "have" and denied:
            item = _entitlement(kit, token, quotes)
            if item is not None:
                found.append(item)
    return found


def obliged(kit: Kit, token: Token) -> bool:
    """The clause of ``token`` is an obligation ("Y must ...", "Y has to ..."): demanded, not done."""
    verb = syntax.governing_verb(token)
    for _ in range(3):
        if demand_modal(kit, verb) is not None:
            return True
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
        climbs = verb.dep_ in ("xcomp", "acomp") or (verb.dep_ == "conj" and not own_subject)
        if climbs and verb.head.i != verb.i and syntax.is_verbal(verb.head):
            verb = verb.head
            continue
        if verb.dep_ == "acomp" or (verb.pos_ == "ADJ" and verb.head.i != verb.i):
            verb = verb.head
            continue
        break
    return False


def demand_modal(kit: Kit, verb: Token) -> Token | None:
    """The modal that makes a clause a demand ("must", "should"), or the "have"/"obliged" of "has to",
    "is obliged to". A past "had to" is a demand only as a reported clause ("he said the US *had to* hold
    talks": the backshifted "has to"); in narration it tells what someone was forced to do."""
    for child in verb.children:
        if child.dep_ == "aux" and child.lower_ in kit.modals:
            return child
        if child.dep_ == "aux" and child.lower_ in kit.advice_modals and _advice(verb, child):
            return child
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lower_ == "ought" and _advice(verb, head):
            return head
        if (
            head.lemma_.lower() == "have"
            and (head.tag_ in ("VBZ", "VBP") or (head.tag_ == "VBD" and head.dep_ == "ccomp"))
            and syntax.is_to_infinitive(verb)
            and syntax.first_child(head, "nsubj") is not None
            and syntax.first_child(head, "dobj") is None  # "has neither the judgment to be ..." owns, not must
        ):
            return head
        if head.lower_ in kit.words("obligation_forms") and syntax.first_child(head, "nsubjpass", "nsubj") is not None:
            return head
    return None


def _advice(verb: Token, modal: Token) -> bool:
    """ "Y should Z" / "Y ought to Z" advises Y to act; not the inverted condition ("*Should* Russia invade, ..."),
    not the reproach of a past act ("Y should have Z-ed"), not a passive (its subject is not the one asked)."""
    holder = modal if modal.dep_ != "aux" else verb
    subject = syntax.first_child(holder, "nsubj")
    if subject is None or subject.i > modal.i or syntax.is_passive(verb):
        return False
    return not any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.i > modal.i for c in verb.children)


def _modal_request(kit: Kit, verb: Token, modal: Token, quotes: Sequence[Quote]) -> Coded | None:
    holder = modal if modal.dep_ != "aux" else verb
    voice = voice_of(kit, holder, quotes)
    if voice is None or (voice.speaker is None and voice.quote is None):
        return None
    subj, _ = syntax.subject(holder)
    if subj is None or kit.first(subj) or subj.lower_ in kit.words("not_addressees"):
        return None
    if subj.lower_ == "it" and (syntax.is_passive(verb) or verb.lemma_.lower() == "be"):
        return None  # "it must be said", "it must be clear"
    if subj.pos_ == "PRON" and verb.lemma_.lower() == "be" and syntax.first_child(verb, "acomp") is not None:
        return None  # "they must be legal": a property, not a demand on an actor
    if not syntax.is_actorish(subj, kit.agent_words):
        return None
    if voice.speaker is not None and subj.i == voice.speaker.i:
        return None
    content = frames.match(kit, verb)
    mode = None
    if content is not None and content.entry.type:
        mode = kit.lexicon.cues.get("request_modes", {}).get(content.entry.type)
    context = set(content.entry.context) if content is not None else set()
    close = abs(verb.i - modal.i) <= kit.limit("modal_span_tokens")
    return Coded(
        type="REQUEST",
        mode=mode,
        head=holder,
        first=modal,
        last=verb if close else modal,
        rule=[f"speech: modal demand ({modal.lower_})"],
        force="appeal" if modal.lower_ in kit.advice_modals else "demand",
        speech=True,
        conf=kit.weight("modal_request"),
        recipients=[subj],
        voice=voice,
        speaker_acts=True,
        context=context,
    )


def _blame(kit: Kit, adjective: Token, quotes: Sequence[Quote]) -> Coded | None:
    """ "Sudan's government is responsible for mass killings, according to a UN report": blame laid in someone's
    statement is that speaker's accusation of the one blamed."""
    if adjective.dep_ not in ("acomp", "attr", "amod"):
        return None
    wrong = syntax.prep_object(adjective, "for", "of", "in")
    wrongdoing = kit.words("wrongdoing_nouns")
    if wrong is None or (wrong.lower_ not in wrongdoing and wrong.lemma_.lower() not in wrongdoing):
        return None
    verb = adjective.head if adjective.dep_ != "amod" else adjective
    voice = voice_of(kit, verb, quotes)
    subj, _ = syntax.subject(verb)
    if voice is None or subj is None or not syntax.is_actorish(subj, kit.agent_words):
        return None
    if voice.speaker is not None and subj.i == voice.speaker.i:
        return None
    return _accusation(kit, verb, adjective, f"speech: blame ({adjective.lower_})", subj, voice)


def to_blame(token: Token) -> bool:
    """ "Y is to blame": Y is blamed (by whoever says so), Y blames no one."""
    return token.lemma_.lower() == "blame" and token.dep_ == "xcomp" and token.head.lemma_.lower() == "be"


def _to_blame(kit: Kit, blame: Token, quotes: Sequence[Quote]) -> Coded | None:
    """ "Democrats and the media are to blame for the tone", the governor said: the governor accuses them."""
    found = _accused_in_statement(kit, blame.head, quotes)
    return _accusation(kit, blame.head, blame, "speech: to blame", *found) if found else None


def _wrong(kit: Kit, verb: Token) -> bool:
    """Lying, cheating and the like, or breaking a commitment ("broke its promises", "violated the truce")."""
    lemma = verb.lemma_.lower()
    if lemma in kit.words("wrongdoing_verbs"):
        return True
    if lemma not in kit.words("breach_verbs"):
        return False
    target = syntax.first_child(verb, "dobj") or syntax.prep_object(verb, "on")  # "reneged on its pledge"
    breached = kit.words("commitment_nouns") | kit.words("sovereignty_nouns")
    return target is not None and target.lemma_.lower() in breached


DISPARAGING_ADVERBS = frozenset({"only", "solely", "merely", "just"})


def _disparaged(token: Token) -> bool:
    """ "Kyiv is only interested in propaganda": an interest said to be someone's *only* one is a charge
    against them (what they do not want is the point), not a wish for cooperation."""
    return token.lemma_.lower() == "interested" and any(
        c.dep_ == "advmod" and c.lower_ in DISPARAGING_ADVERBS for c in token.children
    )


def laid_on_someone(kit: Kit, item: Coded, quotes: Sequence[Quote]) -> bool:
    """Whether a coded act is really a charge in someone's statement ("Washington had betrayed its commitments",
    "Baku is only interested in provoking tension", says Y): the breach or the disparaged interest is Y's
    accusation (a speech act), not an act of its own (no SANCTION for "betrayed", no REQUEST for "interested")."""
    head = item.head
    breach = head.lemma_.lower() in kit.words("breach_verbs") and _wrong(kit, head)
    if not (breach or _disparaged(head)):
        return False
    return _accused_in_statement(kit, head, quotes) is not None


def _wrongdoing(kit: Kit, verb: Token, quotes: Sequence[Quote]) -> Coded | None:
    """ "Trump says Clinton is lying about the trade deal": dishonesty or a crime laid on someone in a statement
    is the speaker's accusation of them."""
    found = _accused_in_statement(kit, verb, quotes)
    rule = f"speech: wrongdoing ({verb.lemma_.lower()})"
    return _accusation(kit, verb, verb, rule, *found) if found else None


def _accused_in_statement(kit: Kit, verb: Token, quotes: Sequence[Quote]) -> tuple[Token, Voice] | None:
    """The subject a statement lays ``verb`` on, and the statement's voice; None for a denial ("Y is not
    lying", "Kyiv is not to blame"), the speaker's own confession, or a verb that is the saying itself."""
    voice = voice_of(kit, verb, quotes)
    subj, _ = syntax.subject(verb)
    if voice is None or (voice.speaker is None and voice.quote is None) or subj is None:
        return None
    if voice.verb is not None and voice.verb.i == verb.i:
        return None
    if kit.first(subj) or not syntax.is_actorish(subj, kit.agent_words):
        return None
    if voice.speaker is not None and subj.i == voice.speaker.i:
        return None
    if any(child.dep_ == "neg" for child in verb.children):
        return None
    return subj, voice


def _accusation(kit: Kit, head: Token, trigger: Token, rule: str, accused: Token, voice: Voice) -> Coded:
    """The speaker's accusation of ``accused``, laid in the clause of ``head``."""
    return Coded(
        type="ACCUSE",
        mode="allege",
        head=head,
        first=trigger,
        last=trigger,
        rule=[rule],
        speech=True,
        conf=kit.weight("entitlement"),
        recipients=[accused],
        voice=voice,
        speaker_acts=True,
    )


def _entitlement(kit: Kit, noun: Token, quotes: Sequence[Quote]) -> Coded | None:
    verb = noun.head
    voice = voice_of(kit, verb, quotes)
    subj, _ = syntax.subject(verb)
    if voice is None or subj is None or not syntax.is_actorish(subj, kit.agent_words):
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
        conf=kit.weight("entitlement"),
        recipients=[subj],
        voice=voice,
        speaker_acts=True,
        context={"diplomatic"},
    )
