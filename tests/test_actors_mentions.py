"""One article's mentions: the name written in a mention outranks what its title or the memory suggests.

- "The official representative of the Russian Ministry of Defence, Major General Igor Konashenkov" is
  Konashenkov, even after the article named a US Secretary of State a generic title could also fit;
- a title matched to someone else lends the named person neither country nor role;
- a bare surname the article gave to a person the knowledge base does not know ("Gov. Greg Abbott", then
  "Abbott's spokeswoman") stays that person, not the knowledge base's namesake of another country;
- a known surname that starts a longer unknown name ("Pavel Voronikhin") is a given name;
- "the spokesman of/for X" is X's spokesman, as "X's spokesman" is.
"""

from __future__ import annotations

import pytest

from redline.actors import ActorResolver
from redline.kb import load_kb


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver(load_kb(env=False))


def test_a_named_person_outranks_the_holder_a_generic_title_was_matched_to(resolver: ActorResolver) -> None:
    ctx = resolver.context("2015-10-01")
    kerry = ctx.resolve("His American colleague, John Kerry")
    assert kerry is not None and kerry.name == "John Kerry"
    found = ctx.resolve(
        "The official representative of the Russian Ministry of Defence, Major General Igor Konashenkov"
    )
    assert found is not None and (found.name, found.country) == ("Igor Konashenkov", "RUS")


def test_a_title_alone_still_finds_the_holder_the_article_named(resolver: ActorResolver) -> None:
    ctx = resolver.context("2015-10-01")
    ctx.resolve("US Secretary of State John Kerry")
    found = ctx.resolve("the Secretary of State")
    assert found is not None and found.name == "John Kerry"


def test_a_surname_the_article_gave_an_unknown_person_is_not_a_namesake(resolver: ActorResolver) -> None:
    ctx = resolver.context("2021-07-13")
    ctx.resolve("Gov. Greg Abbott")
    owner = ctx.resolve("Abbott")
    assert owner is not None and (owner.name, owner.country) == ("Greg Abbott", None)
    staff = ctx.resolve("Abbott's spokeswoman, Renae Eze")
    assert staff is not None and staff.name == "Renae Eze" and staff.country is None


def test_without_the_article_s_person_the_surname_is_the_known_namesake(resolver: ActorResolver) -> None:
    found = resolver.context("2014-05-01").resolve("Abbott")
    assert found is not None and found.country == "AUS"


def test_a_dateline_with_the_day_before_the_month_gives_its_country(resolver: ActorResolver) -> None:
    """ "ANKARA, 18 September (AA) - ... The President of the Republic stated": European and translated copy put
    the day first; the report is filed from Ankara, so the bare office is Turkey's."""
    ctx = resolver.context("2018-09-18")
    assert ctx.read_dateline("ANKARA, 18 September (AA) - The ministers met in Sochi on Monday.") == "TUR"
    found = ctx.resolve("The President of the Republic")
    assert found is not None and found.name == "Recep Tayyip Erdoğan"


@pytest.mark.parametrize("state", ["Ohio", "New Mexico", "West Virginia", "Pennsylvania"])
def test_a_us_state_is_a_place_of_the_united_states(resolver: ActorResolver, state: str) -> None:
    found = resolver.context("2013-10-01").resolve(state)
    assert found is not None and found.country == "USA"


def test_georgia_stays_the_country(resolver: ActorResolver) -> None:
    found = resolver.context("2013-10-01").resolve("Georgia")
    assert found is not None and found.country == "GEO"


def test_a_headed_body_names_its_office_not_a_leader_named_before(resolver: ActorResolver) -> None:
    """ "The head of Brazilian diplomacy" after "President Lula": the foreign minister, though "head" fits a
    president too."""
    ctx = resolver.context("2023-12-07")
    ctx.resolve("The President of Brazil, Luiz Inácio Lula da Silva")
    found = ctx.resolve("The head of Brazilian diplomacy")
    assert found is not None and found.name == "Mauro Vieira"


@pytest.mark.parametrize(
    ("day", "title", "name"),
    [
        ("2017-09-05", "the Kyrgyz president", "Almazbek Atambayev"),
        ("2018-09-05", "the Kyrgyz president", "Sooronbay Jeenbekov"),
        ("2017-09-05", "the head of Uzbek diplomacy", "Abdulaziz Kamilov"),
        ("2023-12-07", "the Uruguayan head of state", "Luis Lacalle Pou"),
        ("2019-10-05", "the Bangladeshi foreign minister", "A. K. Abdul Momen"),
    ],
)
def test_leaders_beyond_the_g20_are_known_on_their_dates(
    resolver: ActorResolver, day: str, title: str, name: str
) -> None:
    found = resolver.context(day).resolve(title)
    assert found is not None and found.name == name


def test_an_official_representative_of_a_ministry_is_its_spokesperson(resolver: ActorResolver) -> None:
    """Translated Russian copy: "the official representative of the Ministry of Foreign Affairs of Russia"."""
    found = resolver.context("2017-09-05").resolve(
        "the official representative of the Ministry of Foreign Affairs of Russia"
    )
    assert found is not None and found.name == "Maria Zakharova"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("Russian Defence Ministry spokesman Pavel Voronikhin", "Pavel Voronikhin"),
        ("Chinese diplomat Wang Xiaolong", "Wang Xiaolong"),
    ],
)
def test_a_known_surname_that_starts_a_longer_name_is_a_given_name(
    resolver: ActorResolver, mention: str, name: str
) -> None:
    """ "Pavel" is the surname of a Czech president and "Wang" of a Chinese foreign minister; followed by a name
    the knowledge base does not know, each is the given name of someone else."""
    found = resolver.context("2024-03-01").resolve(mention)
    assert found is not None and found.name == name and found.kb_id is None, found


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("The spokesman of the Secretary General of the UN", "Stéphane Dujarric"),
        ("the spokesman for the UN Secretary-General", "Stéphane Dujarric"),
        ("the spokesman of the President of Russia", "Dmitry Peskov"),
    ],
)
def test_a_spokesman_of_someone_is_the_spokesman_not_the_one_served(
    resolver: ActorResolver, mention: str, name: str
) -> None:
    """ "X's spokesman" and "the spokesman of/for X" (translated copy) name the same person, never X."""
    found = resolver.context("2023-03-10").resolve(mention)
    assert found is not None and found.name == name, found


@pytest.mark.parametrize("mention", ["the FSB chief", "the head of the SBU"])
def test_the_chief_of_a_national_institution_is_not_the_head_of_state(resolver: ActorResolver, mention: str) -> None:
    """A bare "chief"/"head" of an institution heads that institution: a role-only actor of its sector, never the
    country's president."""
    found = resolver.context("2022-03-01").resolve(mention)
    assert found is not None and found.kb_id is None and found.sector == "SPY", found


@pytest.mark.parametrize(
    ("mention", "name"),
    [("the head of the Italian government", "Mario Draghi"), ("the head of the Spanish government", "Pedro Sánchez")],
)
def test_the_head_of_a_national_government_is_its_prime_minister(
    resolver: ActorResolver, mention: str, name: str
) -> None:
    found = resolver.context("2022-03-01").resolve(mention)
    assert found is not None and found.name == name, found


def test_a_title_of_another_body_is_not_the_spokesperson_named_before(resolver: ActorResolver) -> None:
    ctx = resolver.context("2022-02-16")
    assert ctx.resolve("Maria Zakharova").name == "Maria Zakharova"
    found = ctx.resolve("The press secretary of the President of the Russian Federation")
    assert found is not None and found.name == "Dmitry Peskov", found
    ctx = resolver.context("2022-01-26")
    assert ctx.resolve("White House press secretary Jen Psaki").name == "Jen Psaki"
    found = ctx.resolve("The Pentagon press secretary")
    assert found is not None and found.name == "John Kirby", found


def test_the_head_of_a_diplomatic_department_is_the_foreign_minister(resolver: ActorResolver) -> None:
    found = resolver.context("2022-02-14").resolve("the head of the Russian diplomatic department")
    assert found is not None and found.name == "Sergei Lavrov", found


def test_a_nationality_before_another_states_metonym_keeps_its_country(resolver: ActorResolver) -> None:
    """ "Foreign Office" alone is London's; "Pakistani Foreign Office spokesperson" is Pakistan's."""
    found = resolver.context("2022-02-10").resolve("Pakistani Foreign Office spokesperson")
    assert found is not None and found.country == "PAK", found
    assert resolver.context("2022-02-10").resolve("the Foreign Office").country == "GBR"


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("the Russian presidential spokesman", "Dmitry Peskov"),
        ("Russian presidential aide Yuri Ushakov", "Yuri Ushakov"),
    ],
)
def test_presidential_names_the_body_the_president_leads(resolver: ActorResolver, mention: str, name: str) -> None:
    found = resolver.context("2022-02-10").resolve(mention)
    assert found is not None and found.name == name, found
