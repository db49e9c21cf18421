"""Looking actors up by whatever a user types: an id, a code, a name, an alias, a metonym or a title with a date.

``redline actors show``, ``redline actors list`` and the API call these functions, so "Russia", "RUS", "the
Kremlin", "Lavrov", "lavrov-sergei", "NATO" and "NATO Secretary General" on 2025-06-01 all find what the
knowledge base says. The order of tries (first hit wins): an id or code exactly; a hand-written organisation,
person (name, alias or unique surname) or institution; a country by a name, adjective, capital or metonym; an
imported (Phoenix) person or organisation; and last the query read as a mention by the actor resolver on the
date ("the Russian foreign minister" is whoever held the office that day; "a Russian diplomat" is a role with
no person).

:func:`office_holders` answers the dated question directly: who held an office for a country or organisation on
a day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from redline.actors.resolver import ActorResolver
from redline.kb import Country, Institution, KnowledgeBase, Organisation, Person, Role, fold, phrase_key
from redline.kb.phoenix import PHOENIX
from redline.records import Actor

# The offices shown for a country or an organisation ("who leads it on the date").
LEADING_OFFICES = (
    "president",
    "vice-president",
    "prime-minister",
    "chancellor",
    "monarch",
    "supreme-leader",
    "foreign-minister",
    "defence-minister",
    "secretary-general",
    "high-representative",
    "director-general",
)


@dataclass(slots=True)
class Found:
    """What a query names: one of a person, an organisation, an institution, a country, or an actor reading."""

    query: str
    how: str  # id | name | alias | surname | code | metonym | mention
    person: Person | None = None
    organisation: Organisation | None = None
    institution: Institution | None = None
    country: Country | None = None
    actor: Actor | None = None  # the resolver's reading, when the query was read as a mention
    leaders: list[tuple[str, Person, Role]] = field(default_factory=list)  # (office, holder, role) on the date


def lookup(kb: KnowledgeBase, query: str, day: dt.date | None = None) -> Found | None:
    """What ``query`` names in the knowledge base (see the module docstring), or None."""
    text = query.strip()
    if not text:
        return None
    found = (
        _by_id(kb, text)
        or _by_name(kb, text, imported=False)
        or _by_country_word(kb, text)
        or _by_name(kb, text, imported=True)
        or _by_mention(kb, text, day)
    )
    if found is not None:
        code = found.country.code if found.country else found.organisation.code if found.organisation else None
        if code is not None:
            found.leaders = list(leaders(kb, code, day))
    return found


def _by_id(kb: KnowledgeBase, text: str) -> Found | None:
    person = kb.person_of(text)
    if person is not None:
        return Found(text, "id", person=person)
    if text.lower() in kb.organisations:
        return Found(text, "id", organisation=kb.organisations[text.lower()])
    if text in kb.institutions:
        return Found(text, "id", institution=kb.institutions[text])
    if text.upper() in kb.countries:
        return Found(text, "code", country=kb.countries[text.upper()])
    org = next((o for o in kb.organisations.values() if o.code == text.upper() and o.id == o.code.lower()), None)
    return Found(text, "code", organisation=org) if org is not None else None


def _by_name(kb: KnowledgeBase, text: str, *, imported: bool) -> Found | None:
    """By name or alias: hand-written records first (``imported`` False), imported ones after the country words
    (so "Kremlin" is Russia's metonym before it is the dictionaries' organisation of that name)."""
    bare = _without_article(text)
    if not imported:
        org = kb.organisation(bare)
        if org is not None:
            return Found(text, "name", organisation=org)
    person = kb.person(bare)
    if person is not None and (person.source == PHOENIX) == imported:
        how = "name" if fold(bare) == fold(person.name) else "alias"
        return Found(text, how, person=person)
    inst = kb.institution(bare)
    if inst is not None and (inst.source == PHOENIX) == imported:
        return Found(text, "name", institution=inst)
    return None


def _by_country_word(kb: KnowledgeBase, text: str) -> Found | None:
    """A country named by one of its words: name, alias, adjective, people, capital or metonym ("the Kremlin")."""
    keys = list(phrase_key(text))
    for variant in (keys, [k for k in keys if k != "the"]):
        if not variant:
            continue
        for n, entries in kb.lookup(variant, 0):
            if n != len(variant):
                continue
            for entry in entries:
                if entry.kind in ("country", "metonym", "demonym", "people", "place") and entry.country:
                    country = kb.countries.get(entry.country)
                    if country is not None:
                        how = "name" if entry.kind == "country" else entry.kind
                        return Found(text, how, country=country)
    return None


def _by_mention(kb: KnowledgeBase, text: str, day: dt.date | None) -> Found | None:
    """The query read as a mention on the date: a title names its holder, a description a role."""
    resolver = ActorResolver(kb)
    actor = resolver.context(day).resolve(text)
    if (actor is None or not actor.kb_id) and text.split()[0].lower() not in ("the", "a", "an"):
        definite = resolver.context(day).resolve("the " + text)  # a title typed bare: "Russian foreign minister"
        actor = definite if definite is not None and definite.kb_id else actor
    if actor is None or not (actor.kb_id or actor.country or actor.sector):
        return None  # an unknown name: nothing the knowledge base says
    found = Found(text, "mention", actor=actor)
    if actor.kb_id:
        found.person = kb.person_of(actor.kb_id)
        found.organisation = kb.organisations.get(actor.kb_id)
        found.institution = kb.institutions.get(actor.kb_id)
        if found.person is None and found.organisation is None and found.institution is None:
            found.country = kb.countries.get(actor.kb_id)
    return found


def _without_article(text: str) -> str:
    words = text.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0].lower() == "the" else text


def office_holders(kb: KnowledgeBase, code: str, office: str, day: dt.date | None) -> list[tuple[Person, Role]]:
    """Who held ``office`` (an office key, or a title such as "foreign minister") for a country or organisation
    code on ``day`` (with no day: the current or last holders), newest first."""
    key = office if office in kb.offices else kb.office_of(office)
    if key is None:
        return []
    org = kb.organisations.get(code.lower())
    if org is not None:
        key = org.office_aliases.get(key, key)
    holders = kb.holders(code, key, day)
    if len({p.id for p, _ in holders}) > 1:
        plain = [(p, r) for p, r in holders if r.body is None]
        holders = plain or holders
    return holders


def leaders(kb: KnowledgeBase, code: str, day: dt.date | None) -> Iterator[tuple[str, Person, Role]]:
    """The holders of a country's or organisation's leading offices on ``day`` (head of state and government,
    foreign and defence ministers, secretary general...)."""
    for office in LEADING_OFFICES:
        for person, role in office_holders(kb, code, office, day)[:1]:
            yield office, person, role


def list_people(
    kb: KnowledgeBase, *, country: str | None = None, role: str | None = None, day: dt.date | None = None
) -> Iterator[tuple[Person, Role | None]]:
    """People with the role shown for them (held on ``day``, else the ongoing or latest one), filtered.

    :param country: a code ("RUS", "NATO") or anything :func:`lookup` reads as a country or organisation
        ("Russia", "Russian", "the Kremlin").
    :param role: a title ("foreign minister", "Secretary-General": a person matches when one of their roles is
        that office, not a deputy's) or, when it names no office, any text contained in a role title.
    """
    code = country_code(kb, country) if country else None
    office = kb.office_of(role) if role else None
    wanted = _loose(role) if role else None
    for person in kb.iter_people():
        shown = shown_role(person, day)
        if day is not None and shown is None and (role or country):
            continue
        if code and code not in {person.country, shown.country if shown else None}:
            continue
        if role:
            roles = [shown] if day is not None and shown else person.roles
            if not any(r.office == office if office else wanted and wanted in _loose(r.title) for r in roles):
                continue
        yield person, shown


def country_code(kb: KnowledgeBase, text: str) -> str | None:
    """The country or organisation code a user means ("RUS", "Russia", "Russian", "NATO", "the Kremlin")."""
    if text.upper() in kb.countries or text.upper() in kb.org_codes:
        return text.upper()
    found = lookup(kb, text)
    if found is None:
        return None
    if found.country is not None:
        return found.country.code
    if found.organisation is not None:
        return found.organisation.code
    return found.actor.country if found.actor is not None else None


def shown_role(person: Person, day: dt.date | None) -> Role | None:
    """The role shown for a person: held on ``day`` (the highest-ranked if several), or with no day the ongoing
    (else latest) one."""
    if day is not None:
        active = person.roles_on(day)
        return active[-1] if active else None
    ongoing = [r for r in person.roles if r.end is None]
    return (ongoing or person.roles or [None])[-1]


def _loose(text: str) -> str:
    """Text for a forgiving "contains": case, accents and hyphens ignored ("Secretary-General")."""
    return " ".join(fold(text).replace("-", " ").split())
