"""Cleaning: every junk style goes with its rule, article prose stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.ingest.clean import clean_lines, is_date_line, is_nav_junk, repair_apostrophes


def rules(cleaned) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for item in cleaned.removed:
        found.setdefault(item.rule, []).append(item.text)
    return found


def test_nav_junk_date_and_doubled_title(resources: Path) -> None:
    cleaned = clean_lines((resources / "ingest" / "nav_junk_doubled_title.txt").read_text())
    removed = rules(cleaned)
    assert cleaned.title == "Kremlin vows tough answer to hostile Western steps"
    assert cleaned.date_line == "21 Dec, 2021 10:05"
    assert removed["navigation"][0].startswith("menuicon searchicon")
    assert removed["title_repeat"] == ["Kremlin vows tough answer to hostile Western steps"]
    assert removed["related_headline"] == ["Ukraine says border buildup continues"] * 2
    assert removed["read_more"] == ["Read more: Moscow publishes its list of security demands"]
    assert "Share this article" in removed["site_boilerplate"]
    assert removed["trailer"] == ["TAGS: Russia, NATO, Putin"]
    assert cleaned.paragraphs[0].startswith("Russia will answer unfriendly moves")
    assert any(p.startswith('"We are ready to talk') for p in cleaned.paragraphs)
    assert not any("icon" in p or "TAGS" in p or "Read more" in p for p in cleaned.paragraphs)


def test_photo_caption_and_aggregator_link(resources: Path) -> None:
    cleaned = clean_lines((resources / "ingest" / "caption_no_apostrophes.txt").read_text())
    removed = rules(cleaned)
    assert removed["photo_credit"][0].endswith("(Photo by Reuters)")
    assert cleaned.caption_dates == ["January 10, 2022"]
    assert cleaned.source_urls == ["https://www.example-aggregator.net/world/98123"]
    assert cleaned.title is None  # the first kept line is prose, not a headline
    assert len(cleaned.paragraphs) == 5


def test_disclaimer_and_source_credit(resources: Path) -> None:
    cleaned = clean_lines((resources / "ingest" / "translated_title.txt").read_text())
    removed = rules(cleaned)
    assert cleaned.translation_note
    assert "disclaimer" in removed and "trailer" in removed
    assert cleaned.source_urls == ["https://www.baltic-monitor.com/2021/12/17/russia-drafts"]


def test_known_title_repeated_with_photo_credit() -> None:
    text = (
        "Russia sets out demands\n\n12:00, 13 December 2021\n"
        "Russia sets out demands Photo: Foreign Ministry press service\n\n"
        "Moscow said on Monday that it wanted written guarantees from the alliance before any new talks."
    )
    cleaned = clean_lines(text)
    assert cleaned.title == "Russia sets out demands"
    assert rules(cleaned)["title_repeat+photo_credit"] == [
        "Russia sets out demands Photo: Foreign Ministry press service"
    ]
    assert cleaned.paragraphs == [
        "Moscow said on Monday that it wanted written guarantees from the alliance before any new talks."
    ]


def test_headline_line_inside_prose_is_kept_when_it_is_a_sentence() -> None:
    text = (
        "Title of the piece\n\n"
        "The minister spoke for an hour about the talks and what Moscow expected from them.\n"
        "He said the talks would continue.\n"
        "Officials declined to comment on the timing of the next round."
    )
    cleaned = clean_lines(text)
    assert "He said the talks would continue." in cleaned.paragraphs
    assert not cleaned.removed


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("20 Dec, 2021 15:16", True),
        ("14:07, 13 December 2021", True),
        ("Published: Thu, 30 Dec 2021 18:40:00 GMT", True),
        ("Updated 2022-01-12 10:00 UTC", True),
        ("Russia says 2021 was a year of NATO provocations", False),
        ("In December 2021 Moscow published two drafts.", False),
    ],
)
def test_date_lines(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("icon bookmark-bicon cameraicon checkicon chevron downicon closeicon fbicon", True),
        ("Home | World | Europe | Business | Opinion | Video", True),
        ("Russia promises 'military response' to any further NATO expansion", False),
        ("NATO must be aware that pushing further east will make a response inevitable.", False),
    ],
)
def test_navigation_junk(line: str, expected: bool) -> None:
    assert is_nav_junk(line) is expected


def test_apostrophe_repair_only_in_texts_that_lost_them() -> None:
    lost = "Russia says NATOs plans threaten Russias security. Americans couldnt agree. NATO met."
    fixed, repairs = repair_apostrophes(lost)
    assert fixed == "Russia says NATO's plans threaten Russia's security. Americans couldn't agree. NATO met."
    assert {r.text for r in repairs} == {"NATOs", "Russias", "couldnt"}
    intact = "Russia's envoy met NATOs? No: the Americans met. NATO's chief spoke."
    assert repair_apostrophes(intact) == (intact, [])


def test_dev_corpus_cleaning(dev_corpus: list[Path]) -> None:
    """The three real reports: junk gone, titles, dates and the aggregator link found, prose intact."""
    by_name = {path.name[:3]: clean_lines(path.read_text()) for path in dev_corpus}
    rt, news, press = by_name["000"], by_name["002"], by_name["004"]
    assert rt.title and rt.title.startswith("Russia promises")
    assert rt.date_line == "20 Dec, 2021 15:16"
    assert {"navigation", "date_line", "title_repeat"} <= set(rules(rt))
    assert rt.paragraphs[0].startswith("NATO must be aware")
    assert news.date_line == "14:07, 13 December 2021"
    assert "title_repeat+photo_credit" in rules(news)
    assert "photo_credit" in rules(press)
    assert press.source_urls and "ansarpress.com" in press.source_urls[0]
    assert rules(press)["trailer"][-1] == "TAGS:"
    for cleaned in by_name.values():
        text = cleaned.text
        assert "icon" not in text and "LINK:" not in text and "Photo" not in text
        assert len(cleaned.paragraphs) >= 7


def test_wire_datelines_section_labels_lists_and_credits() -> None:
    text = (
        "WORLD NEWS\n"
        "Putin warns NATO over expansion\n"
        "MOSCOW, December 21. /TASS/. Russian President Vladimir Putin said on Tuesday that Moscow would respond.\n"
        "The demands include:\n"
        "- no further NATO enlargement\n"
        "- no strike weapons near Russian borders\n"
        "Officials said more talks were planned for January in Geneva and Brussels.\n"
        "Follow RT on Telegram\n"
        "(Reporting by Jane Roe; Editing by John Doe)\n"
    )
    cleaned = clean_lines(text)
    assert cleaned.title == "Putin warns NATO over expansion"
    assert cleaned.wire_agency == "TASS"
    assert cleaned.paragraphs[0].startswith("Russian President Vladimir Putin said")
    assert "- no further NATO enlargement" in cleaned.paragraphs  # a list is article text, not a headline
    assert rules(cleaned) == {
        "section_label": ["WORLD NEWS"],
        "dateline": ["MOSCOW, December 21. /TASS/."],
        "site_boilerplate": ["Follow RT on Telegram"],
        "byline": ["(Reporting by Jane Roe; Editing by John Doe)"],
    }


@pytest.mark.parametrize(
    ("line", "agency", "rest"),
    [
        ("KYIV (Reuters) - Ukraine said on Friday that hackers had hit government sites.", "Reuters", "Ukraine said"),
        ("WASHINGTON (AP) — The United States said on Friday it would send troops.", "AP", "The United States"),
        ("BRUSSELS -- NATO allies met on Wednesday to discuss the Russian demands.", None, "NATO allies"),
        ("GENEVA/JERUSALEM, Oct 9 - The UN chief called on all sides to spare civilians.", None, "The UN chief"),
        ("US Deputy Secretary of State Wendy Sherman said on Monday the talks were frank.", None, "US Deputy"),
    ],
)
def test_datelines(line: str, agency: str | None, rest: str) -> None:
    cleaned = clean_lines(line)
    assert cleaned.title is None  # a sentence is never a title
    assert cleaned.wire_agency == agency
    assert cleaned.paragraphs[0].startswith(rest)


def test_hard_wrapped_paragraphs_are_joined_not_taken_for_headlines() -> None:
    text = (
        "Sherman says Russian demands are non-starters\n\n"
        "US Deputy Secretary of State Wendy Sherman told reporters in Geneva\n"
        "on Monday that Washington had firmly pushed back on security\n"
        "proposals that were simply non-starters for the United States.\n\n"
        "She said the talks with Russian Deputy Foreign Minister Sergei\n"
        "Ryabkov had been frank and forthright, and that no decision had\n"
        "been taken on the alliance's open-door policy.\n"
    )
    cleaned = clean_lines(text)
    assert cleaned.title == "Sherman says Russian demands are non-starters"
    assert len(cleaned.paragraphs) == 2 and not cleaned.removed
    assert "Sergei Ryabkov had been frank" in cleaned.paragraphs[1]


def test_newsletter_header_bylines_wrapped_lines_and_signature() -> None:
    text = (
        "THE EASTERN FRONT BRIEFING -- Friday, 14 January 2022\n\n"
        "OSCE meeting in Vienna ends with warnings of war risk\n\n"
        "By JANE DOE\n\n"
        "Polish Foreign Minister Zbigniew Rau told the OSCE permanent council on Thursday that the risk of war\n"
        "was greater than at any time in the past thirty years.\n\n"
        "Western officials fear the drills in Belarus could be used as cover\n"
        "for an attack on Ukraine from the north.\n\n"
        "--\n"
        "You are receiving this email because you subscribed.\n"
        "Unsubscribe | Manage preferences\n"
    )
    cleaned = clean_lines(text)
    assert cleaned.date_line == "THE EASTERN FRONT BRIEFING -- Friday, 14 January 2022"
    assert cleaned.title == "OSCE meeting in Vienna ends with warnings of war risk"
    assert rules(cleaned)["byline"] == ["By JANE DOE"]
    assert cleaned.paragraphs[1] == (
        "Western officials fear the drills in Belarus could be used as cover for an attack on Ukraine from the north."
    )
    assert next(r.text for r in cleaned.removed if r.rule == "signature") == "--"
    assert not any("Unsubscribe" in p or "receiving this email" in p for p in cleaned.paragraphs)


@pytest.mark.parametrize(
    "title",
    [
        "Macron appelle à un dialogue franc avec la Russie sur la sécurité européenne",
        "Лавров заявил, что Россия не будет бесконечно ждать ответа НАТО по гарантиям безопасности",
    ],
)
def test_a_long_foreign_headline_is_a_title_not_menu_words(title: str) -> None:
    body = (
        "French President Emmanuel Macron said on Wednesday that Europe needed its own frank dialogue with Moscow.\n"
        "Article translated from French by DeepL."
    )
    cleaned = clean_lines(f"{title}\n\n{body}")
    assert cleaned.title == title
    assert rules(cleaned) == {"disclaimer": ["Article translated from French by DeepL."]}
    assert cleaned.translation_note


BODY = (
    "The Russian defence ministry said on Friday that a drone had struck a fuel depot near the border, a claim "
    "officials in Kyiv rejected as fabricated.\n\n"
    "Officials in Kyiv said the allegation was meant to justify further troop movements along the frontier.\n\n"
)


@pytest.mark.parametrize("date", ["January 14, 2022 | 09:41", "14.01.2022, 09:41 Uhr", "14 января 2022, 09:41"])
def test_a_title_repeated_and_followed_by_a_date_line_is_a_title_and_a_date(date: str) -> None:
    title = "Moscow and Kyiv trade accusations over drone strike"
    cleaned = clean_lines(f"{title}\n{title}\n{date}\n\n{BODY}")
    assert (cleaned.title, cleaned.date_line) == (title, date)
    assert rules(cleaned) == {"title_repeat": [title], "date_line": [date]}


def test_a_list_of_headlines_is_not_taken_for_a_wrapped_paragraph() -> None:
    links = "More on the subject\nRyabkov: We see no reason for new talks\nOil jumps 2% as tensions mount"
    cleaned = clean_lines(f"Talks stall in Geneva\n\n{BODY}{links}\n\nThe next round is due in Vienna next week.")
    assert rules(cleaned)["related_header"] == ["More on the subject"]
    assert rules(cleaned)["related_list"] == [
        "Ryabkov: We see no reason for new talks",
        "Oil jumps 2% as tensions mount",
    ]
    assert cleaned.paragraphs[-1] == "The next round is due in Vienna next week."


@pytest.mark.parametrize(
    "line",
    [
        "Read more: Moscow publishes its list of security demands",
        "Read also: US announces $200 million in new military aid to Ukraine",
        "Read Also: Turkish lira loses 1.5% against the dollar",
        "Also read: 'Little hope' for talks, says Kremlin",
        "ALSO READ | Germany to send 5,000 helmets to Kyiv",
        "Lesen Sie auch: Scholz warnt Moskau vor „hohen Kosten“",
        "Lee también: Biden y Putin hablarán por teléfono",
        "Читайте также: В Кремле оценили итоги переговоров",
        "À lire aussi : Macron plaide pour un dialogue « exigeant »",
        "► Related: Will NATO expand again?",
    ],
)
def test_a_lead_in_with_its_headline_is_a_link(line: str) -> None:
    cleaned = clean_lines(f"Talks stall in Geneva\n\n{BODY}{line}\n\nThe next round is due in Vienna next week.")
    assert rules(cleaned) == {"read_more": [line]}


@pytest.mark.parametrize(
    "line",
    [
        "Related talks will continue in Vienna next week, the ministry said.",
        "Read more about the proposals in the full text the ministry published.",
        "Watch officials closely, he told the committee, because words matter.",
    ],
)
def test_a_sentence_that_starts_like_a_lead_in_stays(line: str) -> None:
    cleaned = clean_lines(f"Talks stall in Geneva\n\n{BODY}{line}")
    assert line in cleaned.paragraphs and not cleaned.removed


@pytest.mark.parametrize(
    "headline",
    [
        "Gaspreis steigt um 12 Prozent – Händler nervös",
        "Ukraine's Gas Bill Could Top $10 Billion This Winter",
        "„Wir lassen uns nicht erpressen“: Baerbock in Kiew",
        'Ankara: "Black Sea must remain a sea of peace"',
        "€9.5bn pipeline at the heart of the crisis",
    ],
)
def test_a_headline_between_paragraphs_is_a_related_headline(headline: str) -> None:
    body = BODY.split("\n\n")
    cleaned = clean_lines(f"Talks stall in Geneva\n\n{body[0]}\n\n{headline}\n\n{body[1]}")
    assert rules(cleaned) == {"related_headline": [headline]}


def test_breadcrumbs_and_multilingual_trailers_keep_the_source() -> None:
    text = (
        f"Startseite › Politik › Ausland\nNato-Russland-Rat: Keine Annäherung in Brüssel\n\n{BODY}"
        "Quelle: Baltic Monitor\n"
    )
    cleaned = clean_lines(text)
    assert rules(cleaned) == {"navigation": ["Startseite › Politik › Ausland"], "trailer": ["Quelle: Baltic Monitor"]}
    assert cleaned.title == "Nato-Russland-Rat: Keine Annäherung in Brüssel"
    assert cleaned.source_names == ["Baltic Monitor"]


def test_a_kicker_opening_the_title_line_is_part_of_the_title() -> None:
    cleaned = clean_lines(
        f"WATCH: Putin and Macron hold five-hour talks\n\n{BODY}Watch: Macron's long table in pictures"
    )
    assert cleaned.title == "WATCH: Putin and Macron hold five-hour talks"
    assert rules(cleaned) == {"read_more": ["Watch: Macron's long table in pictures"]}


def test_a_credit_line_with_a_url_is_not_taken_for_menu_words() -> None:
    credit = (
        "Translation by automatic translation tool. Original: Global Daily (https://www.globaldaily.cn/world/2022/a-b)"
    )
    cleaned = clean_lines(f"China urges restraint\n\n{BODY}{credit}")
    assert rules(cleaned) == {"disclaimer": [credit]} and cleaned.translation_note
    assert cleaned.source_urls == ["https://www.globaldaily.cn/world/2022/a-b"]
