"""Claims: an act someone else reports is not the reporter's assertion of it.

"The White House said Russia positioned operatives to stage a provocation": the White House is a party, and the
hostile act it says Russia did is its claim; cooperation reported by others ("a UN official said both sides agreed
to ...") is news, and stays asserted. The act keeps its type with modality ``claimed`` (dyads and alerts read asserted
acts only), and when the act is conflictual the statement itself is coded too: the speaker ACCUSEs the actor
(mode ``allege``). The act stays the sentence's main event, as in PLOVER and CAMEO coding, where a reported act is
coded as the act.

Only statements claim: the voice is a verb of saying or alleging (``claim_verbs``), the act lies in what is said,
and the speaker is not the actor elaborating on its own act ("Katsav refused to meet the king, saying ...").

An act is asserted, not claimed, when the speaker is the actor's own side ("Russia's defence ministry said its
troops returned to base"), when the speaker only reports (witnesses, sources, media, police, monitors: the
``neutral_sources`` of ``rules.yaml``, or a speaker the knowledge base cannot place), or when nobody known acts.
"""

from __future__ import annotations

from redline import tree
from redline.events import syntax
from redline.events.rules import parties
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Token, Voice
from redline.records import Actor

PARTY_SECTORS = frozenset({"SOC", "OPP", "REB", "PTY", "LAB", "REL"})
"""Sectors that take sides even without a country ("rights groups", "the opposition", "the rebels"): their
claims about others are accusations, where witnesses, police or media only report."""


def _placed(actor: Actor) -> bool:
    """Whether the actor can be put on a side: a country, a known entity, a partisan sector, or a proper name.

    A generic institution with no country ("the defence ministry said Germany will deploy ...") is no third
    party: in news it is nearly always the actor's own office, so its report is no claim."""
    if actor.country or actor.kb_id or actor.sector in PARTY_SECTORS:
        return True
    return bool(actor.name) and actor.sector is None and any(word[:1].isupper() for word in actor.name.split())


def neutral(kit: Kit, voice: Voice, speakers: list[Actor]) -> bool:
    """Whether the voice only reports: a source, witness, medium or police, or nobody the knowledge base knows."""
    if voice.speaker is not None and voice.speaker.lemma_.lower() in kit.words("neutral_sources"):
        return True
    if voice.speaker is not None and voice.speaker.lower_ in kit.words("neutral_sources"):
        return True
    return not any(_placed(s) and s.sector != "JRN" for s in speakers)


ARMED_CHALLENGERS = frozenset({"REB", "PRM", "OPP"})
"""Sectors that fight or oppose their own country's state (rebels, paramilitaries, the opposition): sharing a
country code with the speaker does not put them on its side ("Sudan's army said the Rapid Support Forces
shelled ...", "the government said rebels attacked ...")."""


def same_side(speakers: list[Actor], actors: list[Actor]) -> bool:
    """The speaker speaks for the actor: the same entity, or the same country unless exactly one of the two is
    an armed challenger of that country's state."""
    for speaker in speakers:
        for actor in actors:
            if parties.same_actor(speaker, actor):
                return True
            split = (speaker.sector in ARMED_CHALLENGERS) != (actor.sector in ARMED_CHALLENGERS)
            if speaker.country and speaker.country == actor.country and not split:
                return True
    return False


def _states(kit: Kit, item: Coded, voice: Voice) -> bool:
    """The voice is a statement of the event: a verb of saying whose content holds it (not an adjunct of the
    event's own clause, and not an adverbial clause of the saying: "said ... when she resigned after X")."""
    verb = voice.verb
    if verb is None:
        return voice.quote is not None or voice.speaker is not None  # a stored quote, "according to X"
    if verb.lemma_.lower() not in kit.words("claim_verbs"):
        return False
    own_adjunct = verb.head.i == syntax.governing_verb(item.head).i and verb.dep_ in ("advcl", "xcomp", "conj")
    if own_adjunct and verb.i > item.head.i:
        return False
    for token in [item.head, *tree.ancestors(item.head, limit=12)]:
        if token.i == verb.i:
            return True
        if token.dep_ in ("relcl", "acl") and not _claim_content(kit, token):
            return False
        if token.dep_ == "advcl" and (token.head.i == verb.i or not syntax.is_to_infinitive(token)):
            # an adverbial clause is background ("came after Moscow issued ..., requesting ..."), except the
            # purpose of a claimed act ("said Moscow sent agents *to stage an attack*"), which is claimed with it
            return False
    return True


def _claim_content(kit: Kit, clause: Token) -> bool:
    """A finite clause that is the content of a claim noun: "said it had *information* that Russia positioned
    operatives" claims what the clause says, like "said that Russia positioned ..."."""
    noun = clause.head
    subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    # its own subject, not a relative pronoun ("information that *Russia* positioned", parsed acl or relcl;
    # not "information that reached us"), and a "that" of its own: "an allegation the Pentagon dismissed" is a
    # relative clause with a gap, about the allegation
    own = any(c.lower_ not in kit.words("relative_pronouns") for c in subjects)
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return own and marked and noun.lemma_.lower() in kit.words("claim_nouns")


def is_claimed(kit: Kit, item: Coded, speakers: list[Actor], actors: list[Actor]) -> bool:
    """Whether a third party (not the actor's side, not a neutral reporter) says the act happened."""
    voice = item.voice
    if voice is None or item.speaker_acts or not speakers or not any(_placed(a) for a in actors):
        return False
    if kit.lexicon.quad(item.type) not in (3, 4):
        return False
    if not _states(kit, item, voice):
        return False
    if neutral(kit, voice, speakers) and not _alleges(kit, voice):
        return False
    return not same_side(speakers, actors)


def _alleges(kit: Kit, voice: Voice) -> bool:
    """The voice is an allegation ("agents abused migrants, a human rights organization *charged*"): the act is
    someone's charge even when the knowledge base cannot place the one who makes it. A reporter's word stays a
    report ("police said", "witnesses said")."""
    if voice.verb is None or voice.verb.lemma_.lower() not in kit.words("allegation_verbs"):
        return False
    speaker = voice.speaker
    return speaker is None or (
        speaker.lemma_.lower() not in kit.words("neutral_sources")
        and speaker.lower_ not in kit.words("neutral_sources")
    )


def accusation(kit: Kit, item: Coded, speakers: list[Actor], actors: list[Actor]) -> Coded | None:
    """The speaker's accusation of a claimed conflictual act (none for cooperation, denials or conditions)."""
    voice = item.voice
    conflictual = kit.lexicon.quad(item.type) in (3, 4) and item.type != "ACCUSE"
    if voice is None or not conflictual or item.negated or item.hypothetical or not speakers:
        return None
    head = voice.verb if voice.verb is not None else item.head
    who = ", ".join(a.country or a.name or a.text for a in actors)
    return Coded(
        type="ACCUSE",
        mode="allege",
        head=head,
        first=head,
        last=head,
        rule=[f"claim: {item.type} by {who}", *item.rule[:1]],
        conf=item.conf * kit.weight("accusation"),
        voice=voice,
        speaker_acts=True,
        speech=True,
        context=set(item.context),
    )
