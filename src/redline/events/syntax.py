"""Dependency-tree helpers for the event coder: arguments, noun-phrase spans and clause properties.

Everything here reads a spaCy parse (labels of the English ClearNLP-style scheme the ``en_core_web_sm`` model
uses) and returns tokens or token ranges; nothing resolves actors or knows PLOVER.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from redline import tree

Token = Any  # spacy.tokens.Token (kept loose so the module imports without spaCy's type stubs)

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
CLAUSE_DEPS = ("ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "conj", "pcomp", "csubj")
NP_EXCLUDE = ("conj", "cc", "relcl", "appos", "punct", "preconj", "advcl", "parataxis", "ccomp", "dep")
ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP")
ADVERB_PARTICLES = ("back", "away")  # "pushed *back* on", "pulled *back* from": tagged adverbs, used as particles
PARTICLE_DEPS = ("prt", "prep", "advmod", "agent", "dative", "npadvmod", "compound:prt")


def is_verbal(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def is_to_infinitive(token: Token) -> bool:
    """A verb with its infinitive marker "to" ("*to stage* a provocation", "plans *to send*")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def first_child(token: Token, *deps: str) -> Token | None:
    for child in token.children:
        if child.dep_ in deps:
            return child
    return None


def particles(token: Token) -> set[str]:
    """Lower-cased particles of a predicate ("call off", "step down") and its first preposition after it that is
    not a date or place phrase ("call on X", "called on Tuesday for the withdrawal" -> for)."""
    found = {child.lower_ for child in token.children if child.dep_ in ("prt", "compound:prt")}
    for child in token.children:
        if child.dep_ in ("agent", "dative") and child.i > token.i:
            found.add(child.lower_)
    for child in sorted(token.children, key=lambda c: c.i):
        if child.i < token.i or child.dep_ not in ("prep", "advmod", "npadvmod"):
            continue
        obj = first_child(child, "pobj")
        if child.dep_ == "prep" and obj is not None and obj.ent_type_ in ("DATE", "TIME"):
            continue
        if child.dep_ in ("advmod", "npadvmod") and child.pos_ != "ADP" and child.lower_ not in ADVERB_PARTICLES:
            continue
        found.add(child.lower_)
        if child.dep_ == "prep":
            break
    mark = for_clause_mark(token)
    if mark is not None:
        found.add(mark.lower_)
    return found


def for_clause_mark(token: Token) -> Token | None:
    """The "for" of a for-to clause right after a predicate ("called *for* Burma to institute reforms"): the
    parser reads it as the mark of a clause rather than a preposition, but it selects the predicate's sense the
    same way ("call for")."""
    for child in token.children:
        if child.dep_ not in ("advcl", "xcomp", "ccomp") or child.i < token.i:
            continue
        mark = first_child(child, "mark")
        if mark is not None and mark.lower_ == "for" and first_child(child, "nsubj") is not None:
            return mark
    return None


def is_passive(token: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass", "csubjpass") for child in token.children)


def agent(token: Token) -> Token | None:
    """The ``by`` agent of a passive verb (or of a noun: "an attack by rebels")."""
    for child in token.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            obj = first_child(child, "pobj")
            if obj is not None:
                return obj
    return None


def prep_object(token: Token, *preps: str) -> Token | None:
    """The object of a preposition child of ``token`` (the first of ``preps`` found, in their order)."""
    for prep in preps:
        for child in token.children:
            if child.dep_ in ("prep", "agent", "dative", "prt") and child.lower_ == prep:
                obj = first_child(child, "pobj", "pcomp")
                if obj is not None:
                    return obj
            if child.dep_ == "prep" and " " in prep and _phrase(child) == prep:
                obj = first_child(child, "pobj")
                if obj is not None:
                    return obj
    return None


def _phrase(prep: Token) -> str:
    words = [prep.lower_]
    for child in prep.children:
        if child.dep_ in ("pcomp", "prep") and child.i == prep.i + 1:
            words.append(child.lower_)
    return " ".join(words)


def direct_object(token: Token) -> Token | None:
    found = first_child(token, "dobj", "obj")
    return found if found is not None else displaced_object(token)


def displaced_object(token: Token) -> Token | None:
    """An object placed after an adverbial phrase, as translated copy keeps the source's word order ("received on
    Monday in the Kremlin his French counterpart", "recalled for consultations its chargé d'affaires"): the parser
    reads it as an apposition of the phrase's noun, but nothing sets it off (no comma), and a determined noun
    phrase there is what the verb acts on."""
    if token.pos_ != "VERB" or is_passive(token):
        return None
    for prep in (c for c in token.children if c.dep_ == "prep" and c.i > token.i):
        obj = first_child(prep, "pobj")
        if obj is None:
            continue
        for appos in (c for c in obj.children if c.dep_ == "appos" and c.i > obj.i):
            between = token.doc[obj.i + 1 : appos.left_edge.i]
            if not any(t.is_punct for t in between) and any(c.dep_ in ("poss", "det") for c in appos.children):
                return appos
    return None


def objects(token: Token, preps: Iterable[str] = ()) -> Iterator[Token]:
    """Candidate objects of a predicate: direct object, objects of ``preps``, then the passive subject."""
    for child in token.children:
        if child.dep_ in ("dobj", "obj"):
            yield child
            yield from conjuncts(child)
    if first_child(token, "dobj", "obj") is None and (displaced := displaced_object(token)) is not None:
        yield displaced
    for prep in preps:
        obj = prep_object(token, prep)
        if obj is not None:
            yield obj
            yield from conjuncts(obj)
    if is_passive(token):
        for child in token.children:
            if child.dep_ == "nsubjpass":
                yield child
    gap = relative_object(token)
    if gap is not None:
        yield gap


def relative_object(token: Token) -> Token | None:
    """The noun a relative clause's missing object stands for: "the questions (that) he was asked", "the aid
    the EU sent" — a clause with a subject of its own and no object leaves the object to its antecedent."""
    if token.dep_ == "xcomp" and first_child(token, "dobj", "obj") is None:
        token = token.head  # "the pacts it wants to conclude": the gap is the infinitive's object
    if token.dep_ != "relcl" or first_child(token, "dobj", "obj") is not None:
        return None
    subject = first_child(token, "nsubj", "nsubjpass")
    if subject is None or subject.tag_ in ("WDT", "WP") or subject.lower_ == "that":
        return None
    return token.head if token.head.pos_ in ("NOUN", "PROPN") else None


def conjuncts(token: Token) -> list[Token]:
    """Tokens coordinated with ``token`` ("the US and NATO" -> [NATO])."""
    found: list[Token] = []
    stack = [child for child in token.children if child.dep_ == "conj"]
    while stack:
        item = stack.pop(0)
        found.append(item)
        stack.extend(child for child in item.children if child.dep_ == "conj")
    return found


def subject(token: Token, object_control: frozenset[str] = frozenset()) -> tuple[Token | None, str]:
    """The subject of a predicate, climbing through control and coordination.

    Returns ``(token, how)`` where ``how`` is ``"subj"``, ``"passive"`` (the subject of a passive verb),
    ``"agent"`` (the ``by`` phrase of a passive), ``"object"`` (object control: "urged Uganda to ..."),
    ``"head"`` (a relative or participial clause: the noun it modifies) or ``""`` (none found).
    """
    current = token
    controlled = False  # reached through an xcomp: "X is scheduled / was asked to attend" -> X attends
    for _ in range(8):
        for child in current.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, "subj"
        for child in current.children:
            if child.dep_ == "nsubjpass":
                if controlled:
                    return child, "subj"
                found = agent(current)
                if found is not None:
                    return found, "agent"
                return child, "passive"
        if is_passive(current):
            found = agent(current)
            if found is not None:
                return found, "agent"
        if current.dep_ == "advcl":
            # "came after the ministry released ...": the parser hangs the clause's subject on its marker
            for mark in current.children:
                if mark.dep_ == "mark":
                    objects = [c for c in mark.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN", "PRON")]
                    if objects and objects[0].i < current.i:
                        return objects[0], "subj"
        if tree.is_root(current):
            break
        head = current.head
        holder = intent_noun(current)
        if holder is not None and is_verbal(holder.head):
            current = holder.head  # "Israel has no plans to send troops": Israel would send them
            controlled = True
            continue
        if current.dep_ == "xcomp":
            if head.lemma_.lower() in object_control:
                controller = direct_object(head) or prep_object(head, "on", "upon")
                if controller is not None:
                    return controller, "object"
            current = head
            controlled = True
            continue
        if current.dep_ in ("conj", "advcl", "pcomp") or (current.dep_ == "prep" and is_verbal(head)):
            current = head
            continue
        if current.dep_ in ("acomp", "attr", "oprd"):
            current = head
            continue
        if current.dep_ in ("relcl", "acl"):
            if current.dep_ == "acl" and current.tag_ == "VBN" and tree.is_root(head) and direct_object(current):
                # "A Saudi-led coalition bombed Houthi positions.": a passive participle takes no object; the parser
                # made the sentence's subject its root and hung the finite verb on it
                return head, "subj"
            if current.dep_ == "acl" and current.tag_ == "VBN":
                found = agent(current)
                return (found, "agent") if found is not None else (head, "passive")
            return head, "head"
        if current.dep_ == "pobj" and head.dep_ == "prep":
            current = head.head
            continue
        break
    return None, ""


INTENT_NOUNS = frozenset({"plan", "intention", "intent"})
"""Nouns of intent whose complement is the holder's own act: "has plans *to send*", "no intention *of laying*"."""


def intent_noun(token: Token) -> Token | None:
    """The intent noun a clause completes ("plans to send": plans; "intention of laying": intention), or None."""
    if tree.is_root(token):
        return None
    head = token.head
    if token.dep_ == "pcomp" and head.lower_ == "of" and not tree.is_root(head):
        head = head.head
    elif token.dep_ != "acl" or not is_to_infinitive(token):
        return None
    if head.lemma_.lower() in INTENT_NOUNS and head.dep_ in ("dobj", "attr") and not tree.is_root(head):
        return head
    return None


def _temporal(child: Token) -> bool:
    """A date or time phrase on a noun ("Rebels in the Ivory Coast *on Tuesday*"): a parse slip, not the name."""
    if child.ent_type_ in ("DATE", "TIME"):
        return True
    obj = first_child(child, "pobj") if child.dep_ == "prep" else None
    return obj is not None and obj.ent_type_ in ("DATE", "TIME")


PROPOSAL_NOUNS = frozenset(
    {
        "proposal",
        "appeal",
        "call",
        "request",
        "demand",
        "offer",
        "resolution",
        "plan",
        "bid",
        "initiative",
        "change",
        "amendment",
        "invitation",
        "ultimatum",
    }
)
"""Nouns of a statement or proposal: the phrase names it with its author ("an Indian proposal", "calls by Kofi
Annan"), not with what it asks ("... for signing a free trade agreement", "... to deploy troops")."""


def _outside_phrase(head: Token, child: Token) -> bool:
    """A dependent that is no part of the phrase naming a party or a statement: another party's "against" phrase
    ("Croat forces *against ethnic Serb civilians*"), or what a proposal asks for."""
    if child.dep_ == "amod" and head.ent_type_ == "GPE" and head.pos_ == "PROPN" and child.ent_type_ != "GPE":
        return True  # "*war-torn* Liberia", "*neighbouring* Ukraine": a description of the state, not its name
    if child.dep_ != "prep" or child.i < head.i:
        return child.dep_ == "acl" and child.i > head.i and head.lemma_.lower() in PROPOSAL_NOUNS
    if child.lower_ == "against":
        return True
    return head.lemma_.lower() in PROPOSAL_NOUNS and child.lower_ not in ("of", "by", "from")


def _stray_quantity(head: Token, child: Token) -> bool:
    """A quantity phrase the parser hung after a name: "to Great Britain *two of its nationals*" (the object of
    the verb, misattached); a number after a name is part of it only bare ("Resolution 2231")."""
    return (
        child.dep_ == "nummod"
        and child.i > head.i
        and head.pos_ == "PROPN"
        and any(c.dep_ == "prep" for c in child.children)
    )


def np_span(token: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the noun phrase headed by ``token``, without coordination, relative and
    infinitival clauses, appositions, date phrases or trailing punctuation ("Members of parliament from Kenya's
    Liberal Democratic Party"; "a U.S. request" of "a U.S. request to interrogate detainees")."""
    keep = [token.i]
    stack = [
        child
        for child in token.children
        if child.dep_ not in NP_EXCLUDE
        and not (child.dep_ == "acl" and child.i > token.i)
        and not _temporal(child)
        and not _stray_quantity(token, child)
        and not _outside_phrase(token, child)
    ]
    while stack:
        item = stack.pop()
        keep.append(item.i)
        stack.extend(child for child in item.children if child.dep_ not in ("relcl", "advcl", "parataxis", "ccomp"))
    start, end = min(keep), max(keep) + 1
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        start += 1
    while end - 1 > token.i and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    opened = sum(1 for t in doc[start:end] if t.text == "(") - sum(1 for t in doc[start:end] if t.text == ")")
    if opened > 0 and end < len(doc) and doc[end].text == ")":
        end += 1
    return start, end


def is_actorish(token: Token, agent_words: frozenset[str]) -> bool:
    """Whether a noun phrase head can name an actor (named entity, demonym-modified noun, role noun, pronoun);
    never a day or a time ("Friday's test": Friday owns nothing)."""
    if token.ent_type_ in ("DATE", "TIME"):
        return False
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "we", "i", "it", "them", "him", "her", "us")
    if token.ent_type_ in ACTOR_ENTS:
        return True
    if token.lemma_.lower() in agent_words or token.lower_ in agent_words:
        return True
    if token.pos_ == "PROPN":
        return True
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and any(t.ent_type_ in ACTOR_ENTS for t in child.subtree):
            return True
    return False


def cleft_focus(token: Token) -> Token | None:
    """The focused phrase of a cleft whose clause ``token`` heads: "it was *Russia* that attacked the convoy"
    (parsed with the clause as a relative clause of "Russia" or as a complement of "was")."""
    if tree.is_root(token):
        return None
    if token.dep_ == "relcl" and token.head.dep_ == "attr" and not tree.is_root(token.head):
        focus, copula = token.head, token.head.head
    elif token.dep_ == "ccomp" and token.head.lemma_.lower() == "be":
        copula = token.head
        focus = first_child(copula, "attr")
        if focus is None or focus.i > token.i:
            return None
    else:
        return None
    if copula.lemma_.lower() != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "it" for c in copula.children):
        return None
    return focus


def cleft_negated(token: Token) -> bool:
    """A cleft whose copula is negated: "it was *not* Russia that was placing missiles" denies the clause (the
    negation sits on "was", the act in the clause of the focused name)."""
    focus = cleft_focus(token)
    return focus is not None and any(c.dep_ == "neg" for c in focus.head.children)


def negated(token: Token, negation_words: frozenset[str]) -> bool:
    """A ``neg`` dependent (not, n't, never) on the predicate (or on the copula of an adjective or noun
    predicate: "was *not* ready to agree") or, for "no" objects, on its direct object."""
    copula = token.dep_ in ("acomp", "attr") and not tree.is_root(token) and token.head.lemma_.lower() == "be"
    if copula and any(child.dep_ == "neg" for child in token.head.children):
        return True
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ == "advmod" and child.lower_ in ("never", "no longer"):
            return True
        if child.dep_ == "advmod" and child.lower_ == "longer" and any(g.lower_ == "no" for g in child.children):
            return True
    obj = direct_object(token)
    if obj is not None and any(child.dep_ == "det" and child.lower_ == "no" for child in obj.children):
        return True
    return _denied_subject(token)


def _denied_subject(token: Token) -> bool:
    """A subject that says no one did it: "*Neither* Clinton nor her allies have been charged", "*No* country
    has recognised the annexation", "*None* of the parties attended"."""
    for child in token.children:
        if child.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if child.lower_ in ("none", "nobody", "neither") and child.pos_ == "PRON":
            return True
        if any(g.dep_ in ("det", "preconj") and g.lower_ in ("no", "neither") for g in child.children):
            return True
    return False


def is_future(token: Token, future_aux: frozenset[str]) -> bool:
    """A future auxiliary (will, shall, 'll, would as reported future) on the predicate or its governing verbs."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "aux" and child.lower_ in future_aux:
                return True
        if current.dep_ in ("xcomp", "conj", "acomp") and not tree.is_root(current):
            current = current.head
            continue
        break
    return False


def conditional_clause(token: Token, marks: frozenset[str]) -> Token | None:
    """The conditional clause (if/unless/in case ...) attached to ``token`` or to its governing verbs."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ == "advcl" and _mark(child, marks):
                return child
            if child.dep_ == "prep" and child.lower_ == "in":
                obj = first_child(child, "pobj")
                if obj is not None and obj.lower_ in ("case", "event"):
                    inner = first_child(obj, "prep")
                    return first_child(inner, "pobj") if inner is not None else obj
        if current.dep_ in ("xcomp", "conj", "ccomp", "acomp") and not tree.is_root(current):
            current = current.head
            continue
        break
    return None


def _mark(clause: Token, marks: frozenset[str]) -> bool:
    if _inverted(clause):
        return True
    for child in clause.children:
        if child.dep_ == "mark" and child.lower_ in marks:
            return True
        following = child.i + 1
        in_case = following < len(clause.doc) and clause.doc[following].lower_ == "case"
        if child.dep_ == "mark" and child.lower_ == "in" and in_case:
            return True
    return False


INVERSION_AUX = ("should", "had", "were")


def _inverted(clause: Token) -> bool:
    """An inverted condition: the clause opens with should/had/were before its subject ("Should Serbia
    recognise the border, ...", "Had they known, ...")."""
    if clause.dep_ != "advcl":
        return False
    aux = next((c for c in clause.children if c.dep_ in ("aux", "auxpass")), None)
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if aux is None or aux.lower_ not in INVERSION_AUX:
        return False
    # the parser may take the subject for a modifier of the verb ("Should *Azerbaijan* attack": compound)
    return (subject is None or aux.i < subject.i) and aux.i == clause.left_edge.i


def inside_conditional(token: Token, marks: frozenset[str]) -> bool:
    """Whether ``token`` sits inside an if/unless clause (the condition of something else, not an event)."""
    current = token
    for _ in range(10):
        if current.dep_ == "advcl" and _mark(current, marks):
            return True
        if tree.is_root(current):
            return False
        if current.dep_ == "pobj" and current.head.lower_ in ("of",) and current.head.head.lower_ in ("case", "event"):
            return True
        current = current.head
    return False


def governing_verb(token: Token) -> Token:
    """The nearest verbal head of a token (itself when it is a verb)."""
    return tree.climb(token, lambda current: not is_verbal(current), limit=10)


def path_to_root(token: Token) -> Iterator[Token]:
    """The token and its heads up to the root (at most 30 tokens)."""
    yield token
    yield from tree.ancestors(token, limit=29)


def token_range(first: Token, last: Token) -> tuple[int, int]:
    """Character offsets covering two tokens of one doc (in either order)."""
    start_token, end_token = (first, last) if first.i <= last.i else (last, first)
    return start_token.idx, end_token.idx + len(end_token.text)


QUESTION_WORDS = frozenset({"how", "what", "why", "when", "where", "which", "who", "whom", "whose", "whether", "if"})


def is_question_clause(clause: Token) -> bool:
    """An indirect question: a complement clause opened by a question word or whether/if ("asked *how* NATO would
    react", "wondered *whether* Moscow would attack")."""
    if clause.dep_ not in ("ccomp", "xcomp", "advcl"):
        return False
    first = clause.doc[clause.left_edge.i]
    return first.lower_ in QUESTION_WORDS and first.i < clause.i


def inside_question(token: Token, question_verbs: frozenset[str]) -> bool:
    """Whether a token sits in an indirect question asked by a verb of asking ("asked how NATO *would react*")."""
    current = token
    for _ in range(12):
        if current.head.i == current.i:
            return False
        if current.head.lemma_.lower() in question_verbs and is_question_clause(current):
            return True
        current = current.head
    return False
