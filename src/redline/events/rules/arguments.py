"""Arguments: who acts and who is acted on, as tokens of the parse (their resolution to actors is in
:mod:`.parties`).

The subject climbs through control ("urged Uganda *to withdraw*": Uganda), relative clauses ("the envoy *who*
met ...": the envoy) and non-actor subjects ("Moscow issued documents *requesting* ...": Moscow). Recipients are
looked up by the pattern's specs in order (``dobj``, ``dative``, ``agent``, ``xobj``, a preposition, ``obj.<x>``,
``head.<spec>``).
"""

from __future__ import annotations

from collections.abc import Iterable

from redline import tree
from redline.events import syntax
from redline.events.rules.kit import Kit
from redline.events.rules.model import Frame, Token

NON_ACTOR_ENTS = ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "QUANTITY")
FINITE_TAGS = ("VBZ", "VBP", "VBD")
"""A finite verb is never a subject: a subject tagged so is a plural noun the tagger misread ("Boko Haram
*militants* overran a base")."""


def subject(kit: Kit, token: Token) -> tuple[Token | None, str]:
    """The acting subject of a predicate and how it was found (see ``syntax.subject``; ``:weak`` when the
    subject does not look like an actor)."""
    subj, how = syntax.subject(token, kit.words("object_control"))
    if subj is not None and subj.dep_ == "expl":
        return None, ""
    focus = syntax.cleft_focus(token) if subj is not None and subj.lower_ in ("that", "who") else None
    if focus is not None:
        return focus, how  # "it was Russia that attacked": the focused name acts
    if subj is not None and subj.tag_ in ("WP", "WDT") and subj.lower_ in kit.words("relative_pronouns"):
        clause = tree.climb(
            syntax.governing_verb(subj),
            lambda c: c.dep_ not in ("relcl", "acl") and syntax.is_verbal(c.head),
        )
        if clause.dep_ in ("relcl", "acl"):
            subj = clause.head
    if subj is not None and how == "head" and not syntax.is_actorish(subj, kit.agent_words):
        # "Moscow issued two documents requesting assurances": the issuer requests
        outer, outer_how = syntax.subject(syntax.governing_verb(subj), kit.words("object_control"))
        if outer is not None and syntax.is_actorish(outer, kit.agent_words):
            return outer, outer_how
    if subj is not None and subj.pos_ in ("VERB", "AUX") and subj.tag_ not in FINITE_TAGS:
        return None, ""  # a clause as subject ("*Having* people like him work for them helps them"): no one acts
    if subj is not None and not syntax.is_actorish(subj, kit.agent_words) and subj.pos_ != "PRON":
        poss = syntax.first_child(subj, "poss")
        if poss is not None and syntax.is_actorish(poss, kit.agent_words):
            return poss, how
        if how in ("subj", "agent", "object"):
            return subj, how + ":weak"
        return None, ""
    return subj, how


def noun_actor(noun: Token) -> tuple[Token | None, str]:
    """The actor of an event noun: "an attack *by rebels*", "*Russia's* withdrawal", "*US* sanctions"."""
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


def recipients(kit: Kit, frame: Frame, specs: Iterable[str]) -> list[Token]:
    """The recipient of a frame: the first spec that finds an actor-like phrase other than the subject."""
    token = frame.token
    for spec in specs:
        found = _recipient(kit, token, frame.obj, spec)
        if found is None:
            continue
        found = actorish(kit, found) or act_doer(kit, found)
        if found is None:
            continue
        subj, how = syntax.subject(token)
        if subj is not None and found.i == subj.i and how != "passive":
            continue
        return [found]
    return []


def act_doer(kit: Kit, act: Token) -> Token | None:
    """Who did the act a recipient phrase names: "an investigation into crimes *committed by Croat forces*",
    "protested the decision *by the government*". An act stands for the one who did it, so when the phrase is
    no party itself, its agent ("by" on the noun or on a participle modifying it) is the recipient."""
    if not names_an_act(kit, act):
        return None  # "the town shelled by Russian forces" is a place the forces hit, not their act
    if any(c.dep_ in ("acl", "ccomp") and syntax.first_child(c, "mark") is not None for c in act.children):
        return None  # "an allegation by X that Y took the city": the one it is about is Y, not its author
    doer = syntax.agent(act)
    if doer is None:
        for child in act.children:
            if child.dep_ == "acl" and child.tag_ == "VBN":
                doer = syntax.agent(child)
                break
    return actorish(kit, doer) if doer is not None and doer.i != act.i else None


def names_an_act(kit: Kit, noun: Token) -> bool:
    """Whether a noun names something done: a wrongdoing ("crimes", "abuses") or an event noun of the lexicon
    ("the decision", "sanctions", "an attack")."""
    wrongdoing = kit.words("wrongdoing_nouns")
    if noun.lower_ in wrongdoing or noun.lemma_.lower() in wrongdoing:
        return True
    classes = set(kit.lexicon.classes_of(noun))
    inner = syntax.prep_object(noun, "of") if noun.lemma_.lower() in kit.words("partitive_nouns") else None
    if inner is not None:  # "the sale of arms by Washington": the sale is the act the arms name
        classes |= kit.lexicon.classes_of(inner)
    return any(kit.lexicon.classes[name].type is not None for name in classes if name in kit.lexicon.classes)


def _recipient(kit: Kit, token: Token, obj: Token | None, spec: str) -> Token | None:
    if spec.startswith("head."):
        return None if tree.is_root(token) else _recipient(kit, token.head, None, spec[5:])
    if spec == "dobj":
        if syntax.is_passive(token):
            return syntax.first_child(token, "nsubjpass")
        if token.dep_ == "acl" and token.tag_ == "VBN" and syntax.agent(token) is not None:
            return token.head  # "the journalists *detained by the army*": a passive participle's noun undergoes it
        return syntax.direct_object(token)
    if spec == "dative":
        found = syntax.first_child(token, "dative", "iobj")
        if found is not None and found.pos_ == "ADP":
            return syntax.first_child(found, "pobj")
        return found
    if spec == "agent":
        return syntax.agent(token)
    if spec == "xobj":
        return _controlled_object(kit, token)
    if spec.startswith("obj."):
        return _object_part(token, obj, spec[4:])
    return syntax.prep_object(token, spec)


def _controlled_object(kit: Kit, token: Token) -> Token | None:
    """The object before a to-infinitive or clause: "urged *Uganda* to ...", "called on *X* to ...", "called for
    *Burma* to ..." (read as a preposition with a clause after it, or as a for-to clause)."""
    mark = syntax.for_clause_mark(token)
    if mark is not None:
        return syntax.first_child(mark.head, "nsubj")
    if syntax.first_child(token, "xcomp") is None and syntax.first_child(token, "ccomp") is None:
        return _for_object(token)
    found = syntax.direct_object(token)
    if found is None and token.lemma_.lower() in kit.words("call_on_verbs"):
        found = syntax.prep_object(token, "on", "upon")
    if found is not None:
        return found
    ccomp = syntax.first_child(token, "ccomp")
    return syntax.first_child(ccomp, "nsubj") if ccomp is not None else None


def _for_object(token: Token) -> Token | None:
    """ "called for *Burma* to institute reforms", parsed as "for Burma" and a to-infinitive of the predicate."""
    obj = syntax.prep_object(token, "for")
    if obj is None:
        return None
    later = [c for c in token.children if c.dep_ == "advcl" and c.i > obj.i and syntax.is_to_infinitive(c)]
    return obj if later else None


def _object_part(token: Token, obj: Token | None, rest: str) -> Token | None:
    """A part of the object noun: its possessor, a nationality modifier, its agent or a preposition on it."""
    if obj is None:
        obj = syntax.direct_object(token)
    if obj is None:
        return None
    if rest in ("poss", "compound", "amod"):
        for child in obj.children:
            if child.dep_ == rest and (rest == "poss" or child.ent_type_ in ("NORP", "GPE", "ORG")):
                return child
        return None
    if rest == "by":
        return syntax.agent(obj)
    found = syntax.prep_object(obj, rest)
    # "a note *of protest* to Minsk", "10 million euros *in aid* to Maputo": the parser hangs the addressee on the
    # phrase that names the act or what the amount is in
    inner = syntax.prep_object(obj, "of", "in") if found is None else None
    return syntax.prep_object(inner, rest) if inner is not None and inner.pos_ == "NOUN" else found


def actorish(kit: Kit, token: Token) -> Token | None:
    """The token itself when it can name an actor, else its actor-like possessor or "of" phrase, else None.

    A number or quantity is no actor, but a counted group is the group it counts: "arrested *dozens of
    activists*", "detained hundreds of ethnic Tigrayans" (the "of" phrase is the party)."""
    if token.ent_type_ in NON_ACTOR_ENTS or token.pos_ == "NUM":
        inner = syntax.prep_object(token, "of")
        if inner is not None and inner.ent_type_ not in NON_ACTOR_ENTS and inner.i != token.i:
            return actorish(kit, inner)
        return None
    if syntax.is_actorish(token, kit.agent_words):
        return token
    poss = syntax.first_child(token, "poss")
    if poss is not None and syntax.is_actorish(poss, kit.agent_words):
        return poss
    inner = syntax.prep_object(token, "of")
    if inner is not None and syntax.is_actorish(inner, kit.agent_words) and inner.pos_ == "PROPN":
        return inner
    for child in token.children:
        if child.dep_ in ("compound", "amod") and child.ent_type_ in ("GPE", "NORP", "ORG"):
            return token
    return None
