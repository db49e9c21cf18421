"""Parties: argument tokens resolved to ``Actor`` records through the article's actor context.

A noun phrase resolves as a whole ("the Russian Foreign Ministry"), else through an entity inside it, an
apposition ("Grushko, Russia's deputy foreign minister") or the gazetteer. Coordinated phrases give one actor
each ("the US and NATO"; "US and Russian diplomats"). Pronouns resolve to an earlier phrase of the sentence, else
to the discourse memory of earlier sentences; speech acts take the voice's speaker (a stored quote's speaker
when there is one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from redline import tree
from redline.actors.memory import ArticleMemory
from redline.events import syntax
from redline.events.actors import ActorContext
from redline.events.places import LOCATIVE_PREPS
from redline.events.rules.kit import Kit
from redline.events.rules.model import Token, Voice
from redline.quotes import lexicon as quote_words
from redline.quotes.referents import gender_of
from redline.records import Actor

ANTECEDENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "dative", "poss")
CORE_DEPS = ("nsubj", "nsubjpass", "dobj", "dative")


def actors_of(
    kit: Kit,
    token: Token,
    ctx: ActorContext,
    memory: ArticleMemory,
    *,
    reciprocal: bool,
    exclude: frozenset[int] = frozenset(),
) -> list[Actor]:
    """The actors a phrase names: one per coordinated member (``reciprocal`` is kept for the callers' intent)."""
    group = _group_nominal(kit, token, ctx, memory)
    if group:
        return group
    if _unplaced_group(kit, token):
        return []
    conjuncts = [] if _apposition_misread(token) else syntax.conjuncts(token)
    heads = [token] + [c for c in conjuncts if c.pos_ in ("NOUN", "PROPN", "PRON")]
    if syntax.is_actorish(token, kit.agent_words):  # "arming Kyiv and holding drills": no party of the act
        heads = [token] + [c for c in heads[1:] if syntax.is_actorish(c, kit.agent_words)]
    holders = _holders_of(kit, token)
    if holders:  # "the presidents of Kenya and Tanzania": one actor per country
        heads = holders
    found: list[Actor] = []
    for head in heads:
        split = _coordinated_modifiers(head, ctx)
        if split:
            found.extend(a for a in split if not any(same_actor(a, b) for b in found))
            continue
        actor = actor_of(kit, head, ctx, memory, exclude=exclude)
        if actor is not None and not any(same_actor(actor, a) for a in found):
            found.append(actor)
    return found


def _apposition_misread(token: Token) -> bool:
    """ "China, Pyongyang's only ally and its lifeline, said ...": the parser reads the apposition as a list
    ("China" and "ally"). A name whose first conjunct is a determined common noun, with no "and" of its own, is
    being described, not listed with another party ("Russia and its allies" keeps both)."""
    first = next((c for c in token.children if c.dep_ == "conj"), None)
    if token.pos_ != "PROPN" or first is None or any(c.dep_ == "cc" for c in token.children):
        return False
    return first.pos_ == "NOUN" and any(c.dep_ in ("poss", "det") for c in first.children)


def _holders_of(kit: Kit, token: Token) -> list[Token]:
    """ "the presidents of Kenya and Tanzania", "foreign ministers of Russia and China": the coordinated "of"
    phrase of a plural role noun names one holder per member."""
    if token.tag_ not in ("NNS", "NNPS") or token.lemma_.lower() not in kit.agent_words:
        return []
    inner = syntax.prep_object(token, "of")
    if inner is None or not syntax.conjuncts(inner):
        return []
    members = [inner, *syntax.conjuncts(inner)]
    return members if all(m.ent_type_ in ("GPE", "NORP", "ORG") for m in members) else []


def _group_nominal(kit: Kit, token: Token, ctx: ActorContext, memory: ArticleMemory) -> list[Actor]:
    """ "the two sides", "both countries": the last two countries named before it (in this sentence, else in the
    discourse memory); nothing when they cannot be told."""
    if token.lemma_.lower() not in kit.words("group_nominals") or token.tag_ not in ("NNS", "NNPS"):
        return []
    if not any(c.lower_ in ("two", "both") for c in token.children):
        return []
    candidates: list[Actor] = []
    earlier = [
        e
        for e in token.sent.ents
        if e.end <= token.i and e.label_ in ("GPE", "NORP", "ORG") and not _where(e.root)  # not "met in Beijing"
    ]
    for ent in reversed(earlier):
        found = ctx.resolve(ent.text, start=ent.start_char, end=ent.end_char)
        if found is not None:
            candidates.append(found)
    candidates += list(reversed(memory.parties))  # "Blinken met Lavrov. The two ministers agreed ...": both sides
    return _two_countries(token, candidates)


def _where(token: Token) -> bool:
    """A place where something happened ("in Beijing", "at Camp David"), not a party."""
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


def _unplaced_group(kit: Kit, token: Token) -> bool:
    """A group the sentence does not identify is no party: "the two sides" / "both parties" when no two
    countries precede them (``_group_nominal`` found none), and vague nominals ("some elements", "certain
    forces", "certain circles"): a determiner that withholds who is meant, on a bare noun that names no one.

    Coding them as actors would give events with a party no dyad can use; PLOVER codes only identifiable actors.
    People counted vaguely are still people ("some protesters threw stones"): the people classes stay."""
    if token.pos_ != "NOUN" or token.ent_type_:
        return False
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "nummod", "predet", "amod")}
    lemma = token.lemma_.lower()
    if lemma in kit.words("group_nominals") and token.tag_ in ("NNS", "NNPS") and determiners & {"two", "both"}:
        return True
    vague = kit.words("vague_determiners")
    if not determiners & vague:
        return False
    described = any(
        c.dep_ in ("compound", "amod", "nmod", "prep", "poss") and c.lower_ not in vague for c in token.children
    )
    people = kit.lexicon.classes_of(token) & {"people", "people_noun", "workers"}
    return not described and not people  # "some *opposition* groups", "some *invasion* forces" say who


def _two_countries(token: Token, candidates: list[Actor]) -> list[Actor]:
    picked: list[Actor] = []
    for actor in candidates:
        if actor.country and all(actor.country != p.country for p in picked):
            picked.append(relabel(actor, token))
        if len(picked) == 2:
            return picked
    return []


def names_someone(kit: Kit, token: Token) -> bool:
    """Whether a phrase can name an actor: an entity, a role or group noun, a personal pronoun, or a noun
    owned or specified by one ("the city of Phoenix", "Moscow's envoy"); "a bomb", "that", "shells" cannot."""
    if any(syntax.is_actorish(t, kit.agent_words) for t in [token, *syntax.conjuncts(token)]):
        return True
    inner = syntax.prep_object(token, "of")
    return inner is not None and inner.ent_type_ in syntax.ACTOR_ENTS


PRONOUN_GENDER = quote_words.PRONOUN_GENDER


def actor_of(
    kit: Kit, head: Token, ctx: ActorContext, memory: ArticleMemory, *, exclude: frozenset[int] = frozenset()
) -> Actor | None:
    """The actor one noun phrase (or pronoun) names; an unresolved phrase is kept as written."""
    if head.pos_ == "PRON":
        near = _antecedent_in_sentence(kit, head, exclude)
        wanted = PRONOUN_GENDER.get(head.lower_)
        while near is not None and wanted and mention_gender(near, memory) not in (wanted, None):
            exclude = exclude | {near.i}  # "Betty Shelby said *he* refused": not her
            near = _antecedent_in_sentence(kit, head, exclude)
        if near is not None:  # the named mention in this sentence stands for the pronoun
            return actor_of(kit, near, ctx, memory) or Actor(text=near.text, start=near.idx, end=near.idx + len(near))
        antecedent = _remembered(memory, head.lower_)
        if antecedent is None:
            return Actor(text=head.text, start=head.idx, end=head.idx + len(head.text))
        return relabel(antecedent, head)
    doc = head.doc
    start, end = syntax.np_span(head)
    # a phrase the parser broke into sibling fragments ("by ex - president of the US Donald Trump")
    while end < len(doc) and doc[end].head.i == head.head.i and doc[end].dep_ == head.dep_ and head.dep_ != "conj":
        end = max(end + 1, syntax.np_span(doc[end])[1])
    span = doc[start:end]
    text = span.text
    sponsor = _sponsor_modifier(kit, span)
    if sponsor is not None:
        # "the US-led military alliance" is not the US: read the phrase without its sponsor (else leave it open)
        rest = "".join(t.text_with_ws for t in span if t.i not in sponsor).strip()
        found = ctx.resolve(rest, start=span.start_char, end=span.end_char) if rest else None
        actor = found or Actor(text=text, start=span.start_char, end=span.end_char)
        return dataclasses.replace(actor, text=text, start=span.start_char, end=span.end_char)
    actor = ctx.resolve(text, start=span.start_char, end=span.end_char)
    if actor is None or (actor.country is None and actor.name is None):
        inner = [a for a in ctx.find(span) if a.country or a.name]
        if inner:
            actor = inner[0]
    if actor is None or actor.country is None or (head.pos_ == "NOUN" and (actor.kb_id is None or not actor.name)):
        # "the North's leader, Kim Jong Un": the name beside a title is who it is
        actor = _from_apposition(head, ctx, actor, text, span) or actor
    if (actor is None or actor.country is None) and (place := kit.gazetteer.lookup(text)) is not None:
        name = actor.name if actor else place.name
        actor = Actor(text=text, start=span.start_char, end=span.end_char, name=name, country=place.country)
    shown = doc[start : _with_acronym(doc, end)]  # "the International Labour Organization (ILO)"
    if actor is None or actor.country is None:
        actor = _owned_by_antecedent(kit, head, ctx, memory, actor, exclude) or actor
    if actor is None:
        return Actor(text=shown.text, start=shown.start_char, end=shown.end_char)
    # the whole phrase is the mention, whichever part of it resolved
    return dataclasses.replace(actor, text=shown.text, start=shown.start_char, end=shown.end_char)


def _owned_by_antecedent(
    kit: Kit, head: Token, ctx: ActorContext, memory: ArticleMemory, actor: Actor | None, exclude: frozenset[int]
) -> Actor | None:
    """ "Russia said *its* forces had shelled the town", "the Mexican president said *her* government would ...":
    the forces and the government are of the country the possessive pronoun stands for. Only a phrase the
    resolver read as a body (a sector) takes it: "Russia and *its* allies" are other states."""
    owner = syntax.first_child(head, "poss")
    if actor is None or actor.sector is None or owner is None or owner.pos_ != "PRON" or not kit.third(owner):
        return None  # only a body of the owner (forces, government, police, citizens); "its allies" are others
    found = actor_of(kit, owner, ctx, memory, exclude=exclude | {head.i})
    if found is None or found.country is None:
        return None
    return dataclasses.replace(actor, country=found.country)


def _with_acronym(doc: Any, end: int) -> int:
    """The end of a name with the abbreviation it is given in brackets right after it ("(UAE)", "(NUT)")."""
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        short = doc[end + 1].text
        if short.isupper() and 2 <= len(short) <= 8:
            return end + 3
    return end


def _sponsor_modifier(kit: Kit, span: Any) -> set[int] | None:
    """Indices of an "X-led" / "X-backed" modifier inside a noun phrase (the participle, the hyphen and the name
    before it), or None. spaCy splits "US-led" into "US", "-", "led"; the hyphen marks the sponsor participle."""
    participles = kit.words("sponsor_participles")
    for token in span:
        if token.lower_ not in participles or token.i == span.end - 1 or token.i - 2 < span.start:
            continue
        if token.doc[token.i - 1].text != "-":
            continue
        indices = {t.i for t in token.subtree} | {token.i - 1, token.i - 2}
        return {i for i in indices if span.start <= i < span.end}
    return None


def sponsors(kit: Kit, span: Any) -> bool:
    """The span names the sponsor in an "X-led" / "X-backed" modifier (the "US" of "the US-led alliance")."""
    doc = span.doc
    return (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ in kit.words("sponsor_participles")
    )


def _from_apposition(head: Token, ctx: ActorContext, actor: Actor | None, text: str, span: Any) -> Actor | None:
    """ "Grushko, Russia's deputy foreign minister": the apposition gives the country and role."""
    doc = head.doc
    for appos in syntax.children(head, "appos"):
        a_start, a_end = syntax.np_span(appos)
        extra = ctx.resolve(doc[a_start:a_end].text, start=doc[a_start].idx, end=doc[a_end - 1].idx)
        if extra is not None and extra.country:
            named = extra.kb_id is not None and extra.name and head.pos_ == "NOUN"
            return Actor(
                text=text,
                start=span.start_char,
                end=span.end_char,
                name=(actor.name if actor is not None and actor.name and not named else extra.name),
                country=extra.country,
                sector=extra.sector,
                role=extra.role,
                kb_id=extra.kb_id if actor is None or actor.kb_id is None or named else actor.kb_id,
            )
    return None


def _coordinated_modifiers(head: Token, ctx: ActorContext) -> list[Actor]:
    """ "US and Russian diplomats": one actor per coordinated nationality (when they name different ones)."""
    if head.pos_ == "PRON":
        return []
    for child in head.lefts:
        if child.dep_ not in ("compound", "amod", "nmod") or not any(g.dep_ == "conj" for g in child.children):
            continue
        parts = [child, *syntax.conjuncts(child)]
        actors = []
        for part in parts:
            # "the Kenyan and Tanzanian *presidents*": each is one country's president (the singular names him)
            noun = head.lemma_ if head.tag_ == "NNS" else head.text
            definite = "the " if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) else ""
            titles = " ".join(  # "the French and German *foreign* ministers"
                c.text
                for c in head.lefts
                if c.dep_ in ("compound", "amod") and c.i > part.i and c.ent_type_ not in ("NORP", "GPE")
            )
            phrase = " ".join(w for w in (f"{definite}{part.text}", titles, noun) if w)
            found = ctx.resolve(phrase, start=part.idx, end=part.idx + len(part.text))
            if found is None or not found.country:
                return []
            actors.append(dataclasses.replace(found, text=part.text, start=part.idx, end=part.idx + len(part.text)))
        if len({a.country for a in actors}) > 1:
            return actors
    return _coordinated_owners(head, ctx)


def _coordinated_owners(head: Token, ctx: ActorContext) -> list[Actor]:
    """ "the heads of the Saudi and Iranian diplomacies": a plural role whose "of" phrase is coordinated by
    nationality is one holder per nationality ("the head of Saudi diplomacy", "the head of Iranian diplomacy")."""
    inner = syntax.prep_object(head, "of") if head.tag_ == "NNS" else None
    part = (
        next((c for c in inner.lefts if c.dep_ in ("amod", "compound", "nmod") and syntax.conjuncts(c)), None)
        if (inner is not None)
        else None
    )
    if part is None:
        return []
    actors = []
    for member in [part, *syntax.conjuncts(part)]:
        phrase = f"the {head.lemma_} of {member.text} {inner.lemma_}"
        found = ctx.resolve(phrase, start=member.idx, end=member.idx + len(member.text))
        if found is None or not found.country:
            return []
        actors.append(dataclasses.replace(found, text=member.text, start=member.idx, end=member.idx + len(member.text)))
    return actors if len({a.country for a in actors}) > 1 else []


def actor_gender(actor: Actor) -> str | None:
    """The gender a person actor's name or title tells ("Betty Shelby", "Mr. Lavrov", "the spokeswoman")."""
    words = {w.strip(".,").lower() for w in f"{actor.text} {actor.role or ''}".split()}
    return gender_of(actor.name or actor.text, words)


def _remembered(memory: ArticleMemory, pronoun: str) -> Actor | None:
    """The actor an earlier sentence gives a pronoun: the last person whose gender fits a he or a she."""
    wanted = PRONOUN_GENDER.get(pronoun)
    if wanted is None:
        return memory.antecedent(pronoun)
    return next((a for a in reversed(memory.actor_people) if actor_gender(a) in (wanted, None)), None)


def mention_gender(token: Token, memory: ArticleMemory) -> str | None:
    """The gender the article gives a person mention: what the discourse memory learnt of them (titles, given
    names), else the given names and titles written in the phrase itself."""
    words = {t.lower_.rstrip(".") for t in token.subtree if t.i <= token.i}
    for referent in reversed(memory.referents):
        if referent.kind == "person" and referent.gender and token.lower_ in referent.name.lower().split():
            return referent.gender
    for actor in reversed(memory.actor_people):
        if actor.name and token.lower_ in actor.name.lower().split():
            return actor_gender(actor)
    names = [t.lower_ for t in token.subtree if t.i <= token.i and t.pos_ == "PROPN"]
    given = next((n for n in names if n in quote_words.FEMALE_NAMES or n in quote_words.MALE_NAMES), None)
    return gender_of(given or " ".join(names), words)


def _antecedent_in_sentence(kit: Kit, pronoun: Token, exclude: frozenset[int]) -> Token | None:
    """The nearest earlier actor phrase of the sentence a third-person pronoun can refer to."""
    low = pronoun.lower_
    if not kit.third(pronoun):
        return None
    wants_person = low in ("he", "she", "him", "her", "his")
    candidates = []
    for token in reversed(list(pronoun.sent[: pronoun.i - pronoun.sent.start])):
        if token.i in exclude or token.pos_ == "PRON" or token.dep_ not in ANTECEDENT_DEPS:
            continue
        if not syntax.is_actorish(token, kit.agent_words) or token.ent_type_ in ("DATE", "TIME"):
            continue
        if low in ("it", "its") and token.tag_ in ("NNS", "NNPS"):
            continue  # "it" is one party, never "the troops"
        start, end = syntax.np_span(token)  # the phrase, not a relative clause on it ("Kyiv, where she met X")
        person = token.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in token.doc[start:end])
        person = person or (token.tag_ == "NN" and token.lemma_.lower() in quote_words.TITLE_NOUNS)  # "the president"
        if person == wants_person or (low in ("they", "them", "their") and not person):
            candidates.append(token)
    # A subject pronoun takes the nearest subject or object before a mere place or circumstance ("accuse Russia
    # of massing troops near Ukraine ... if *it* invades"): a core argument is what the clause is about.
    if pronoun.dep_ in ("nsubj", "nsubjpass"):
        core = [t for t in candidates if _core_argument(t)]
        if core:
            return core[0]
    return candidates[0] if candidates else None


def _core_argument(token: Token) -> bool:
    """A subject or object, or a conjunct or apposition of one."""
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    return token.dep_ in CORE_DEPS


def speaker_actors(kit: Kit, voice: Voice | None, ctx: ActorContext, memory: ArticleMemory) -> list[Actor]:
    """Who speaks: a stored quote's resolved speaker, else the reporting verb's subject."""
    if voice is None:
        return []
    if (
        voice.quote is not None
        and voice.quote.speaker is not None
        and (voice.quote.speaker.name or voice.quote.speaker.country)
    ):
        speaker = voice.quote.speaker
        mention = speaker.mention or speaker.name or ""
        start = _mention_offset(voice, mention)
        return [
            Actor(
                text=mention,
                start=start,
                end=start + len(mention) if start >= 0 else -1,
                name=speaker.name,
                country=speaker.country,
                sector=speaker.sector,
                role=speaker.role,
                kb_id=speaker.kb_id,
            )
        ]
    if voice.speaker is not None and not tree.misread_verb(voice.speaker):
        return actors_of(kit, voice.speaker, ctx, memory, reciprocal=False)
    return []


def _mention_offset(voice: Voice, mention: str) -> int:
    """Where a quote's speaker mention stands in the quote's sentence (-1 when it is elsewhere)."""
    if not mention or voice.quote is None:
        return -1
    doc_text = voice.speaker.doc.text if voice.speaker is not None else None
    if doc_text is None and voice.verb is not None:
        doc_text = voice.verb.doc.text
    if doc_text is None:
        return -1
    found = doc_text.find(mention, max(0, voice.quote.start - 300), voice.quote.end + 300)
    return found


def learn_organisations(sent: Any, ctx: ActorContext) -> None:
    """Read the sentence's organisation names in order before its events, so that a bare noun after them names
    them ("NATO and Russia ended their talks, with *the alliance* refusing ..."): the resolver learns which
    organisations the article is about from the names it has read, as the quotes stage does."""
    for ent in sent.ents:
        if ent.label_ == "ORG":
            ctx.resolve(ent.text, start=ent.start_char, end=ent.end_char)


PARTY_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "conj", "dative")
PARTY_PREPS = ("with", "between", "against", "by")  # a pobj of "in", "at", "from" is a place, not a party


def _names_a_party(token: Token) -> bool:
    """A name that is a side of what the sentence tells: a subject or object, a "with"/"between" phrase, or the
    nationality of one ("*US and Russian* negotiators met")."""
    if token.ent_type_ not in ("PERSON", "GPE", "NORP", "ORG"):
        return False
    if token.dep_ in ("amod", "compound", "nmod") and token.head.dep_ in ("nsubj", "nsubjpass", "dobj"):
        return token.ent_type_ in ("NORP", "GPE") and token.head.pos_ == "NOUN"
    if token.dep_ == "conj":
        return _names_a_party(token.head) or token.head.ent_type_ == token.ent_type_
    if token.pos_ != "PROPN" or token.dep_ not in PARTY_DEPS:
        return False
    return token.dep_ != "pobj" or token.head.lower_ in PARTY_PREPS


def remember(kit: Kit, sent: Any, ctx: ActorContext, memory: ArticleMemory) -> None:
    """Keep this sentence's subjects for the pronouns of the next ones, and its named parties (subjects and
    objects) for the group nominals of the next ones ("the two ministers")."""
    read: dict[int, Actor | None] = {}  # each phrase resolved once per sentence

    def resolved(token: Token) -> Actor | None:
        if token.i not in read:
            read[token.i] = actor_of(kit, token, ctx, memory)
        return read[token.i]

    for token in sent:
        if _names_a_party(token):
            actor = resolved(token)
            if actor is not None and actor.country:
                memory.parties.append(actor)
        if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ == "PRON":
            continue
        if not syntax.is_actorish(token, kit.agent_words):
            continue
        for member in [token, *syntax.conjuncts(token)]:  # "Russia and the United States held talks"
            actor = resolved(member)
            if actor is None:
                continue
            subtree = list(member.subtree) if member.i == token.i else [member]
            person = member.ent_type_ == "PERSON" or bool(actor.role) or any(t.ent_type_ == "PERSON" for t in subtree)
            memory.add(actor, person=person)


def relabel(actor: Actor, token: Token) -> Actor:
    """The same actor, named by another mention (a pronoun) in this sentence."""
    return dataclasses.replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text))


def same_actor(first: Actor, second: Actor) -> bool:
    """The same mention, knowledge-base entry, or named entity of one country."""
    if first.start >= 0 and first.start == second.start and first.end == second.end:
        return True
    if first.kb_id and first.kb_id == second.kb_id:
        return True
    return bool(first.name and first.name == second.name and first.country == second.country)


def distinct(actors: list[Actor]) -> list[Actor]:
    """One actor per entity: "Kyiv ... Ukraine's president" are one side, not two."""
    out: list[Actor] = []
    for actor in actors:
        key = actor.kb_id or actor.name or (actor.country if not actor.name else None)
        if key is not None and any((a.kb_id or a.name or a.country) == key for a in out):
            continue
        out.append(actor)
    return out


def speaks_for(speakers: Sequence[Actor], actors: Sequence[Actor]) -> bool:
    """A named speaker of the same state as every (state-level) actor of the reported statement."""
    named = [a for a in speakers if a.name and a.country and a.kb_id != a.country]
    if not named or not actors:
        return False
    countries = {a.country for a in named}
    return all(a.country in countries and (a.kb_id is None or a.kb_id == a.country) and not a.role for a in actors)
