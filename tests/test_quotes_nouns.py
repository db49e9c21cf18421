"""Speech reported through a noun or a misread verb, and web copy's typing slips around quotations.

- "the governor's claim that ..." reports what the governor said: a speech noun with an owner and a content
  clause is a cue; a relative clause ("the claim that he made") or a noun without an owner is not.
- "The senator *claims* that ..." tagged as a plural noun but parsed with a subject and a clause is a verb.
- A quotation signed after a dash with no-break spaces, and a quotation opened with a closing ” at the start of
  a line, are still found and attributed.
"""

from __future__ import annotations

import pytest

from redline.nlp import parse
from redline.quotes import actor_context, extract_quotes, find_quote_spans


def _quotes(text: str) -> list[tuple[str, str | None, str | None]]:
    doc = next(iter(parse([text])))
    quotes = extract_quotes(doc, "a", actors=actor_context("2019-03-14"))
    return [(q.text, q.speaker.mention, q.cue) for q in quotes]


@pytest.mark.parametrize(
    ("text", "content", "owner"),
    [
        (
            "Reporters pressed the mayor on the governor's claim that the city had hidden the budget deficit.",
            "the city had hidden the budget deficit",
            "governor",
        ),
        (
            "Kyiv dismissed Moscow's assertion that Ukrainian drones had struck a fuel depot near Belgorod.",
            "Ukrainian drones had struck a fuel depot near Belgorod",
            "Moscow",
        ),
        (
            "The ministry rejected the assurance by Moscow that no attack was planned.",
            "no attack was planned",
            "Moscow",
        ),
        (
            "Lawmakers questioned the general's prediction that the fighting would end by summer.",
            "the fighting would end by summer",
            "general",
        ),
    ],
)
def test_an_owned_speech_noun_with_a_that_clause_reports_the_clause(text: str, content: str, owner: str) -> None:
    found = _quotes(text)
    assert [(quote, (mention or "").endswith(owner)) for quote, mention, _ in found] == [(content, True)], found


@pytest.mark.parametrize(
    "text",
    [
        "The governor repeated the claim that he had made in his first campaign.",
        "Critics rejected the claim that the city had hidden the budget deficit.",
        "The fact that the council met twice this week surprised no one.",
    ],
)
def test_a_relative_clause_or_an_ownerless_noun_reports_nothing(text: str) -> None:
    assert _quotes(text) == []


def test_a_noun_cue_never_doubles_a_verb_cue_over_the_same_clause() -> None:
    found = _quotes("The senator said the mayor's claim that crime had fallen was false.")
    assert [mention for _, mention, _ in found] == ["The senator"], found


def test_a_speech_verb_tagged_as_a_plural_noun_still_reports_its_clause() -> None:
    found = _quotes("But the governor claims that the new tax will pay for the bridge.")
    assert found == [("the new tax will pay for the bridge", "the governor", "claim")]


def test_a_dash_signature_padded_with_no_break_spaces_names_its_line_s_speaker() -> None:
    text = (
        "Readers answered our question about the new stadium.\n\n"
        "\u201cThe stadium will bring jobs to the east side of town.\u201d\u00a0\u2015 Maria Delgado\u00a0\n"
        "\u201cNobody asked the neighbours what they wanted.\u201d \u2015\u00a0Tom Hughes.\n"
    )
    found = _quotes(text)
    assert [(quote.split()[0], mention) for quote, mention, _ in found] == [
        ("The", "Maria Delgado"),
        ("Nobody", "Tom Hughes"),
    ]


def test_a_closing_mark_typed_at_the_start_of_a_line_opens_a_quotation() -> None:
    text = (
        "\u201dWe will not give up the fight.\u201d \u2015 Ana Ruiz\n"
        "\u201cThe council failed us.\u201d \u2015 Li Park\n"
    )
    assert [span.text(text) for span in find_quote_spans(text)] == [
        "We will not give up the fight.",
        "The council failed us.",
    ]


def test_a_closing_mark_after_a_word_still_closes() -> None:
    text = "She called it \u201ca mistake\u201d and left.\n\u201dBut the vote stands,\u201d he said."
    spans = [span.text(text) for span in find_quote_spans(text)]
    assert spans == ["a mistake", "But the vote stands"]


def test_a_speaker_inverted_after_a_dash_is_not_the_quotation_s_own_subject() -> None:
    """Translated copy: “We will not give in,” — underlined the Brazilian leader. The "we" inside the quotation
    is no speaker; the one after the verb is."""
    found = _quotes(
        "President Luiz Inácio Lula da Silva opened the summit in Rio.\n\n"
        "\u201cWe will not renounce the agreement, but it must respect our industry,\u201d \u2014 underlined the "
        "Brazilian leader."
    )
    assert [(mention, cue) for _, mention, cue in found] == [("the Brazilian leader", "underline")]


def test_an_office_named_by_its_body_is_not_the_leader_named_before() -> None:
    doc_text = (
        "President Luiz Inácio Lula da Silva opened the summit in Rio.\n\n"
        "The head of Brazilian diplomacy informed that the negotiators had closed most chapters of the deal."
    )
    doc = next(iter(parse([doc_text])))
    quotes = extract_quotes(doc, "a", actors=actor_context("2023-12-07"))
    assert [q.speaker.name for q in quotes] == ["Mauro Vieira"]
