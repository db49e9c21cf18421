"""Recipients a pattern's own specs miss: inside noun phrases, in purpose clauses, at places.

* **The author of a statement or act named by the object**, or the party its that-clause is about ("demanded
  guarantees that *NATO* will not expand"): "rejected *an Indian* proposal", "dismissed an appeal
  *from President Gbagbo*", "condemned *North Korea's* test", "denounced *Serbia's* suppression of ..." — the one
  whose proposal, appeal or act it is receives the response. For a demand, the one the demanded act is about:
  "demanded the withdrawal *of Serbian forces*".
* **What a protest is against**: "demonstrated *against the government*", "blocked a road to show their
  disapproval of *the United States'* policies", "rallied, demanding *Mubarak's* removal".
* **Where a measure applies**: "lifted a night curfew *in Montenegro*", "reimposed blockades *in the West Bank*":
  curfews, blockades, bans and attacks target the people of the place.
* **Where forces or aid are sent**: "sent 21 observers *to Bosnia*", "will deploy 500 soldiers *to Lithuania*":
  with no party named, the destination's state receives the deployment or the aid (the CAMEO coders' target).
"""

from __future__ import annotations

from redline.events import syntax
from redline.events.rules import arguments
from redline.events.rules.kit import Kit
from redline.events.rules.model import Token

RESPONSE_TYPES = frozenset({"REJECT", "ACCUSE", "SUPPORT", "CONCEDE", "AGREE", "REQUEST", "THREATEN"})
PLACED_TYPES = frozenset({"CONCEDE", "COERCE", "RETREAT", "ASSAULT", "MOBILIZE", "AID"})
SENT_TYPES = frozenset({"MOBILIZE", "AID"})
"""Acts that move troops or goods somewhere: their "to" phrase is a destination, not an addressee."""
PLACE_PREPS = ("in", "on", "into", "at", "across")
MASSING_PREPS = ("near", "along", "around")
DESTINATION_PREPS = ("to", "toward", "towards", "into")
NATIONALITY_ENTS = ("NORP", "GPE", "ORG")
PLACE_ENTS = ("GPE", "LOC", "FAC")
PROTEST_PREPS = ("against", "over", "at")


def object_agent(kit: Kit, noun: Token, *, depth: int = 0) -> Token | None:
    """Whose statement or act a noun names: its possessor, a by/from phrase, a nationality modifier ("an *Indian*
    proposal"), or the same of its "of" phrase ("condemnation of *North Korea's* test")."""
    found = syntax.first_child(noun, "poss")
    if found is None:
        found = syntax.agent(noun) or syntax.prep_object(noun, "from")
    if found is None:
        found = next(
            (c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in NATIONALITY_ENTS),
            None,
        )
    if found is None:
        found = _complement_subject(noun)
    if found is not None:
        return arguments.actorish(kit, found)
    inner = syntax.prep_object(noun, "of")
    if inner is not None and depth < 1 and inner.pos_ in ("NOUN", "PROPN"):
        return object_agent(kit, inner, depth=depth + 1)
    return None


def _complement_subject(noun: Token) -> Token | None:
    """The subject of a that-clause completing the noun ("guarantees *that NATO* will not expand", "the idea *that
    Moscow* could have a say"): what the demand, refusal or offer is about is that party's doing."""
    for clause in noun.children:
        if clause.dep_ in ("acl", "ccomp") and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            subject = syntax.first_child(clause, "nsubj", "nsubjpass")
            if subject is not None and subject.pos_ != "PRON":
                return subject
    return None


def response_target(kit: Kit, event_type: str, obj: Token | None) -> Token | None:
    """The recipient of a response to a statement or act named by the object."""
    if obj is None or event_type not in RESPONSE_TYPES or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    if syntax.is_actorish(obj, kit.agent_words):
        return None  # the object is a party itself; the pattern's specs decide about it
    found = object_agent(kit, obj)
    if found is None and event_type == "REQUEST":
        inner = syntax.prep_object(obj, "of")  # "demanded the withdrawal of Serbian forces"
        found = arguments.actorish(kit, inner) if inner is not None else None
    return found


def _party_in(kit: Kit, noun: Token) -> Token | None:
    """A party a noun phrase names or is about: itself, its author, or the party of its against/for/of phrase
    ("disapproval *for the United States'* policies")."""
    party = arguments.actorish(kit, noun) or object_agent(kit, noun)
    if party is not None:
        return party
    for prep in ("against", "for", "of", "over", "with"):
        inner = syntax.prep_object(noun, prep)
        if inner is not None:
            party = arguments.actorish(kit, inner) or object_agent(kit, inner)
            if party is not None:
                return party
    return None


def protest_target(kit: Kit, token: Token) -> Token | None:
    """What a protest is against: an against/over phrase, or the object of its purpose clause."""
    for prep in PROTEST_PREPS:
        found = syntax.prep_object(token, prep)
        party = _party_in(kit, found) if found is not None else None
        if party is not None:
            return party
    for clause in syntax.children(token, "advcl", "xcomp", "conj"):
        for obj in syntax.children(clause, "dobj"):
            party = _party_in(kit, obj)
            if party is not None:
                return party
        for prep in ("against", "for", "of", "to", "from"):
            found = syntax.prep_object(clause, prep)
            party = _party_in(kit, found) if found is not None else None
            if party is not None:
                return party
    return None


def place_target(token: Token, obj: Token | None, event_type: str = "") -> Token | None:
    """The place a measure or attack applies to (an in/on/into/at place of its object or of the verb), or where
    troops or aid are sent (a to/into place)."""
    preps = (*DESTINATION_PREPS, "in") if event_type in SENT_TYPES else PLACE_PREPS  # "strengthened its forces in X"
    if event_type == "MOBILIZE":
        preps = (*preps, *MASSING_PREPS)  # "massed 100,000 troops *near Ukraine*": the state they bear on
    for holder in (obj, token):
        if holder is None:
            continue
        for prep in preps:
            found = syntax.prep_object(holder, prep)
            if found is not None and found.ent_type_ in (("GPE",) if event_type in SENT_TYPES else PLACE_ENTS):
                return found  # troops sent "to the Mediterranean" have no state to receive them
            if found is not None and event_type == "MOBILIZE" and found.lemma_.lower() in ("border", "frontier"):
                side = next((c for c in found.children if c.ent_type_ in ("GPE", "NORP")), None)
                if side is not None:
                    return side  # "deployed troops along *the Syrian* border"
            inner = syntax.prep_object(found, "in") if found is not None and event_type not in SENT_TYPES else None
            if inner is not None and inner.ent_type_ in PLACE_ENTS:
                return inner  # "blew himself up at a checkpoint *in Kabul*"
    return None


def fallback(kit: Kit, event_type: str, token: Token, obj: Token | None) -> list[Token]:
    """Recipients from noun phrases, protest purposes and places, when the pattern's own specs found none."""
    found = response_target(kit, event_type, obj or syntax.prep_object(token, "to", "with", "against", "on"))
    if found is None and event_type == "PROTEST":
        found = protest_target(kit, token)
    if found is None and event_type in PLACED_TYPES:
        found = place_target(token, obj, event_type)
    return [found] if found is not None else []
