"""The PolNeAR evaluator: brat attributions read right, hits and speakers judged as documented.

The unit tests use an article and annotations written for them; the dev-split test reads ../shared/gold/polnear_dev
(never copied into the repository) and skips without it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.errors import GoldFormatError
from redline.evaluate.polnear import read_ann, read_articles, same_source, score, split_of
from redline.records import Quote, Speaker

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "gold" / "polnear_dev"

TEXT = (
    "The senator said the bill was dead. “We will try again,” she added. Polls show voters are tired.\n"
    "Her aide declined to comment."
)


def _span(text: str, part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


def _ann() -> str:
    rows = []
    for n, (label, part) in enumerate(
        [
            ("Source", "The senator"),
            ("Cue", "said"),
            ("Content", "the bill was dead"),
            ("Source", "she"),
            ("Cue", "added"),
            ("Content", "“We will try again,”"),
            ("Source", "Polls"),
            ("Cue", "show"),
            ("Content", "voters are tired"),
        ],
        1,
    ):
        start, end = _span(TEXT, part)
        rows.append(f"T{n}\t{label} {start} {end}\t{part}")
    rows += ["E1\tContent:T3 Cue:T2 Source:T1", "E2\tContent:T6 Cue:T5 Source:T4", "E3\tContent:T9 Cue:T8 Source:T7"]
    return "\n".join(rows) + "\n"


def _quote(part: str, speaker: Speaker) -> Quote:
    start, end = _span(TEXT, part)
    return Quote(id=part, article_id="a", text=part, kind="indirect", cue="say", speaker=speaker,
                 sentence_index=0, start=start, end=end)  # fmt: skip


def _lemmas(start: int, end: int) -> list[str]:
    return [{"said": "say", "added": "add", "show": "show"}.get(w, w) for w in TEXT[start:end].split()]


def test_brat_attributions_are_read_with_sources_and_cues():
    gold = read_ann(TEXT, _ann())
    assert [g.source_text for g in gold] == ["The senator", "she", "Polls"]
    assert [g.cue_text for g in gold] == ["said", "added", "show"]
    assert gold[0].size == len("the bill was dead")
    with pytest.raises(GoldFormatError):
        read_ann(TEXT, "T1\tSource x y\tbad\n")


def test_hits_speech_recall_and_speakers_follow_the_documented_rules():
    from redline.evaluate.polnear import PolnearArticle

    article = PolnearArticle("a", TEXT, "2016-10-01", read_ann(TEXT, _ann()))
    predicted = {
        "a": [
            _quote("the bill was dead", Speaker(mention="The senator", name="Jane Roe")),
            _quote("We will try again", Speaker(mention="she", name="Jane Roe")),  # the pronoun is the source
            _quote("declined to comment", Speaker(mention="Her aide")),  # no gold attribution: spurious
        ]
    }
    scores = score([article], predicted, {"a": _lemmas})
    assert (scores.predicted, scores.hits) == (3, 2)
    assert (scores.gold_speech, scores.found_speech) == (2, 2)  # "Polls show" is an attribution, not speech
    assert (scores.gold_all, scores.found_all) == (3, 2)
    assert scores.speaker_judged == 2 and scores.speaker_correct == 2
    assert scores.precision == pytest.approx(2 / 3)


def test_source_matching_by_name_mention_and_pronoun():
    assert same_source("Republican nominee Donald Trump", Speaker(mention="Trump", name="Donald Trump"))
    assert same_source("he", Speaker(mention="he", name="Tim Kaine"))
    assert not same_source("he", Speaker(mention="Kaine", name="Tim Kaine"))
    assert same_source("a campaign aide", Speaker(mention="a campaign aide"))
    assert not same_source("The Post", Speaker(mention="the senator", name="Jane Roe"))


def test_split_alternates_within_each_outlet():
    names = [f"nyt_2016-10-0{i}_x.txt" for i in range(1, 5)] + ["wash-post_2016-10-01_y.txt"]
    halves = split_of(names)
    assert [halves[n] for n in names] == ["tune", "heldout", "tune", "heldout", "tune"]


def test_dev_split_reads_every_article_with_its_annotations():
    if not POLNEAR.is_dir():
        pytest.skip("../shared/gold/polnear_dev is not present")
    tune, held = read_articles(POLNEAR, "tune"), read_articles(POLNEAR, "heldout")
    assert len(tune) == len(held) == 42 and not {a.name for a in tune} & {a.name for a in held}
    assert all(a.date and a.gold for a in tune + held)
    for article in tune[:5]:
        for gold in article.gold:
            if gold.source is not None:
                assert article.text[gold.source[0] : gold.source[1]] == gold.source_text
