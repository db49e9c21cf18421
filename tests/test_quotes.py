"""Tests for redline.quotes: quotation marks, cues and speakers on real parses, the quotes table, the scorer.

Resources: ``resources/quotes/hard/`` (hard cases written for these tests), ``resources/quotes/blind/`` (articles
in other outlets' styles whose gold was written before the extractor first ran on them), and the gold files
``*_gold.jsonl`` (speaker and a short fragment per quote). The dev corpus is read from ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.errors import GoldFormatError, NotFoundError
from redline.evaluate.quotes import (
    GoldQuote,
    locate,
    read_gold,
    resolve_articles,
    same_speaker,
    score_quotes,
)
from redline.quotes import extract_quotes, find_quote_spans, quote_id
from redline.quotes.marks import strip_gaps
from redline.records import Article, Quote, Speaker

QUOTES = Path(__file__).resolve().parent / "resources" / "quotes"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "corpus" / "dev"

# Floors only rise: measured values are in the comments (`pytest tests/test_quotes.py -k gate -s` prints them).
DEV_FLOORS = {"precision": 0.97, "recall": 0.97, "speaker_accuracy": 0.97}  # measured 1.0, 1.0, 1.0
HARD_FLOORS = {"precision": 0.95, "recall": 0.95, "speaker_accuracy": 0.95}  # measured 1.0, 1.0, 1.0
# measured 1.0, 1.0, 0.919: read without the knowledge base, "Ukraine's foreign minister" names no one, and the
# gold now holds two of his statements (the demand "urged allies to ..." was added when demands became statements)
BLIND_FLOORS = {"precision": 0.95, "recall": 0.95, "speaker_accuracy": 0.91}


def spans_text(text: str) -> list[str]:
    return [span.text(text) for span in find_quote_spans(text)]


# -- quotation marks (no model) -----------------------------------------------------------------------------------


def test_curly_quotes_split_by_their_cue_are_two_spans():
    text = "“We are ready,” he said, “but not at any price.”"
    assert spans_text(text) == ["We are ready", "but not at any price."]


def test_apostrophes_are_not_quotation_marks():
    assert spans_text("Moscow’s view and the allies’ reply don't change NATO's plans, it's said.") == []


def test_nested_quote_stays_inside_its_outer_quote():
    text = "“He told me ‘never’ twice, and I believed him,” she said."
    assert spans_text(text) == ["He told me ‘never’ twice, and I believed him"]


def test_guillemets_low_high_and_straight_quotes():
    text = "«Dead on arrival», he said. „Ein Schritt“, sagte er. It was \"final\" and 'closed' for them."
    assert spans_text(text) == ["Dead on arrival", "Ein Schritt", "final", "closed"]


def test_quote_over_two_paragraphs_skips_the_reopening_mark():
    text = "“First we waited.\n\n“Then we acted,” he said."
    (span,) = find_quote_spans(text)
    assert span.text(text) == "First we waited.\n\nThen we acted"
    assert span.closed and len(span.gaps) == 1
    assert text[span.gaps[0][0]] == "“"


def test_unterminated_quote_ends_with_its_paragraph():
    text = "“We never finished this.\n\nThe next paragraph has no marks at all."
    (span,) = find_quote_spans(text)
    assert span.text(text) == "We never finished this."
    assert not span.closed


def test_hard_wrapped_lines_do_not_end_a_quote():
    text = (
        "The minister spoke for an hour and\n"
        'said that "nothing would be decided\n'
        'before the spring" in any case, and\n'
        "then left the room without taking\n"
        "questions from the press.\n"
    )
    assert spans_text(text) == ["nothing would be decided\nbefore the spring"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’«»„")), max_size=60))
def test_quote_spans_are_ordered_disjoint_and_inside_the_text(text: str):
    spans = find_quote_spans(text)
    previous_close = 0
    for span in spans:
        assert previous_close <= span.open < span.start <= span.end <= span.close <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        previous_close = span.close


def test_quote_id_is_stable_and_depends_on_the_span():
    assert quote_id("a1", 10, 20) == quote_id("a1", 10, 20)
    assert quote_id("a1", 10, 20) != quote_id("a1", 10, 21) != quote_id("a2", 10, 20)


# -- the gold scorer (no model) -----------------------------------------------------------------------------------


def test_read_gold_reports_the_bad_line(tmp_path: Path):
    path = tmp_path / "gold.jsonl"
    path.write_text('# comment\n{"source": "a.txt", "text": "x", "speaker": null}\n{"source": "a.txt"}\n')
    with pytest.raises(GoldFormatError, match=":3:"):
        read_gold(path)
    path.write_text('{"source": "a.txt", "text": "x", "kind": "quoted"}\n')
    with pytest.raises(GoldFormatError, match="kind"):
        read_gold(path)
    path.write_text("not json\n")
    with pytest.raises(GoldFormatError, match="not JSON"):
        read_gold(path)


def test_gold_files_are_well_formed():
    for path in QUOTES.glob("*_gold.jsonl"):
        assert read_gold(path), path
    # The dev gold locates each quote by a short fragment: it must not copy the reports' text.
    assert all(len(item.text.split()) <= 8 for item in read_gold(QUOTES / "dev_gold.jsonl"))


def test_locate_ignores_quote_style_case_and_spacing():
    text = "He said the talks were  “useful”, and Moscow’s reply\nwould follow."
    item = GoldQuote(text='were "USEFUL", and Moscow\'s reply would', speaker=None, source="a")
    start, end = locate(item, text)
    assert text[start:end] == "were  “useful”, and Moscow’s reply\nwould"
    assert locate(GoldQuote(text="not there", speaker=None, source="a"), text) is None


def test_same_speaker_normalises_and_never_accepts_a_guess():
    assert same_speaker("Sergei Ryabkov", Speaker(name="Sergey Ryabkov"))
    assert same_speaker("Putin", Speaker(name="Vladimir Putin"))
    assert same_speaker("Foreign Ministry", Speaker(mention="the Foreign Ministry", name="Ministry of Foreign Affairs"))
    assert not same_speaker("Sergei Lavrov", Speaker(name="Sergei Ryabkov"))
    assert not same_speaker("Sergei Lavrov", Speaker(mention="he"))
    assert same_speaker(None, Speaker(mention="the official"))
    assert not same_speaker(None, Speaker(name="Antony Blinken"))


def _quote(article_id: str, text: str, fragment: str, name: str | None, *, kind: str = "indirect") -> Quote:
    start = text.index(fragment)
    return Quote(
        id=quote_id(article_id, start, start + len(fragment)),
        article_id=article_id,
        text=fragment,
        kind=kind,
        cue="say",
        speaker=Speaker(mention=name, name=name),
        sentence_index=0,
        start=start,
        end=start + len(fragment),
    )


def test_score_quotes_matches_by_containment_one_to_one():
    text = "Lavrov said the talks were useful and frank. Blinken said nothing had changed. It rained."
    gold = [
        GoldQuote(text="were useful", speaker="Sergei Lavrov", source="a.txt", kind="indirect", line=1),
        GoldQuote(text="nothing had changed", speaker="Antony Blinken", source="a.txt", line=2),
        GoldQuote(text="It rained", speaker=None, source="a.txt", line=3),
        GoldQuote(text="absent words", speaker=None, source="a.txt", line=4),
    ]
    predicted = [
        _quote("A", text, "the talks were useful and frank", "Lavrov"),
        _quote("A", text, "nothing had changed", "Sergei Lavrov"),
        _quote("A", text, "Blinken said", None),
        _quote("B", "other article", "other", "Someone"),
    ]
    article_of = resolve_articles(gold, [("A", "/data/in/a.txt"), ("B", "b.txt")])
    scores = score_quotes(gold, {"A": text}, predicted, article_of=article_of)
    assert (scores.gold, scores.predicted, scores.matched) == (4, 3, 2)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == pytest.approx(0.5)
    assert (scores.speaker_correct, scores.speaker_wrong, scores.speaker_unknown) == (1, 1, 0)
    assert scores.kind_correct == scores.kind_total == 1
    assert [u["line"] for u in scores.unlocated] == [4]


# -- the quotes table (no model) ----------------------------------------------------------------------------------


def _stored_article(store, article_id: str = "art-1", text: str = "Ryabkov said talks failed. Zakharova agreed."):
    store.add_article(Article(id=article_id, text=text, source=f"{article_id}.txt", content_hash=article_id))
    return text


def test_add_quotes_replaces_an_articles_quotes_and_keeps_statement_links(store):
    text = _stored_article(store)
    first = [_quote("art-1", text, "talks failed", "Sergei Ryabkov"), _quote("art-1", text, "agreed", None)]
    store.add_quotes("art-1", first)
    store.set_statement([first[0].id], "stmt-1")
    store.add_quotes("art-1", first[:1])
    (kept,) = store.quotes(article_ids=["art-1"])
    assert kept.id == first[0].id and kept.statement_id == "stmt-1"
    assert kept.speaker == Speaker(mention="Sergei Ryabkov", name="Sergei Ryabkov")
    assert store.quote(kept.id) == kept


def test_quotes_filter_by_speaker_article_and_limit(store):
    text = _stored_article(store)
    _stored_article(store, "art-2", "Lavrov said nothing.")
    store.add_quotes("art-1", [_quote("art-1", text, "talks failed", "Sergei Ryabkov")])
    store.add_quotes("art-2", [_quote("art-2", "Lavrov said nothing.", "nothing", "Sergei Lavrov")])
    assert [q.speaker.name for q in store.quotes(speaker="rYaB")] == ["Sergei Ryabkov"]
    assert [q.article_id for q in store.quotes(article_ids=["art-2"])] == ["art-2"]
    assert len(store.quotes(speaker="sergei")) == 2 and len(store.quotes(limit=1)) == 1
    with pytest.raises(NotFoundError):
        store.quote("missing")


# -- real parses --------------------------------------------------------------------------------------------------


def _extract(parsed: dict[str, tuple[str, object]], name: str) -> list[Quote]:
    _, doc = parsed[name]
    return extract_quotes(doc, name)


def _by_fragment(quotes: list[Quote], fragment: str) -> Quote:
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, f"{fragment!r} in {[q.text for q in quotes]}"
    return found[0]


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[str, object]]:
    """Every resource article parsed once for the module (one ``nlp.pipe``)."""
    from redline.nlp import parse

    files = sorted((QUOTES / "hard").glob("*.txt")) + sorted((QUOTES / "blind").glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    return {path.name: (text, doc) for path, text, doc in zip(files, texts, parse(texts), strict=True)}


@pytest.fixture(scope="module")
def dev_parsed() -> dict[str, tuple[str, object]]:
    if not DEV.is_dir():
        pytest.skip("../shared/corpus/dev is not present")
    from redline.nlp import parse

    files = sorted(DEV.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in files]
    return {path.name: (text, doc) for path, text, doc in zip(files, texts, parse(texts), strict=True)}


def _score(parsed: dict[str, tuple[str, object]], gold_file: str):
    gold = read_gold(QUOTES / gold_file)
    texts = {name: text for name, (text, _) in parsed.items()}
    predicted = [q for name in parsed for q in _extract(parsed, name)]
    return score_quotes(gold, texts, predicted, article_of=resolve_articles(gold, [(n, n) for n in texts]))


def _assert_floors(scores, floors: dict[str, float]) -> None:
    print({name: round(getattr(scores, name), 3) for name in floors})
    for name, floor in floors.items():
        assert getattr(scores, name) >= floor, (name, scores.missed, scores.spurious, scores.speaker_errors)
    assert scores.speaker_wrong == 0, scores.speaker_errors


@pytest.mark.slow
def test_offsets_text_and_sentence_index_point_into_the_article(parsed):
    for name, (text, doc) in parsed.items():
        sentences = list(doc.sents)
        for quote in _extract(parsed, name):
            assert quote.text.replace("\n\n", "") in text[quote.start : quote.end].replace("\n\n“", ""), name
            if "\n\n" not in text[quote.start : quote.end]:
                assert text[quote.start : quote.end] == quote.text
            sent = sentences[quote.sentence_index]
            assert sent.start_char <= quote.start < sent.end_char
            assert quote.id == quote_id(name, quote.start, quote.end)


@pytest.mark.slow
def test_he_after_two_named_men_is_the_main_clause_subject(parsed):
    quotes = _extract(parsed, "he_after_two_men.txt")
    assert _by_fragment(quotes, "Europe had to be").speaker.name == "Emmanuel Macron"
    assert _by_fragment(quotes, "stay in contact").speaker.name == "Kremlin"


@pytest.mark.slow
def test_two_speakers_in_one_sentence_get_one_quote_each(parsed):
    quotes = _extract(parsed, "two_speakers.txt")
    lavrov = _by_fragment(quotes, "the talks had been useful")
    assert lavrov.speaker.name == "Sergei Lavrov" and "Blinken" not in lavrov.text
    assert _by_fragment(quotes, "no breakthrough").speaker.name == "Antony Blinken"
    assert _by_fragment(quotes, "in writing").speaker.name == "Antony Blinken"  # the most recent subject


@pytest.mark.slow
def test_quote_across_paragraphs_is_one_direct_quote(parsed):
    quotes = _extract(parsed, "paragraphs.txt")
    quote = _by_fragment(quotes, "nobody here is surprised")
    text, _ = parsed["paragraphs.txt"]
    assert quote.kind == "direct" and "keep the promises" in quote.text and "“" not in quote.text
    assert strip_gaps(text, quote.start, quote.end, ((text.index("“What"), text.index("“What") + 1),)) == quote.text
    assert quote.speaker.name == "Hanno Pevkur" and quote.speaker.mention == "he"


@pytest.mark.slow
def test_nested_and_foreign_quotation_marks(parsed):
    quotes = _extract(parsed, "nested.txt")
    kuleba = _by_fragment(quotes, "simply hung up")
    assert kuleba.kind == "direct" and "‘will never accept’" in kuleba.text
    assert kuleba.speaker.name == "Dmytro Kuleba"
    assert _by_fragment(quotes, "a serious step").speaker.name == "Steffen Hebestreit"
    french = _by_fragment(quotes, "dead on arrival")
    assert french.kind == "mixed" and french.speaker.name is None and french.speaker.mention == "A French diplomat"


@pytest.mark.slow
def test_was_quoted_as_saying_and_his_office_quoted_him(parsed):
    quotes = _extract(parsed, "quoted_as_saying.txt")
    assert _by_fragment(quotes, "no reason to hurry").speaker.name == "Dmitry Peskov"
    office = _by_fragment(quotes, "Russian brothers")
    assert office.kind == "direct" and office.speaker.mention == "him"
    assert office.speaker.name == "Alexander Lukashenko"
    later = _by_fragment(quotes, "did not rule out")
    assert later.kind == "mixed" and later.speaker.name == "Dmitry Peskov"


@pytest.mark.slow
def test_transliterated_names_are_one_person(parsed):
    quotes = _extract(parsed, "transliterated.txt")
    first, second = _by_fragment(quotes, "Washington's court"), _by_fragment(quotes, "Geneva")
    assert first.speaker.name == second.speaker.name == "Sergey Ryabkov"
    assert second.speaker.mention == "Sergei Ryabkov" and first.audience == "reporters"
    assert _by_fragment(quotes, "no date had been set").speaker.name == "Alexander Fomin"  # the most recent deputy


@pytest.mark.slow
def test_organisations_documents_and_according_to(parsed):
    quotes = _extract(parsed, "organisations.txt")
    assert _by_fragment(quotes, "handed the proposals").speaker.name == "Russian Foreign Ministry"
    readout = _by_fragment(quotes, "urged restraint")
    assert readout.speaker.name == "Pentagon" and readout.cue == "note"
    assert _by_fragment(quotes, "in writing").speaker.name == "NATO"
    assert _by_fragment(quotes, "allies were united").speaker.name == "Jens Stoltenberg"
    according = _by_fragment(quotes, "fifty minutes")
    assert according.cue == "according to" and according.speaker.name == "Kremlin"


@pytest.mark.slow
def test_headline_line_is_a_statement_but_a_photo_credit_is_not(parsed):
    quotes = _extract(parsed, "headline.txt")
    headline = _by_fragment(quotes, "sabotaging")
    assert headline.cue is None and headline.speaker.name == "Sergei Lavrov"
    assert not [q for q in quotes if "Reuters" in q.text]
    assert _by_fragment(quotes, "our proposals").audience == "a news conference in Moscow"


@pytest.mark.slow
def test_split_quote_gives_two_records_with_one_speaker(parsed):
    quotes = _extract(parsed, "split.txt")
    first, second = _by_fragment(quotes, "ready to talk"), _by_fragment(quotes, "core principles")
    assert first.kind == second.kind == "direct"
    assert first.speaker.name == second.speaker.name == "Jens Stoltenberg" and first.cue == second.cue == "tell"
    assert _by_fragment(quotes, "its own path").speaker.name == "Jens Stoltenberg"


@pytest.mark.slow
def test_unknown_speakers_are_not_guessed(parsed):
    quotes = _extract(parsed, "unknown.txt")
    official = _by_fragment(quotes, "wait forever")
    assert official.speaker == Speaker(mention="the official")
    assert _by_fragment(quotes, "new draft").speaker == Speaker(mention="They")
    blind = _extract(parsed, "ap_call.txt")
    assert _by_fragment(blind, "two paths").speaker.name is None  # "the official" = the unnamed official before


@pytest.mark.slow
def test_things_do_not_speak_and_two_participants_leave_a_quote_unattributed(parsed):
    quotes = _extract(parsed, "not_speakers.txt")
    assert not [q for q in quotes if "standoff" in q.text or "talks have failed" in q.text]
    assert _by_fragment(quotes, "useful exchange").speaker == Speaker()  # after "Lavrov met Blinken."
    assert _by_fragment(quotes, "remains volatile").speaker == Speaker(mention="Analysts")
    sources = _by_fragment(quotes, "deal was close")
    assert sources.speaker.name is None and sources.audience == "Reuters"


@pytest.mark.slow
def test_she_skips_the_more_recent_man(parsed):
    quotes = _extract(parsed, "she_after_man.txt")
    nuland = _by_fragment(quotes, "diplomatic path")
    assert nuland.speaker.name == "Victoria Nuland" and nuland.audience == "the Senate"
    described = _by_fragment(quotes, "useful but not")
    assert described.kind == "mixed" and described.cue == "describe"


@pytest.mark.slow
def test_role_nouns_resolve_to_the_right_person(parsed):
    quotes = _extract(parsed, "nominals.txt")
    assert _by_fragment(quotes, "written answers").speaker.name == "Anatoly Antonov"  # the country's top envoy
    assert _by_fragment(quotes, "purely defensive").speaker.name == "Sergei Shoigu"  # the minister insisted
    assert _by_fragment(quotes, "long crisis").speaker.name == "Philip Breedlove"  # the former general
    assert _by_fragment(quotes, "new sanctions").speaker.name is None  # a senior official


@pytest.mark.slow
def test_headlines_paraphrase_and_source_phrases_attribute(parsed):
    ap = _extract(parsed, "ap_call.txt")
    assert not [q for q in ap if "severe" in q.text]  # a headline's scare quote is not a statement
    tass = _extract(parsed, "tass_briefing.txt")
    words = _by_fragment(tass, "difficult but necessary")
    assert words.cue == "in the words of" and words.speaker.name == "Dmitry Peskov"
    assert _by_fragment(tass, "ready to hold talks").cue == "according to"
    guardian = _extract(parsed, "guardian_commons.txt")
    assert not [q for q in guardian if q.cue == "according to"]  # "…,” Peskov told reporters, according to Interfax
    bbc = _extract(parsed, "bbc_explainer.txt")
    assert _by_fragment(bbc, "a high price").speaker.name == "Olaf Scholz"
    assert not [q for q in bbc if "best hope" in q.text or "eight hours" in q.text]  # "said to be", "It was reported"


@pytest.mark.slow
def test_hard_cases_gate(parsed):
    hard = {name: value for name, value in parsed.items() if (QUOTES / "hard" / name).exists()}
    _assert_floors(_score(hard, "hard_gold.jsonl"), HARD_FLOORS)


@pytest.mark.slow
def test_blind_articles_gate(parsed):
    blind = {name: value for name, value in parsed.items() if (QUOTES / "blind" / name).exists()}
    _assert_floors(_score(blind, "blind_gold.jsonl"), BLIND_FLOORS)


# -- the dev corpus (../shared) -----------------------------------------------------------------------------------


@pytest.mark.slow
def test_dev_corpus_gate(dev_parsed):
    _assert_floors(_score(dev_parsed, "dev_gold.jsonl"), DEV_FLOORS)


@pytest.mark.slow
def test_dev_corpus_speakers(dev_parsed):
    gavrilov = _extract(dev_parsed, "000_3323d6cb3d69b2c7.txt")
    explained = next(q for q in gavrilov if q.cue == "explain")
    assert explained.kind == "direct" and explained.speaker.mention == "he"
    assert explained.speaker.name == "Konstantin Gavrilov"
    zakharova = [q for q in gavrilov if q.speaker.name == "Maria Zakharova"]
    assert {q.kind for q in zakharova} == {"indirect", "mixed"} and {q.cue for q in zakharova} == {"warn", "say"}

    ryabkov = _extract(dev_parsed, "002_136b89d1e7c28484.txt")
    warned = next(q for q in ryabkov if q.speaker.mention == "the diplomat")
    assert warned.kind == "direct" and warned.speaker.name == "Sergei Ryabkov"
    told = next(q for q in ryabkov if q.cue == "tell")
    assert told.speaker.mention == "Russian Deputy Foreign Minister Sergei Ryabkov"
    assert told.speaker.role == "Deputy Foreign Minister" and told.audience == "news agency RIA"
    deputy = next(q for q in ryabkov if q.cue == "according to")
    assert deputy.speaker.name in ("Sergei Ryabkov", None)

    putin = _extract(dev_parsed, "004_c0e77ec1040e7b84.txt")
    said = [q for q in putin if q.speaker.mention == "Putin"]
    assert len(said) >= 8 and {q.speaker.name for q in said} == {"Vladimir Putin"}
    for name, (text, _) in dev_parsed.items():
        for quote in _extract(dev_parsed, name):
            assert text[quote.start : quote.end] == quote.text


@pytest.mark.slow
def test_speakers_get_country_and_sector_from_the_actor_resolver(dev_parsed):
    pytest.importorskip("redline.actors")
    from redline.quotes import actor_context

    _, doc = dev_parsed["002_136b89d1e7c28484.txt"]
    quotes = extract_quotes(doc, "002", actors=actor_context("2021-12-13"))
    told = next(q for q in quotes if q.cue == "tell")
    assert told.speaker.country == "RUS" and told.speaker.name == "Sergei Ryabkov" and told.speaker.kb_id
    assert told.speaker.role == "Deputy Foreign Minister" and told.speaker.sector
    assert told.audience == "news agency RIA"
    assert {q.speaker.name for q in quotes} == {"Sergei Ryabkov"}


def _with_actors(parsed: dict[str, tuple[str, object]], name: str, date: str | None) -> list[Quote]:
    pytest.importorskip("redline.actors")
    from redline.quotes import actor_context

    return extract_quotes(parsed[name][1], name, actors=actor_context(date))


@pytest.mark.slow
def test_a_title_naming_someone_else_never_replaces_the_named_person(parsed):
    # On this date "Estonia's defence minister" was someone else: the text's Hanno Pevkur stays the speaker.
    quotes = _with_actors(parsed, "paragraphs.txt", "2022-02-01")
    assert {q.speaker.name for q in quotes} == {"Hanno Pevkur"}
    assert {q.speaker.country for q in quotes} == {"EST"} and quotes[0].speaker.role == "defence minister"


@pytest.mark.slow
def test_organisations_keep_their_own_name_and_get_a_country(parsed):
    quotes = _with_actors(parsed, "organisations.txt", "2022-01-10")
    readout = _by_fragment(quotes, "urged restraint")
    assert (readout.speaker.name, readout.speaker.country) == ("Pentagon", "USA")
    kremlin = _by_fragment(quotes, "fifty minutes")
    assert (kremlin.speaker.name, kremlin.speaker.country) == ("Kremlin", "RUS")


@pytest.mark.slow
def test_office_holders_come_from_the_knowledge_base_only_with_a_date(parsed):
    from redline.nlp import parse
    from redline.quotes import actor_context

    lead = parsed["reuters_kyiv.txt"][0].split("\n\n")[0]  # the lead alone never names the minister
    (doc,) = parse([lead])
    undated = _by_fragment(extract_quotes(doc, "lead", actors=actor_context(None)), "troop build-up")
    assert undated.speaker.name is None and undated.speaker.mention == "Ukraine's foreign minister"
    # The whole article names him in the next paragraph, and the knowledge base says he held that title.
    named = _by_fragment(_with_actors(parsed, "reuters_kyiv.txt", None), "troop build-up")
    assert named.speaker.name == "Dmytro Kuleba"
    dated = _by_fragment(_with_actors(parsed, "reuters_kyiv.txt", "2022-01-20"), "troop build-up")
    assert dated.speaker.name == "Dmytro Kuleba"
    tass = _by_fragment(_with_actors(parsed, "tass_briefing.txt", "2021-12-17"), "quick reaction")
    assert tass.speaker.name == "Sergei Ryabkov"  # "the senior Russian diplomat": Russian by the knowledge base


@pytest.mark.slow
def test_dev_corpus_gate_with_the_actor_resolver(dev_parsed):
    pytest.importorskip("redline.actors")
    from redline.quotes import actor_context

    gold = read_gold(QUOTES / "dev_gold.jsonl")
    texts = {name: text for name, (text, _) in dev_parsed.items()}
    predicted = [
        q
        for name, (_, doc) in dev_parsed.items()
        for q in extract_quotes(doc, name, actors=actor_context("2021-12-20"))
    ]
    scores = score_quotes(gold, texts, predicted, article_of=resolve_articles(gold, [(n, n) for n in texts]))
    _assert_floors(scores, DEV_FLOORS)


@pytest.mark.slow
def test_bench_nlp_reports_throughput_and_ratio(parsed):
    from redline.bench_nlp import bench_nlp

    texts = [text for text, _ in parsed.values()][:4]
    result = bench_nlp(texts)
    assert result["articles"] == 4 and result["quotes"] > 0
    assert result["redline_articles_per_s"] > 0 and result["bare_articles_per_s"] > 0
    assert result["ratio"] == pytest.approx(result["redline_articles_per_s"] / result["bare_articles_per_s"])


@pytest.mark.slow
def test_line_breaks_start_sentences_and_closing_marks_stay():
    from redline.nlp import parse

    text = 'Lavrov warns West\n14 December 2021\nLavrov said: "We will respond."\nThe talks ended.'
    (doc,) = parse([text])
    sentences = [sent.text.strip() for sent in doc.sents]
    assert sentences[:2] == ["Lavrov warns West", "14 December 2021"]
    assert 'Lavrov said: "We will respond."' in sentences


def test_gold_format_doc_matches_the_readme_snippet():
    """The format documented in the scorer's docstring names every field the reader accepts."""
    from redline.evaluate import quotes as module

    for field in ("article_id", "source", "text", "speaker", "kind", "start", "end"):
        assert f"``{field}``" in module.__doc__
    row = json.loads((QUOTES / "dev_gold.jsonl").read_text().splitlines()[1])
    assert set(row) <= {"article_id", "source", "text", "speaker", "kind", "start", "end"}


@pytest.mark.slow
def test_the_nato_chief_and_a_name_the_tagger_cut_short() -> None:
    """ "The NATO chief" is the Secretary General on the article's date; "Ursula von der" + "Leyen" is one name."""
    pytest.importorskip("redline.actors")
    from redline.nlp import parse
    from redline.quotes import actor_context

    text = (
        "Allies met in Brussels on Wednesday.\n\n"
        "The NATO chief stressed that allies would keep reinforcing the eastern flank.\n\n"
        "Commission President Ursula von der Leyen said the bloc was ready with sanctions.\n\n"
        "“We will respond with unity,” she said."
    )
    (doc,) = parse([text])
    quotes = extract_quotes(doc, "a", actors=actor_context("2022-01-12"))
    assert _by_fragment(quotes, "reinforcing the eastern flank").speaker.name == "Jens Stoltenberg"
    assert _by_fragment(quotes, "respond with unity").speaker.name == "Ursula von der Leyen"
