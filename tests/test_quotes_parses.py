"""Speakers the parser loses: a reporting verb left without a subject keeps the name right before it.

"In an interview with the editors of the Financial Times Scholz said that ...": the parser hangs "Scholz" on the
"of" phrase (one long organisation name) and leaves "said" with no subject; every finite clause has one, and the
name right before the verb is it. Where the verb has its subject, nothing changes.
"""

from __future__ import annotations

import pytest

from redline.nlp import parse
from redline.quotes import actor_context, extract_quotes


def _speakers(text: str) -> list[tuple[str, str | None, str | None]]:
    doc = next(iter(parse([text])))
    quotes = extract_quotes(doc, "a", actors=actor_context("2016-09-10"))
    return [(q.text, q.speaker.mention, q.speaker.name) for q in quotes]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "In a March 2016 meeting with the editorial board of the Washington Post Trump said that U.S. "
            "involvement in NATO may need to be significantly diminished in the coming years.",
            "Trump",
        ),
        (
            "During a long interview with reporters from the Chicago Tribune Obama said that the city needed more "
            "federal money for schools.",
            "Obama",
        ),
    ],
)
def test_a_name_stranded_before_its_verb_is_the_speaker(text: str, name: str) -> None:
    """The quote is found and its speaker mention is the stranded name (with the outlet the named-entity tagger
    fused to it: which person a fused "the Chicago Tribune Obama" is, is the actor resolver's to say)."""
    (found,) = _speakers(text)
    assert (found[1] or "").endswith(name), found


def test_a_fused_name_the_knowledge_base_separates_is_the_person() -> None:
    (found,) = _speakers(
        "In a March 2016 meeting with the editorial board of the Washington Post Trump said that NATO was obsolete."
    )
    assert found[2] == "Donald Trump"


def test_a_verb_with_its_own_subject_keeps_it() -> None:
    found = _speakers("In a meeting with the board of the Washington Post, the senator said the plan would fail.")
    assert [name for _, _, name in found] != ["The Washington Post"] and found


def test_according_to_made_the_root_still_names_the_source_of_the_rest() -> None:
    """ "According to X, the move reeks of fear": the tagger reads "reeks" as a plural noun and the parser makes
    "According" the root with everything hung on it; the phrase still ends at the comma after X."""
    found = _speakers(
        "According to conservative talk radio host Rush Limbaugh, the move reeks of fear and desperation."
    )
    assert [(text, mention) for text, mention, _ in found] == [
        ("the move reeks of fear and desperation", "conservative talk radio host Rush Limbaugh")
    ]


def test_according_to_the_words_of_someone_names_that_someone() -> None:
    """Translated copy says "according to the words of the minister" and "according to the information of the
    newspaper X": the owner of the words is the source, not the words."""
    found = _speakers(
        "Foreign Minister Sergei Lavrov spoke in Moscow on Friday. According to the words of the minister, "
        "Russia had warned Washington an hour before the first strikes."
    )
    assert [(mention, name) for _, mention, name in found] == [("the minister", "Sergei Lavrov")]


def test_a_surname_the_article_gave_someone_is_not_a_namesake_in_the_knowledge_base() -> None:
    """ "Gov. Greg Abbott ... Abbott's spokeswoman": the governor's staff, not the staff of Australia's former prime
    minister, whichever of the two speakers the extractor looks up first."""
    doc = next(
        iter(
            parse(
                [
                    "Gov. Greg Abbott said the lawmakers would be arrested.\n\n"
                    "Abbott's spokeswoman, Renae Eze, said the Democrats had abandoned the voters."
                ]
            )
        )
    )
    quotes = extract_quotes(doc, "a", actors=actor_context("2021-07-13"))
    assert [(q.speaker.name, q.speaker.country) for q in quotes] == [("Greg Abbott", None), ("Renae Eze", None)]


def test_the_state_and_party_of_a_lawmaker_name_the_lawmaker_just_quoted() -> None:
    """US copy: "House Speaker John Boehner ... 'neither do I,' the Ohio Republican said."."""
    found = _speakers(
        "House Speaker John Boehner told reporters that the House had voted four times. "
        '"The American people do not want a shutdown, and neither do I," the Ohio Republican said.'
    )
    assert [name for _, _, name in found] == ["John Boehner", "John Boehner"]


def test_the_presidency_is_an_office_not_its_holder() -> None:
    """ "the presidency indicated" reports the president's office; it is not a quote of the president."""
    text = "PARIS, 20 February - The French president will travel to Kyiv next month, the presidency indicated."
    context = actor_context("2023-02-20")
    assert context.read_dateline(text) == "FRA"
    quotes = extract_quotes(next(iter(parse([text]))), "a", actors=context)
    assert quotes and all(q.speaker.name != "Emmanuel Macron" for q in quotes)


def test_an_abbreviated_title_lets_the_full_title_find_its_holder() -> None:
    """ "Republican Sen. Shawnna Bolick ... The senator said": "Sen." is a senator's title."""
    found = _speakers(
        "The vote turned on Republican Sen. Shawnna Bolick of Phoenix, who spoke for twenty minutes. "
        "The senator said the old law left doctors no room to act."
    )
    assert [name for _, _, name in found] == ["Shawnna Bolick"]
