"""Build: a coded event becomes an ``Event`` record — actors and recipients resolved, date, place, contexts,
intensity, quad and a confidence; then per-sentence and per-article clean-up (one event per clause, recipients
carried over from the previous demand of the same actor, duplicates dropped).
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date
from typing import Any

from redline import tree
from redline.actors.memory import ArticleMemory
from redline.events import syntax
from redline.events.actors import ActorContext
from redline.events.dates import event_date
from redline.events.rules import claims, parties
from redline.events.rules.codes import cameo_code
from redline.events.rules.kit import Kit
from redline.events.rules.model import Coded, Token, Voice
from redline.events.rules.recipients import SENT_TYPES
from redline.quotes.referents import gender_of
from redline.records import Actor, Event, Place, Span

PLACED_TYPES = ("ASSAULT", "COERCE", "PROTEST", "MOBILIZE")
PROMISE_TYPES = ("AGREE", "CONCEDE")
"""Promises (PLOVER: an intent to cooperate or to yield): with no party in their clause, the one told or assured
of them receives them."""


@dataclasses.dataclass(slots=True)
class Where:
    """The sentence an event is in and what is known about the article."""

    sent: Any
    index: int
    article_id: str | None
    published: date | None
    ctx: ActorContext
    memory: ArticleMemory


def finish(kit: Kit, item: Coded, where: Where) -> list[Event]:
    """The records of a coded event: the act itself, its mirror when the act is mutual ("Kenya and Tanzania
    met"), and the speaker's accusation when a third party claims a conflictual act; none when nobody acts."""
    sides = _sides(kit, item, where)
    if sides is None:
        return []
    actors, recipients, speakers = sides
    item.claimed = item.claimed or claims.is_claimed(kit, item, speakers, actors)
    pairs = mirror_pairs(kit, item, actors, recipients)
    events = [_record(kit, item, where, a, r, mirrored=n > 0, mutual=len(pairs) > 1) for n, (a, r) in enumerate(pairs)]
    accusation = claims.accusation(kit, item, speakers, actors) if item.claimed else None
    if accusation is not None:
        events.append(_record(kit, accusation, where, speakers, actors))
    return events


def mirror_pairs(
    kit: Kit, item: Coded, actors: list[Actor], recipients: list[Actor]
) -> list[tuple[list[Actor], list[Actor]]]:
    """(actors, recipients) of each record. A mutual act (a meeting, an agreement, a clash: patterns marked
    reciprocal) between two sides is coded in both directions, one side acting on the other, so dyads see it;
    a visit keeps its direction, and a gathering of more than two sides stays one event of all of them."""
    mutual = item.reciprocal and item.type in kit.types("mutual") and item.mode != "visit"
    joint = item.type in kit.types("joint") and item.mode != "visit" and len({a.country for a in actors}) == 2
    if not mutual and joint and len(actors) == 2 and not recipients:
        return [([actors[0]], [actors[1]]), ([actors[1]], [actors[0]])]
    if not mutual:
        return [(actors, recipients)]
    if actors and recipients:  # "met with", "agreed with", "clashed with": symmetric; "shared X with": not
        symmetric = item.type in kit.types("symmetric")
        return [(actors, recipients), (recipients, actors)] if symmetric else [(actors, recipients)]
    if len(actors) == 2 and not recipients:
        return [([actors[0]], [actors[1]]), ([actors[1]], [actors[0]])]
    return [(actors, recipients)]


def _record(
    kit: Kit,
    item: Coded,
    where: Where,
    actors: list[Actor],
    recipients: list[Actor],
    *,
    mirrored: bool = False,
    mutual: bool = False,
) -> Event:
    """One event record of a coded event with its resolved sides."""
    sent = where.sent
    voice = item.voice
    first, last = item.span_tokens(kit.limit("trigger_span_tokens"))
    start, end = syntax.token_range(first, last)
    anchors = [item.head, syntax.governing_verb(item.head)]
    if voice is not None and voice.verb is not None:
        anchors.append(voice.verb)
    when, until, _expr = event_date(sent, anchors, where.published, future=item.future, future_anchors=2)
    place, recipients = _place(kit, item, where, actors, recipients)
    actors = _local_protesters(item, actors, place)
    quote = voice.quote if voice is not None else None
    cameo = cameo_code(kit, item)
    return Event(
        id=event_id(where.article_id, start, end, item.type + (":mirror" if mirrored else "")),
        event_type=item.type,
        article_id=where.article_id,
        text=sent.text.strip(),
        trigger=Span(text=sent.doc.text[start:end], start=start, end=end),
        actor=actors,
        recipient=recipients,
        mode=item.mode,
        negated=item.negated,
        hypothetical=item.hypothetical,
        future=item.future,
        context=contexts(kit, sent, item),
        date=when,
        date_end=until,
        location=place.country if place is not None else None,
        place=place,
        intensity=kit.lexicon.intensity(item.type, item.mode),
        quad=kit.lexicon.quad(item.type),
        confidence=confidence(kit, item, actors, recipients),
        modality=item.modality(),
        claimed=item.claimed,
        reciprocal=mutual,
        cameo_code=cameo.code if cameo is not None else None,
        cameo_root=cameo.root if cameo is not None else None,
        goldstein=cameo.goldstein if cameo is not None else None,
        rule=_rule(item) + ("; mirror" if mirrored else ""),
        quote_id=quote.id if quote is not None else None,
        sentence_index=where.index,
    )


def _rule(item: Coded) -> str:
    rule = "; ".join(item.rule)
    flags = [
        name
        for name, on in (("negated", item.negated), ("future", item.future), ("hypothetical", item.hypothetical))
        if on
    ]
    if item.claimed:
        flags.append("claimed")
    if flags:
        rule += f"; {'+'.join(flags)}"
    if item.voice is not None and item.voice.verb is not None:
        rule += f"; voice: {item.voice.verb.lower_}"
    return rule


def _speaker_fits(item: Coded, where: Where) -> bool:
    """Whether a he/she of the reported clause can be its speaker ("Betty Shelby said *he* refused" is someone
    else)."""
    wanted = parties.PRONOUN_GENDER.get(item.actor.lower_) if item.actor is not None else None
    voice = item.voice
    if wanted is None or voice is None:
        return True
    known = set()
    if voice.speaker is not None:
        known.add(parties.mention_gender(voice.speaker, where.memory))
    speaker = voice.quote.speaker if voice.quote is not None else None
    if speaker is not None and speaker.name:
        known.add(gender_of(speaker.name, set()))
    return not (known - {None, wanted})


def _acting(kit: Kit, item: Coded, where: Where, speakers: list[Actor]) -> list[Actor]:
    """Who acts: the speaker for speech acts and first-person clauses, else the actor phrase."""
    voice = item.voice
    if item.speaker_acts:
        return speakers
    pronoun = item.actor is not None and item.actor.pos_ == "PRON"
    if pronoun and speakers and (kit.first(item.actor) or voice is not None) and _speaker_fits(item, where):
        in_sentence = voice is not None and voice.speaker is not None and voice.speaker.sent == where.sent
        return speakers if in_sentence else [parties.relabel(a, item.actor) for a in speakers]
    if item.actor is not None:
        actors = parties.actors_of(kit, item.actor, where.ctx, where.memory, reciprocal=item.reciprocal)
        nobody = not any(a.country or a.name or a.kb_id for a in actors)
        weak = item.actor_how.endswith(":weak") or item.actor.pos_ == "PRON"
        if weak and nobody and not parties.names_someone(kit, item.actor):
            return []  # "a bomb went off", "that could include ...": no one acts
        doers = _threatening_doers(kit, item, where, actors)
        if doers:
            return doers
        if item.type in kit.types("verbal_acts") and parties.speaks_for(speakers, actors):
            # "Ryabkov said Russia was ready to respond": the statement is the act, and its speaker made it
            return speakers
        return actors
    if item.type in ("CONSULT", "AGREE") and item.head.pos_ in ("NOUN", "PROPN") and voice is not None:
        return speakers  # "talks with X are progressing", says a negotiating party
    return []


def _threatening_doers(kit: Kit, item: Coded, where: Where, warners: list[Actor]) -> list[Actor]:
    """ "Ankara would retaliate if ..., the foreign minister warned": the side that would act threatens, when the
    one who warns speaks for it (an official of no other known country); "NATO warned that Russia would attack"
    stays NATO's warning."""
    if item.type != "THREATEN" or item.content_actor is None:
        return []
    doers = parties.actors_of(kit, item.content_actor, where.ctx, where.memory, reciprocal=False)
    countries = {a.country for a in doers if a.country}
    if not countries:
        return []
    own = {a.country for a in warners if a.country}
    return doers if not own or own <= countries else []


def _sides(kit: Kit, item: Coded, where: Where) -> tuple[list[Actor], list[Actor], list[Actor]] | None:
    """Actors, recipients and speakers of the event, or None when nobody acts."""
    speakers = parties.speaker_actors(kit, item.voice, where.ctx, where.memory)
    actors = _acting(kit, item, where, speakers)
    recipients: list[Actor] = []
    exclude = frozenset({item.actor.i} if item.actor is not None else set())
    for token in item.recipients:
        for actor in parties.actors_of(kit, token, where.ctx, where.memory, reciprocal=True, exclude=exclude):
            if not any(parties.same_actor(actor, a) for a in actors) and not _channel(item, token, actor):
                recipients.append(actor)
    if item.speech or item.type in kit.types("addressed"):
        recipients = [r for r in recipients if not _own_side(r, actors)]
        if not recipients and item.type != "CONSULT":
            recipients = _addressee(kit, item, where, actors)
        if item.speech and item.type == "REQUEST" and not recipients:
            return None
    elif not recipients and item.type in PROMISE_TYPES:
        # "assured Australia that Jakarta would cooperate": a promise is made to whom the speaker told, and
        # is the promiser's alone (not mutual, even when the act promised would be)
        recipients = _addressee(kit, item, where, actors)
        item.reciprocal = item.reciprocal and not recipients
    if not actors and (not recipients or item.negated or item.hypothetical or item.future):
        return None  # nobody acts: nothing to code (and a negated, possible or coming act of nobody is noise)
    actors = parties.distinct(actors)
    if item.speaker_acts and not actors:
        return None
    return actors, recipients, speakers


def _channel(item: Coded, token: Token, actor: Actor) -> bool:
    """ "Ryabkov told RIA Novosti that ...": the news outlet a speaker talks to carries the words; the threat or
    demand is aimed at whoever its content names. An outlet is a recipient only when the act is about it
    ("accused the BBC of lying"), i.e. when it is not the object of the verb that reports the words."""
    if actor.sector != "JRN" or item.voice is None or item.voice.verb is None:
        return False
    verb = item.voice.verb
    head = token.head.head if token.dep_ == "pobj" else token.head
    return tree.same(head, verb) and token.dep_ in ("dative", "dobj", "iobj", "pobj")


def _own_side(recipient: Actor, actors: list[Actor]) -> bool:
    """A recipient that is the actor itself or the actor's own state ("Russia warned ... Russia's security"); a
    person or body of the same country ("Trump demanded that Obama ...") is a recipient in its own right, and so
    is a part of its society other than the actor's ("Taylor called on *Liberians* to stand by him": the
    government addresses the civilians, a domestic dyad)."""
    if any(parties.same_actor(recipient, a) for a in actors):
        return True
    if not recipient.country and _generic_country(recipient.text):
        return True  # "the country's contracts", said of Senegal by its president: its own state
    own = {a.country for a in actors if a.country}
    state_level = not recipient.name or recipient.kb_id == recipient.country
    if recipient.sector and recipient.sector != "GOV" and all(a.sector != recipient.sector for a in actors):
        return False
    return bool(recipient.country and recipient.country in own and state_level and not recipient.role)


def _place(
    kit: Kit, item: Coded, where: Where, actors: list[Actor], recipients: list[Actor]
) -> tuple[Place | None, list[Actor]]:
    """Where the event happened; an attack on a place with no named target targets that place's state."""
    context = [a.country for a in (*actors, *recipients) if a.country]
    destinations = item.type in SENT_TYPES
    place = kit.gazetteer.place(where.sent, item.head, context, where.article_id, destinations=destinations)
    location = place.country if place is not None else None
    if (
        item.type in ("ASSAULT", "COERCE")
        and not recipients
        and location
        and not item.negated
        and all(a.country and a.country != location for a in actors)
    ):
        # "Russian missiles struck energy infrastructure in Kyiv and Lviv": an attack on a place targets its state
        recipients = [Actor(text=location, country=location)]
    if place is None and item.type in PLACED_TYPES:
        place = _target_place(kit, recipients, where.article_id)
    return place, recipients


GENERIC_STATE_NOUNS = frozenset({"country", "nation", "state", "republic", "kingdom"})


def _generic_country(text: str) -> bool:
    words = text.lower().removesuffix("'s").removesuffix("’s").split()
    return len(words) == 2 and words[0] in ("the", "this", "our") and words[1] in GENERIC_STATE_NOUNS


def _local_protesters(item: Coded, actors: list[Actor], place: Place | None) -> list[Actor]:
    """ "Thousands rallied in Belgrade": people who protest, named by no state, are people of the place they
    protest in (civilians, unless the phrase said otherwise)."""
    if item.type != "PROTEST" or place is None or not place.country or any(a.country for a in actors):
        return actors
    return [dataclasses.replace(a, country=place.country, sector=a.sector or "CVL") for a in actors]


def _target_place(kit: Kit, recipients: list[Actor], article_id: str | None) -> Place | None:
    """The place an attack's target names ("shelled the city of Kharkiv": the target is the place), if any."""
    for target in recipients:
        name = target.text.split(" of ")[-1]
        entry = kit.gazetteer.lookup(target.text) or kit.gazetteer.lookup(name)
        if entry is not None and not entry.is_country:
            offset = target.text.rfind(name) if target.start >= 0 else -1
            start = target.start + offset if offset >= 0 else -1
            end = start + len(name) if start >= 0 else -1
            return kit.gazetteer.resolve(name, start, end, entry, article_id=article_id)
    return None


def _addressee(kit: Kit, item: Coded, where: Where, actors: list[Actor]) -> list[Actor]:
    """A speech act's recipient when its clause names none: whom the speaker told ("told his US counterpart"),
    else, for threats and demands, the one other named party of the sentence."""
    own = {a.country for a in actors if a.country}
    voice: Voice | None = item.voice
    if voice is not None and voice.verb is not None:
        for token in syntax.children(voice.verb, "dative", "dobj", "iobj"):
            token = syntax.first_child(token, "pobj") or token if token.pos_ == "ADP" else token
            for actor in parties.actors_of(kit, token, where.ctx, where.memory, reciprocal=True):
                if actor.sector != "JRN" and actor.country and actor.country not in own:
                    return [actor]
    if item.type not in ("THREATEN", "REQUEST"):
        return []
    others: list[Actor] = []
    for ent in where.sent.ents:
        if ent.label_ not in ("ORG", "GPE", "NORP") or parties.sponsors(kit, ent):
            continue
        actor = where.ctx.resolve(ent.text, start=ent.start_char, end=ent.end_char)
        if actor is None or not actor.country or actor.country in own or actor.sector == "JRN":
            continue
        if not any(a.country == actor.country for a in others):
            others.append(actor)
    return others[:1] if len(others) == 1 else []


def confidence(kit: Kit, item: Coded, actors: list[Actor], recipients: list[Actor]) -> float:
    """The pattern's confidence, lowered for what is missing or uncertain (factors in ``rules.yaml``)."""
    conf = item.conf
    if not actors:
        conf *= kit.weight("no_actor")
    elif all(a.country is None and a.name is None for a in actors):
        conf *= kit.weight("unresolved_actor")
    if item.actor_how.endswith(":weak"):
        conf *= kit.weight("weak_actor")
    if kit.lexicon.types[item.type].needs_recipient and not recipients:
        conf *= kit.weight("missing_recipient")
    if item.embedded:
        conf *= kit.weight("embedded")
    if item.subordinate:
        conf *= kit.weight("subordinate")
    if item.negated:
        conf *= kit.weight("negated")
    if item.hypothetical and item.type != "THREATEN":
        conf *= kit.weight("hypothetical")
    return round(max(kit.weight("floor"), min(kit.weight("ceiling"), conf)), 2)


def contexts(kit: Kit, sent: Any, item: Coded) -> list[str]:
    """PLOVER contexts: the pattern's own, then those whose words the sentence uses most."""
    text = f" {sent.text.lower()} "
    lemmas = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    scores: dict[str, int] = {name: 2 for name in item.context if name}
    for name, words in kit.lexicon.contexts.items():
        hits = 0
        for word in words:
            if " " in word or "-" in word:
                hits += word in text
            else:
                hits += word in lemmas
        if hits:
            scores[name] = scores.get(name, 0) + hits
    ranked = sorted(scores, key=lambda name: -scores[name])
    return ranked[: kit.lexicon.max_contexts]


def event_id(article_id: str | None, start: int, end: int, event_type: str) -> str:
    """A stable id: the article, the trigger's offsets and the type (with ``:mirror`` for a mutual act's
    second direction)."""
    key = f"{article_id or ''}|{start}|{end}|{event_type}"
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def one_per_clause(coded: list[Coded]) -> list[Coded]:
    """Keep the most confident event of each clause (clause = nearest verbal head of the event's head)."""
    best: dict[int, Coded] = {}
    for item in coded:
        clause = syntax.governing_verb(item.head).i
        current = best.get(clause)
        if current is None or item.conf > current.conf:
            best[clause] = item
    return sorted(best.values(), key=lambda item: item.head.i)


def recipients_from_context(kit: Kit, events: list[Event]) -> list[Event]:
    """A demand, threat or refusal with no recipient in its sentence is addressed to whom the same actor's
    previous demand or threat (a few sentences back) was: "Russia warned NATO ... 'We need guarantees,' the
    diplomat said." The rule says so, and the confidence is lowered."""
    addressed = kit.types("addressed")
    window = kit.limit("context_window")
    for index, event in enumerate(events):
        placed = any(a.country or a.name or a.kb_id for a in event.recipient)  # "rejected it": "it" places no one
        if placed or event.event_type not in addressed or event.sentence_index is None:
            continue
        own = {a.country for a in event.actor if a.country}
        if not own:
            continue
        for earlier in reversed(events[:index]):
            if earlier.sentence_index is None or event.sentence_index - earlier.sentence_index > window:
                break
            if event.event_type == "REJECT" and _answers(event, earlier, own):
                # "Shoigu accused US contractors of ... Kirby rejected it flatly": a refusal right after a demand
                # or accusation aimed at the refuser's side answers whoever made it
                _take_recipient(kit, event, earlier.actor, earlier.sentence_index)
                break
            if earlier.event_type not in addressed or not earlier.recipient:
                continue
            if own & {a.country for a in earlier.actor} and not own & {a.country for a in earlier.recipient}:
                _take_recipient(kit, event, earlier.recipient, earlier.sentence_index)
                break
    return events


def _answers(event: Event, earlier: Event, own: set[str]) -> bool:
    if earlier.event_type not in ("ACCUSE", "REQUEST", "THREATEN"):
        return False
    aimed_at_us = own & {a.country for a in earlier.recipient if a.country}
    theirs = {a.country for a in earlier.actor if a.country}
    close = event.sentence_index is not None and earlier.sentence_index is not None
    close = close and 0 < event.sentence_index - earlier.sentence_index <= 2
    return bool(close and aimed_at_us and theirs and not theirs & own)


def _take_recipient(kit: Kit, event: Event, recipients: list[Actor], sentence: int | None) -> None:
    event.recipient = [dataclasses.replace(a) for a in recipients]
    event.confidence = round(event.confidence * kit.weight("recipient_from_context"), 2)
    event.rule = f"{event.rule}; recipient from sentence {sentence}"


def dedupe(events: list[Event]) -> list[Event]:
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
    repeated: set[tuple[str, str, str, tuple[str, ...]]] = set()
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
