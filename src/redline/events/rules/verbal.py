"""Verbal attacks: "attacked", "slammed", "hit" are also how news writes criticism.

"Trump attacked Machado in early-morning tweets", "attacked Clinton for her support of the war", "slammed the
deal, saying ...": an attack made in a medium of speech, for a reason, or together with what was said is an
accusation (ACCUSE, mode ``disapprove``), not an assault. A plain "attacked the convoy" stays an ASSAULT.
"""

from __future__ import annotations

from redline.events import syntax
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Token

SPEAKING = frozenset({"say", "call", "accuse", "describe", "write", "tweet", "add", "claim", "argue"})


def recode_verbal_attack(kit: Kit, item: Coded) -> None:
    """Turn an ASSAULT told with a verb of criticism into the ACCUSE it is, when the sentence says it was spoken."""
    head = item.head
    if item.type == "ASSAULT" and any(_verbal_noun(t) for t in (head, item.last) if t is not None):
        item.type, item.mode, item.cameo = "ACCUSE", "disapprove", None
        item.rule.append("verbal attack (noun)")
        return
    if item.type != "ASSAULT" or head.lemma_.lower() not in kit.words("verbal_attack_verbs"):
        return
    if not syntax.is_verbal(head) or not _spoken(kit, head):
        return
    item.type, item.mode, item.cameo = "ACCUSE", "disapprove", None
    item.rule.append("verbal attack")


VERBAL_ADJECTIVES = frozenset({"personal", "verbal", "rhetorical", "partisan", "scathing", "blistering", "withering"})


def _verbal_noun(token: Token) -> bool:
    """ "intensified the *personal* attacks on his rival", "a *scathing* attack on the plan": criticism."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in ("attack", "assault", "broadside", "salvo"):
        return False
    return any(c.dep_ == "amod" and c.lower_ in VERBAL_ADJECTIVES for c in token.children)


def _spoken(kit: Kit, verb: Token) -> bool:
    """A medium of speech ("in a speech", "on Twitter") attached to the verb; or, when a person is attacked, a
    reason ("for her support") or what was said ("..., saying ..."). Forces attacking a base "for the third time"
    or "saying it was a target" stay an assault."""
    media = kit.words("speech_media")
    person = _person_attacked(verb)
    for child in verb.children:
        if child.dep_ == "prep":
            target = syntax.first_child(child, "pobj")
            if target is None:
                continue
            if target.lemma_.lower() in media or target.lower_ in media:
                return True
            if person and child.lower_ == "for" and target.pos_ == "NOUN":
                return True
        if person and child.dep_ in ("advcl", "xcomp", "conj") and child.lemma_.lower() in SPEAKING:
            return True
    return False


def _person_attacked(verb: Token) -> bool:
    target = syntax.first_child(verb, "dobj")
    if target is None:
        return False
    return target.ent_type_ == "PERSON" or target.lower_ in ("him", "her")
