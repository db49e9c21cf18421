"""Story clustering: online assignment, store state, the stage, exports, and scoring against gold.

Fast tests use a bag-of-words embedder so the online logic is tested without the model; tests marked slow run
the real USE-multilingual model on the authored resources (tests/resources/stories) and on the dev corpus.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from redline.errors import GoldFormatError, NotFoundError
from redline.evaluate.stories import bcubed, evaluate_stories, pairwise, read_gold
from redline.records import Article, Entity, Sentence
from redline.registry import STAGES
from redline.store import Store
from redline.stories import StoryParams, cluster_articles
from redline.stories.cluster import gap_days, score, story_id_for, typicality
from redline.stories.embed import text_key
from redline.stories.features import ArticleFeatures, build_features, entity_counts, lead_sentences
from redline.stories.state import StoryState

STORIES = Path(__file__).resolve().parent / "resources" / "stories"
CONTRACT_METHODS = ("events", "quotes", "set_merge", "set_statement")


class _EmptyTables:
    """Stand-ins for the events/quotes store methods while those tables are not in this checkout."""

    def events(self, **_: object) -> list:
        return []

    def quotes(self, **_: object) -> list:
        return []

    def set_merge(self, canonical: object, member_ids: Sequence[str]) -> None:
        return None

    def set_statement(self, quote_ids: Sequence[str], statement_id: str) -> None:
        return None


# Only methods the real Store lacks are filled in, so once they exist the real ones are tested.
ContractStore = type(
    "ContractStore",
    (Store,),
    {name: getattr(_EmptyTables, name) for name in CONTRACT_METHODS if not hasattr(Store, name)},
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Store]:
    with ContractStore(tmp_path / "stories.db") as store:
        yield store


def bag_of_words(texts: Sequence[str]) -> np.ndarray:
    """A model-free embedder: hashed word counts, so shared words mean similar vectors."""
    rows = np.zeros((len(texts), 256), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.lower().replace(",", " ").replace(".", " ").split():
            if len(word) > 3:
                rows[row, zlib.crc32(word.encode()) % 256] += 1.0
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def resource_articles() -> list[Article]:
    articles = []
    for line in (STORIES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles.append(Article(source=f"resources/{row['id']}", content_hash=row["id"], **row))
    return articles


def add_articles(store: Store, articles: Sequence[Article]) -> list[str]:
    for article in articles:
        store.add_article(article)
    return [article.id for article in articles]


def article(article_id: str, title: str, text: str, published: str | None = "2021-12-17", **extra: object) -> Article:
    return Article(
        id=article_id,
        text=text,
        source=article_id,
        title=title,
        published=published,
        content_hash=article_id,
        outlet=str(extra.pop("outlet", "Outlet")),
        language=str(extra.pop("language", "en")),
        **extra,  # type: ignore[arg-type]
    )


GAS = "Ukraine and Russia agree a new gas transit contract through pipelines after long negotiations in Vienna."
ELECTION = "Voters in Chile elected a new president after a tense runoff campaign about pensions and taxes."


# -- features ------------------------------------------------------------------------------------------------


def test_lead_skips_title_repeats_short_lines_and_leftover_menus() -> None:
    text = (
        "icon bookmark icon camera icon chevron icon share icon search icon tags\n"
        "Gas deal signed\n14:07, 13 December 2021\n"
        "Ukraine and Russia signed a gas deal on Monday after talks in Vienna. Prices fell.\n"
        "Officials said the contract runs for five more years from January."
    )
    lead = lead_sentences(article("a", "Gas deal signed", text))
    assert lead == [
        "Ukraine and Russia signed a gas deal on Monday after talks in Vienna.",
        "Officials said the contract runs for five more years from January.",
    ]


def test_entities_come_from_the_parse_when_stored_and_from_capitalised_runs_otherwise() -> None:
    item = article(
        "a", "Talks in Vienna", "The Russian Foreign Ministry said Sergei Ryabkov would travel to Vienna soon."
    )
    found = entity_counts(item)
    assert "sergei ryabkov" in found and "vienna" in found
    parsed = [Sentence("a", 0, 0, 10, "x", [Entity("the Kremlin's", "ORG", 0, 12), Entity("Monday", "DATE", 13, 19)])]
    assert entity_counts(item, parsed, actor_codes=["RUS"]) == {"kremlin": 1, "@RUS": 1}


def test_features_embed_title_and_lead_in_one_call_and_have_unit_length() -> None:
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> np.ndarray:
        calls.append(len(texts))
        return bag_of_words(texts)

    items = [article("a", "Gas deal", GAS), article("b", "", ELECTION, published=None)]
    features = build_features(items, counting)
    assert calls == [3]
    assert all(abs(float(np.linalg.norm(f.vector)) - 1.0) < 1e-5 for f in features)
    assert features[0].date == "2021-12-17" and features[1].date is None


# -- scoring rules -------------------------------------------------------------------------------------------


def test_gap_days_is_zero_inside_the_span_and_none_when_undated() -> None:
    assert gap_days("2021-12-15", "2021-12-13", "2021-12-20") == 0
    assert gap_days("2021-12-10", "2021-12-13", "2021-12-20") == 3
    assert gap_days("2021-12-28", "2021-12-13", "2021-12-20") == 8
    assert gap_days(None, "2021-12-13", "2021-12-20") is None


def _state(
    vector: np.ndarray, start: str | None, end: str | None, entities: dict[str, int] | None = None
) -> StoryState:
    return StoryState(id="s", centroid=vector.copy(), size=1, entities=entities or {}, start=start, end=end)


def test_a_dated_article_never_joins_a_story_beyond_the_window() -> None:
    vector = np.ones(4, dtype=np.float32) / 2
    features = ArticleFeatures("a", vector, date="2021-12-28")
    params = StoryParams(window_days=7)
    assert score(features, _state(vector, "2021-12-13", "2021-12-20"), params) is None
    near = score(features, _state(vector, "2021-12-14", "2021-12-21"), params)
    assert near is not None and near == pytest.approx(1.0 - params.time_weight)


def test_entity_typicality_is_the_share_of_members_mentioning_each_entity() -> None:
    state = StoryState(id="s", centroid=np.zeros(2), size=4, entities={"nato": 4, "ukraine": 2})
    assert typicality({"nato": 1, "ukraine": 1, "chile": 1}, state) == pytest.approx((1 + 0.5 + 0) / 3)
    assert typicality({}, state) == 0.0


def test_a_story_keeps_its_title_unless_a_closer_or_english_one_joins(db: Store) -> None:
    def topic(texts: Sequence[str]) -> np.ndarray:
        return np.array([[1.0, 0.2 if "Deutsch" in text else 0.0] for text in texts], dtype=np.float32)

    add_articles(db, [article("de", "Deutscher Titel zum Gas", GAS, language="de", title_language="de")])
    cluster_articles(db, ["de"], embed=topic)
    assert db.story(story_id_for("de")).title == "Deutscher Titel zum Gas"
    add_articles(db, [article("en", "Gas transit contract agreed", GAS, published="2021-12-18")])
    cluster_articles(db, ["en"], embed=topic)
    assert db.story(story_id_for("de")).title == "Gas transit contract agreed"  # English wins
    add_articles(db, [article("de-2", "Noch ein Deutscher Titel", GAS, published="2021-12-19", title_language="de")])
    cluster_articles(db, ["de-2"], embed=topic)
    assert db.story(story_id_for("de")).title == "Gas transit contract agreed"  # never back to German


# -- online clustering through the store ---------------------------------------------------------------------


def test_similar_articles_join_and_unrelated_ones_found_stories(db: Store) -> None:
    ids = add_articles(
        db,
        [
            article("gas-1", "Gas transit contract agreed", GAS, outlet="A"),
            article("vote-1", "Chile elects a president", ELECTION, outlet="A"),
            article("gas-2", "Gas transit contract agreed in Vienna", GAS + " Europe welcomed it.", outlet="B"),
        ],
    )
    touched = cluster_articles(db, ids, embed=bag_of_words)
    assert db.story_of("gas-1") == db.story_of("gas-2") == story_id_for("gas-1")
    assert db.story_of("vote-1") == story_id_for("vote-1")
    assert touched == {story_id_for("gas-1"): ["gas-1", "gas-2"], story_id_for("vote-1"): ["vote-1"]}
    story = db.story(story_id_for("gas-1"))
    assert story.articles == ["gas-1", "gas-2"] and story.outlets == ["A", "B"]
    assert (story.start, story.end) == ("2021-12-17", "2021-12-17")


def test_clustering_is_incremental_and_idempotent(db: Store) -> None:
    add_articles(db, [article("gas-1", "Gas transit contract agreed", GAS)])
    cluster_articles(db, ["gas-1"], embed=bag_of_words)
    before = db.story_state(story_id_for("gas-1"))
    assert before.size == 1
    add_articles(db, [article("gas-2", "Gas transit deal", GAS, published="2021-12-19")])
    assert cluster_articles(db, ["gas-2"], embed=bag_of_words) == {story_id_for("gas-1"): ["gas-2"]}
    after = db.story_state(story_id_for("gas-1"))
    # The stored centroid is a running sum: the new member was added, nothing was recomputed.
    assert after.size == 2 and (after.start, after.end) == ("2021-12-17", "2021-12-19")
    assert float(np.linalg.norm(after.centroid)) > float(np.linalg.norm(before.centroid))
    assert cluster_articles(db, ["gas-1", "gas-2"], embed=bag_of_words) == {}
    assert db.story_assignments() == {"gas-1": story_id_for("gas-1"), "gas-2": story_id_for("gas-1")}


def test_same_words_weeks_apart_are_different_stories(db: Store) -> None:
    ids = add_articles(
        db,
        [
            article("gas-dec", "Gas transit contract agreed", GAS, published="2021-12-01"),
            article("gas-jan", "Gas transit contract agreed", GAS, published="2022-01-10"),
        ],
    )
    cluster_articles(db, ids, embed=bag_of_words)
    assert db.story_of("gas-dec") != db.story_of("gas-jan")


def test_undated_articles_join_on_content_alone(db: Store) -> None:
    ids = add_articles(
        db,
        [
            article("gas-1", "Gas transit contract agreed", GAS),
            article("gas-undated", "Gas transit contract agreed", GAS, published=None),
            article("vote-undated", "Chile elects a president", ELECTION, published=None),
        ],
    )
    cluster_articles(db, ids, embed=bag_of_words)
    assert db.story_of("gas-undated") == db.story_of("gas-1")
    assert db.story_of("vote-undated") not in (None, db.story_of("gas-1"))


def test_duplicates_join_their_original_without_moving_the_centroid(db: Store) -> None:
    ids = add_articles(
        db,
        [
            article("gas-1", "Gas transit contract agreed", GAS),
            article("vote-1", "Chile elects a president", ELECTION),
            # A syndicated copy whose wording drifted towards the other story still follows its original.
            article("gas-copy", "Chile", ELECTION, published="2021-12-18", duplicate_of="gas-1"),
        ],
    )
    cluster_articles(db, ids, embed=bag_of_words)
    assert db.story_of("gas-copy") == db.story_of("gas-1")
    state = db.story_state(db.story_of("gas-1") or "")
    assert state.size == 1 and state.end == "2021-12-18"


def test_whichever_copy_is_placed_first_is_scored_and_the_other_follows_it(db: Store) -> None:
    """Duplication is read in both directions: which copy ingest saw first never decides the story."""
    add_articles(
        db,
        [
            article("orig", "Gas transit contract agreed", GAS),
            article("copy", "Chile", ELECTION, duplicate_of="orig"),
            article("vote-1", "Chile elects a president", ELECTION),
        ],
    )
    # The copy comes first: it is scored on its own words (and joins the election story) ...
    cluster_articles(db, ["vote-1", "copy"], embed=bag_of_words)
    assert db.story_of("copy") == db.story_of("vote-1")
    # ... and its original, placed later, follows it without being scored.
    assert cluster_articles(db, ["orig"], embed=bag_of_words) == {story_id_for("vote-1"): ["orig"]}
    assert db.story_state(story_id_for("vote-1")).size == 2  # the follower adds no vector


def test_stories_listing_and_lookups(db: Store) -> None:
    ids = add_articles(
        db,
        [
            article("gas-1", "Gas transit contract agreed", GAS, published="2021-12-01"),
            article("vote-1", "Chile elects a president", ELECTION, published="2021-12-19"),
            article("vote-2", "Chile votes", ELECTION, published="2021-12-20", language="es"),
        ],
    )
    cluster_articles(db, ids, embed=bag_of_words)
    recent = db.stories()
    assert [s.articles for s in recent] == [["vote-1", "vote-2"], ["gas-1"]]
    assert recent[0].languages == ["en", "es"]
    assert [s.articles for s in db.stories(since="2021-12-10")] == [["vote-1", "vote-2"]]
    assert [s.articles for s in db.stories(until="2021-12-10")] == [["gas-1"]]
    assert db.stories(order="size", limit=1)[0].articles == ["vote-1", "vote-2"]
    assert db.story_of("missing") is None
    with pytest.raises(NotFoundError):
        db.story("story-missing")


def test_migrations_are_named_04(db: Store) -> None:
    names = {"0401_stories", "0402_text_vectors", "0403_act_reports", "0404_story_days", "0405_act_report_words"}
    assert names <= set(db.migrations_applied())


# -- the stage -----------------------------------------------------------------------------------------------


def test_stage_is_registered_with_its_contract() -> None:
    import redline.stages.stories  # noqa: F401  (registers on import)

    item = STAGES["stories"]
    assert item.requires == ("events", "quotes") and item.provides == ("stories",) and item.per_article


def test_stage_clusters_marks_done_and_tolerates_empty_event_tables(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.stages.stories as stage_module

    monkeypatch.setattr(stage_module, "embed_texts", bag_of_words)
    ids = add_articles(
        db, [article("gas-1", "Gas transit contract agreed", GAS), article("gas-2", "Gas transit contract", GAS)]
    )
    calls: list[tuple[int, int | None]] = []

    def progress(stage: str, *, advance: int = 0, total: int | None = None) -> None:
        assert stage == "stories"
        calls.append((advance, total))

    assert stage_module.cluster_pending(db, ids, progress) == 2
    assert db.pending("stories") == []
    assert calls == [(0, 2), (2, None)]
    assert len(db.stories()) == 1
    # Sentence vectors are cached in the store, so a later re-merge does not embed them again.
    assert db.cached_vectors([text_key("Gas transit contract agreed")])


def test_stage_links_one_statement_reported_by_two_outlets(db: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    if not hasattr(Store, "add_quotes"):
        pytest.skip("the quotes table is not in this checkout yet")
    import redline.stages.stories as stage_module
    from redline.records import Quote, Speaker

    monkeypatch.setattr(stage_module, "embed_texts", bag_of_words)
    ids = add_articles(
        db,
        [
            article("gas-1", "Gas transit contract agreed", GAS, outlet="A"),
            article("gas-2", "Gas transit contract agreed", GAS, outlet="B"),
        ],
    )
    speaker = Speaker(mention="Novak", name="Alexander Novak", country="RUS")
    said = ["The contract secures transit through pipelines for five more years", "We expect record prices"]
    for article_id in ids:
        db.add_quotes(
            article_id,
            [
                Quote(f"{article_id}-q{n}", article_id, text, "direct", "said", speaker, n, 0, len(text))
                for n, text in enumerate(said)
            ],
        )
    stage_module.cluster_pending(db, ids, lambda *a, **k: None)
    statements = {q.id: q.statement_id for q in db.quotes()}
    assert statements["gas-1-q0"] == statements["gas-2-q0"] != statements["gas-1-q1"]
    assert statements["gas-1-q1"] == statements["gas-2-q1"] and all(statements.values())


# -- CLI -----------------------------------------------------------------------------------------------------


@pytest.fixture
def clustered_db(tmp_path: Path) -> Path:
    path = tmp_path / "cli.db"
    with ContractStore(path) as store:
        ids = add_articles(
            store,
            [
                article("gas-1", "Gas transit contract agreed", GAS, outlet="A"),
                article("gas-2", "Gas transit contract agreed in Vienna", GAS, outlet="B"),
                article("vote-1", "Chile elects a president", ELECTION, outlet="A", published="2021-12-19"),
            ],
        )
        cluster_articles(store, ids, embed=bag_of_words)
    return path


def _cli() -> object:
    from redline.cli import cli

    return cli


def test_cli_lists_and_exports_stories(clustered_db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    listing = runner.invoke(_cli(), ["stories", "--db", str(clustered_db)])
    assert listing.exit_code == 0, listing.output
    assert "Gas transit contract agreed" in listing.output and "Chile elects a president" in listing.output

    jsonl = runner.invoke(_cli(), ["export", "stories", "--db", str(clustered_db), "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert rows[0]["articles"] == ["gas-1", "gas-2"] and rows[0]["outlets"] == ["A", "B"]
    assert {"id", "title", "articles", "outlets", "languages", "start", "end"} <= set(rows[0])

    out = tmp_path / "stories.csv"
    result = runner.invoke(
        _cli(), ["export", "stories", "--db", str(clustered_db), "--format", "csv", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert json.loads(table[0]["articles"]) == ["gas-1", "gas-2"]

    parquet = tmp_path / "stories.parquet"
    args = ["export", "stories", "--db", str(clustered_db), "--format", "parquet", "--out", str(parquet)]
    result = runner.invoke(_cli(), args)
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    assert pq.read_table(parquet).to_pylist()[1]["articles"] == ["vote-1"]


def test_cli_eval_stories_prints_pairwise_and_bcubed(clustered_db: Path, tmp_path: Path) -> None:
    gold = tmp_path / "gold.tsv"
    gold.write_text("article_id\tstory_id\ngas-1\tg\ngas-2\tg\nvote-1\tv\n", encoding="utf-8")
    result = CliRunner().invoke(_cli(), ["eval", "stories", str(gold), "--db", str(clustered_db), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["pairwise"]["f1"] == 1.0 and scores["bcubed"]["f1"] == 1.0
    assert scores["articles"] == {"gold": 3, "clustered": 3}
    text = CliRunner().invoke(_cli(), ["eval", "stories", str(gold), "--db", str(clustered_db)])
    assert "pairwise" in text.output and "bcubed" in text.output
    bad = tmp_path / "bad.tsv"
    bad.write_text("only-one-column\n", encoding="utf-8")
    failed = CliRunner().invoke(_cli(), ["eval", "stories", str(bad), "--db", str(clustered_db)])
    assert failed.exit_code != 0 and "E500" in failed.output


# -- scoring -------------------------------------------------------------------------------------------------


def test_pairwise_and_bcubed_match_hand_computed_values() -> None:
    # Gold: {a, b, c} {d, e}.  System: {a, b} {c, d, e}.
    gold = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    system = {"a": "x", "b": "x", "c": "y", "d": "y", "e": "y"}
    # Pairs: system {ab, cd, ce, de}; gold {ab, ac, bc, de}; shared {ab, de}.
    pair = pairwise(gold, system)
    assert (pair.precision, pair.recall) == (pytest.approx(2 / 4), pytest.approx(2 / 4))
    assert pair.f1 == pytest.approx(0.5)
    # BCubed precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15.
    # BCubed recall per item:    a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15.
    cube = bcubed(gold, system)
    assert cube.precision == pytest.approx(11 / 15) and cube.recall == pytest.approx(11 / 15)
    assert cube.f1 == pytest.approx(11 / 15)


def test_unclustered_gold_articles_are_singletons_and_extra_system_articles_are_ignored() -> None:
    gold = {"a": "1", "b": "1"}
    system = {"a": "x", "z": "x"}
    assert pairwise(gold, system).precision == 1.0  # no system pair among gold articles: nothing wrong claimed
    assert pairwise(gold, system).recall == 0.0
    cube = bcubed(gold, system)
    assert (cube.precision, cube.recall) == (1.0, 0.5)
    assert evaluate_stories({}, {})["bcubed"].f1 == 1.0


def test_read_gold_accepts_tsv_and_jsonl_and_rejects_contradictions(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("article_id\tstory_id\n\na\t1\n# comment\nb\t1\n", encoding="utf-8")
    assert read_gold(tsv) == {"a": "1", "b": "1"}
    jsonl = tmp_path / "g.jsonl"
    jsonl.write_text('{"article_id": "a", "story_id": 7}\n', encoding="utf-8")
    assert read_gold(jsonl) == {"a": "7"}
    twice = tmp_path / "twice.tsv"
    twice.write_text("a\t1\na\t2\n", encoding="utf-8")
    with pytest.raises(GoldFormatError):
        read_gold(twice)
    with pytest.raises(GoldFormatError):
        read_gold(tmp_path / "missing.tsv")


# -- with the real multilingual model ------------------------------------------------------------------------


@pytest.mark.slow
def test_resources_cluster_exactly_as_the_gold_says(db: Store) -> None:
    from redline.stories import embed_texts

    ids = add_articles(db, resource_articles())
    cluster_articles(db, ids, embed=embed_texts)
    scores = evaluate_stories(read_gold(STORIES / "gold.tsv"), db.story_assignments())
    assert scores["bcubed"].f1 == 1.0 and scores["pairwise"].f1 == 1.0
    # The machine-translated German copy joined its English original, whose title the story keeps.
    story = db.story(db.story_of("guar-en-1") or "")
    assert "guar-de-1" in story.articles and story.languages == ["de", "en"]
    assert story.title == "Moscow publishes draft treaties demanding NATO halt its eastward expansion"


@pytest.mark.slow
def test_clustering_does_not_depend_much_on_arrival_order(tmp_path: Path) -> None:
    from redline.stories import cached_embedder, embed_texts

    gold = read_gold(STORIES / "gold.tsv")
    articles = resource_articles()
    originals = [a for a in articles if a.duplicate_of is None]
    copies = [a for a in articles if a.duplicate_of is not None]
    for seed in range(3):
        order = originals[:]
        random.Random(seed).shuffle(order)
        with ContractStore(tmp_path / f"order-{seed}.db") as store:
            ids = add_articles(store, order + copies)
            cluster_articles(store, ids, embed=cached_embedder(store, embed_texts))
            assert evaluate_stories(gold, store.story_assignments())["bcubed"].f1 >= 0.9, seed


@pytest.mark.slow
def test_dev_corpus_is_one_story(db: Store, dev_corpus: list[Path]) -> None:
    from redline.ingest import ingest_paths
    from redline.stories import embed_texts

    ingest_paths([str(path) for path in dev_corpus], db)
    ids = db.article_ids()
    assert len(ids) == 3
    cluster_articles(db, ids, embed=embed_texts)
    stories = db.stories()
    assert len(stories) == 1 and sorted(stories[0].articles) == sorted(ids)
    assert stories[0].title  # an English title from one of the reports
    assert (stories[0].start, stories[0].end) == ("2021-12-13", "2021-12-21")


@pytest.mark.slow
def test_dev_corpus_through_the_pipeline_gives_one_story_whose_acts_hold_every_report(
    store: Store, dev_corpus: list[Path], tmp_path: Path
) -> None:
    from markupsafe import escape

    from redline.pipeline import load_stages, run
    from redline.report import build_report
    from redline.stories import report_count

    load_stages()
    if not {"events", "quotes"} <= set(STAGES) or not all(hasattr(Store, name) for name in CONTRACT_METHODS):
        pytest.skip("the events and quotes stages are not in this checkout yet")
    run([str(path) for path in dev_corpus], store)
    (story,) = store.stories()
    assert len(story.articles) == 3
    every = store.events()
    canonical = store.events(canonical_only=True)
    # Each report is counted in exactly one canonical event, which carries the story id.
    assert sum(report_count(event) for event in canonical) == len(every)
    assert all(event.story_id == story.id for event in canonical)
    assert set(store.event_acts(story.articles).values()) == {event.id for event in canonical}
    html = build_report(store, tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"<h3>{escape(story.title)}</h3>" in html


@pytest.mark.slow
def test_examples_corpus_translation_and_copies_follow_their_originals(db: Store) -> None:
    from redline.ingest import ingest_paths
    from redline.stories import embed_texts

    examples = Path(__file__).resolve().parents[1] / "examples"
    if not examples.is_dir():
        pytest.skip("examples/ is not in this checkout")
    ingest_paths([str(examples)], db)
    cluster_articles(db, db.article_ids(), embed=embed_texts)
    articles = db.articles()
    german = [a for a in articles if (a.title_language or "") == "de"]
    assert german, "the examples hold a German-titled machine translation"

    def same_day_english(copy: Article) -> list[Article]:
        day = (copy.published or "")[:10]
        return [a for a in articles if a.id != copy.id and (a.published or "")[:10] == day and a.title_language == "en"]

    for copy in german:
        assert any(db.story_of(a.id) == db.story_of(copy.id) for a in same_day_english(copy))
    for copy in (a for a in articles if a.duplicate_of):
        assert db.story_of(copy.id) == db.story_of(copy.duplicate_of or "")
    # Several real events, not one blob: the corpus spans two months of distinct meetings.
    assert len(db.stories()) >= 5


@pytest.mark.slow
def test_eval_stories_cli_takes_gold_keyed_by_the_inputs_own_ids(tmp_path: Path) -> None:
    """Gold written before ingest names articles by their input ids; the eval maps them to Redline ids."""
    from click.testing import CliRunner

    from redline.cli import cli
    from redline.pipeline import run

    resources = Path(__file__).resolve().parent / "resources" / "stories"
    db_path = tmp_path / "stories.db"
    with Store(db_path) as db:
        run([str(resources / "articles.jsonl")], db)
    result = CliRunner().invoke(cli, ["eval", "stories", str(resources / "gold.tsv"), "--db", str(db_path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["articles"] == {"gold": 11, "clustered": 11}
    assert scores["bcubed"]["f1"] >= 0.9 and scores["pairwise"]["f1"] >= 0.9
