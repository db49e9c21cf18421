"""Threats made by promising a response: "Russia will make a military-technical response if NATO deploys ..."
is a THREATEN by Russia (or the speaker) against NATO, hypothetical.

A threat noun (``threat_response`` class with a threatening modifier, a cost noun with a severe adjective, or
"war/confrontation" under a condition) codes a threat when its clause is promised (future), conditioned
("if ...", "otherwise") or warned of. A verb of responding ("respond", "retaliate") does the same when it is
conditioned or warned of, or promised to *any* provocation ("any incursion will be answered"): a threat needs no
threat verb. The condition's subject is the recipient.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.events import syntax
from redline.events.rules import arguments
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Token, Voice
from redline.events.rules.voice import voice_of
from redline.records import Quote

CHARACTER_NOUNS = frozenset({"character", "nature", "kind", "type", "sort"})


def _character_modifiers(noun: Token) -> set[str]:
    """ "a response *of military-technical character*" (translated French, Spanish, Russian): the adjectives of an
    "of ... character / nature" phrase qualify the noun as its own adjectives would."""
    inner = syntax.prep_object(noun, "of")
    if inner is None or inner.lemma_.lower() not in CHARACTER_NOUNS:
        return set()
    found = {t.lower_ for t in inner.subtree if t.dep_ in ("amod", "compound") and t.i < inner.i}
    return found | ({"military-technical"} if {"military", "technical"} <= found else set())


def is_threat_noun(kit: Kit, noun: Token) -> bool:
    """Whether a noun names a threatened response ("a military-technical response", "severe consequences")."""
    lemma = noun.lemma_.lower()
    if lemma in kit.words("threat_conditional"):
        verb = syntax.governing_verb(noun)
        return syntax.conditional_clause(verb, kit.marks) is not None
    if "threat_response" not in kit.lexicon.classes_of(noun):
        return False
    if lemma in kit.words("threat_inherent"):
        return True
    modifiers = {child.lower_ for child in noun.children if child.dep_ in ("amod", "compound", "nmod")}
    if noun.dep_ == "nsubj" and noun.head.lemma_ == "be":  # "our answer will be military or military-technical"
        modifiers |= {t.lower_ for c in noun.head.children if c.dep_ in ("acomp", "attr") for t in c.subtree}
    for child in noun.children:
        if child.dep_ in ("amod", "compound"):
            modifiers |= {grand.lower_ for grand in child.children if grand.dep_ in ("amod", "compound", "conj")}
            modifiers.add(child.text.lower())
    modifiers |= _character_modifiers(noun)
    joined = " ".join(sorted(modifiers))
    if "military-technical" in joined or "technical" in modifiers:
        return True
    if lemma in kit.words("cost_nouns"):
        return bool(modifiers & kit.words("cost_adjectives"))
    if lemma == "force":
        return any(child.lower_ in kit.words("force_modifiers") for child in noun.children)
    return bool(modifiers & kit.threat_adjectives)


def threat_from_noun(kit: Kit, noun: Token, quotes: Sequence[Quote]) -> Coded | None:
    """A threat noun in a promised, conditioned or warned-of clause: the speaker (or possessor) threatens."""
    verb = syntax.governing_verb(noun)
    conditional = syntax.conditional_clause(verb, kit.marks)
    otherwise = any(t.lower_ in kit.lexicon.words("otherwise_words") for t in noun.sent if t.i < noun.i)
    future = syntax.is_future(verb, kit.future_aux) or verb.lemma_.lower() in kit.future_lemmas
    warned = any(t.lemma_.lower() in kit.words("warning_verbs") for t in syntax.path_to_root(noun))
    if syntax.inside_conditional(noun, kit.marks) or syntax.inside_question(noun, kit.words("question_verbs")):
        return None
    if not (conditional is not None or otherwise or future or warned):
        return None
    voice = voice_of(kit, noun, quotes)
    actor, how = _threatener(kit, noun, verb)
    if actor is None and voice is None:
        return None
    doer = _costly_act_doer(kit, verb) if actor is None else None
    recipients = [doer] if doer is not None else _threatened(kit, noun, conditional, actor, voice)
    mode = threat_mode(kit, noun)
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
        conf=kit.weight("threat_noun"),
        actor=actor,
        actor_how=how,
        recipients=recipients,
        hypothetical=conditional is not None or otherwise,
        future=future,
        voice=voice,
        speaker_acts=actor is None,
        context={"military"} if mode == "violence" else set(),
    )


def _threatener(kit: Kit, noun: Token, verb: Token) -> tuple[Token | None, str]:
    """Whose response it is: the possessor ("*our* response"), a from/by phrase, or the clause's subject."""
    poss = syntax.first_child(noun, "poss")
    source = syntax.prep_object(noun, "from", "by")
    if poss is not None:
        return poss, "subj"
    if source is not None and syntax.is_actorish(source, kit.agent_words):
        return source, "subj"
    subj, subj_how = syntax.subject(verb)
    if subj is not None and subj.i != noun.i and syntax.is_actorish(subj, kit.agent_words):
        if verb.lemma_.lower() in kit.words("undergo_verbs"):
            return None, ""  # "Russia will face severe consequences": Russia is threatened, by the speaker
        if arguments.names_an_act(kit, subj):
            return None, ""  # "any Russian aggression would come at a high price": the act costs, the speaker warns
        return subj, subj_how
    return None, ""


def _costly_act_doer(kit: Kit, verb: Token) -> Token | None:
    """Who pays the threatened cost: the subject of a verb of undergoing ("*Russia* will face severe
    consequences"), or the doer of the act that is the clause's subject ("*Russian* aggression would have severe
    consequences", "an invasion *by Russia* would come at a high price")."""
    subj, _ = syntax.subject(verb)
    if subj is not None and verb.lemma_.lower() in kit.words("undergo_verbs"):
        return arguments.actorish(kit, subj)
    if subj is None or not arguments.names_an_act(kit, subj):
        return None
    doer, _ = arguments.noun_actor(subj)
    doer = doer if doer is not None else arguments.act_doer(kit, subj)
    return arguments.actorish(kit, doer) if doer is not None else None


def _threatened(
    kit: Kit, noun: Token, conditional: Token | None, actor: Token | None, voice: Voice | None
) -> list[Token]:
    """Who is threatened: the party of the condition, an against/to phrase, or whom the speaker addressed."""
    if conditional is not None:
        party = condition_party(kit, conditional, actor)
        if party is not None:
            return [party]
    target = syntax.prep_object(noun, "against", "to", "toward", "towards")
    if target is not None and syntax.is_actorish(target, kit.agent_words):
        return [target]
    if voice is None or voice.verb is None:
        return []
    content = voice.verb
    for candidate in syntax.children(content, "ccomp") + syntax.children(content, "dobj", "dative"):
        subj, _ = syntax.subject(candidate) if candidate.dep_ == "ccomp" else (candidate, "")
        if (
            subj is not None
            and (actor is None or subj.i != actor.i)
            and syntax.is_actorish(subj, kit.agent_words)
            and not kit.first(subj)
            and (voice.speaker is None or subj.i != voice.speaker.i)
        ):
            return [subj]
    return []


def threat_from_verb(kit: Kit, verb: Token, quotes: Sequence[Quote]) -> Coded | None:
    """ "Russia will respond if NATO deploys missiles", "Ankara would retaliate if the embargo stayed": a response
    promised on a condition, or warned of, is a threat by its subject against the condition's party."""
    unanswered = _not_unanswered(kit, verb)
    if verb.lemma_.lower() not in kit.words("response_verbs") and not unanswered:
        return None
    if syntax.inside_conditional(verb, kit.marks):
        return None
    if syntax.inside_question(verb, kit.words("question_verbs")):
        return None  # "asked how Washington would respond if ...": a question, not a threat
    conditional = syntax.conditional_clause(verb, kit.marks)
    warned = any(t.lemma_.lower() in kit.words("warning_verbs") for t in syntax.path_to_root(verb) if t.i != verb.i)
    future = syntax.is_future(verb, kit.future_aux)
    provoked = future and _any_provocation(verb)
    manner = forceful_manner(kit, verb)
    if not (conditional is not None or (warned and future) or provoked or (future and manner) or unanswered):
        return None
    provoked = provoked or _disguised_condition(kit, verb) is not None
    voice = voice_of(kit, verb, quotes)
    subj, how = syntax.subject(verb)
    actor = subj if subj is not None and syntax.is_actorish(subj, kit.agent_words) else None
    if actor is None and voice is None:
        return None
    recipients = _threatened(kit, verb, conditional, actor, voice)
    if unanswered and subj is not None and actor is None:
        doer = arguments.act_doer(kit, subj)  # "such actions by Kyiv will not go unanswered"
        recipients = [doer] if doer is not None else []
    party = _disguised_party(kit, verb, actor) if conditional is None else None
    if party is not None:
        recipients = [party]
    militarily = any(word.startswith(("militar", "force", "nuclear")) for word in manner)
    return Coded(
        type="THREATEN",
        mode="violence" if militarily else None,
        head=verb,
        first=verb,
        last=verb,
        rule=[f"speech: conditional response ({verb.lemma_.lower()})"],
        speech=True,
        conf=kit.weight("threat_noun"),
        actor=actor,
        actor_how=how if actor is not None else "",
        recipients=recipients,
        hypothetical=conditional is not None or provoked,
        future=future,
        voice=voice,
        speaker_acts=actor is None,
    )


def _not_unanswered(kit: Kit, verb: Token) -> bool:
    """ "The decision will not go unanswered", "Moscow will not leave this unpunished": a response promised by
    denying that the act will stay without one."""
    if not any(c.dep_ == "neg" or c.lower_ == "never" for c in verb.children):
        return False
    complements = ("acomp", "oprd", "xcomp", "ccomp", "dobj")  # "leave this unanswered" is parsed as an object
    words = kit.words("unanswered_words")
    return any(c.dep_ in complements and c.lower_ in words for c in verb.children)


def forceful_manner(kit: Kit, verb: Token) -> set[str]:
    """The words of force in how a response is promised: "respond *militarily*", "react military or
    military-technically", "answer *in the military plane*", "respond *with force*". A response promised with
    force is a threat of force (PLOVER THREATEN) even with no condition and no threat verb."""
    words: set[str] = set()
    for child in verb.children:
        manner = child.dep_ in ("advmod", "npadvmod") or (child.dep_ == "prep" and child.lower_ in ("in", "with"))
        if manner or (child.dep_ == "dobj" and child.pos_ in ("ADJ", "ADV")):  # "react military" (translated)
            words |= {t.lower_ for t in child.subtree}
    return words & kit.words("forceful_manners")


def _disguised_condition(kit: Kit, verb: Token) -> Token | None:
    """The object of a without/absent phrase on the verb: "*Without* concrete steps from the alliance, Russia
    would respond militarily" is conditioned (if the alliance takes no steps), so the response is hypothetical."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in kit.words("condition_preps"):
            return syntax.first_child(child, "pobj")
    return None


def _disguised_party(kit: Kit, verb: Token, actor: Token | None) -> Token | None:
    """Whose failure the disguised condition names: "without steps *from the alliance*" threatens the alliance."""
    condition = _disguised_condition(kit, verb)
    if condition is None:
        return None
    party = syntax.prep_object(condition, "from", "by", "of")
    if party is None or (actor is not None and party.i == actor.i) or kit.first(party):
        return None
    return party if syntax.is_actorish(party, kit.agent_words) else None


def _any_provocation(verb: Token) -> bool:
    """ "Any incursion into our airspace will be answered decisively": a passive response to *any* act is a
    condition in disguise (if anyone intrudes, we will answer), so it threatens like "if ..." does."""
    if not syntax.is_passive(verb):
        return False
    subject = syntax.first_child(verb, "nsubjpass")
    return subject is not None and any(c.dep_ == "det" and c.lower_ in ("any", "every") for c in subject.children)


def condition_party(kit: Kit, condition: Token, actor: Token | None) -> Token | None:
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
    if kit.first(found) or not syntax.is_actorish(found, kit.agent_words):
        return None
    return found


def threat_mode(kit: Kit, noun: Token) -> str | None:
    """violence for military or technical responses, restrict for economic ones, else unknown."""
    words = {t.lower_ for child in noun.children if child.dep_ in ("amod", "compound", "nmod") for t in child.subtree}
    for conj in syntax.conjuncts(noun):
        words |= {t.lower_ for child in conj.children if child.dep_ in ("amod", "compound") for t in child.subtree}
    if words & kit.words("restrict_modifiers"):
        return "restrict"
    if words & kit.words("violence_modifiers"):
        return "violence"
    return "violence" if noun.lemma_.lower() in kit.words("violence_nouns") else None
