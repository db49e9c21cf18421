"""Tests for the quotes stage and its commands: `redline quotes`, `export quotes`, `eval quotes`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import cli
from redline.cli.quotes import EXPORT_FIELDS
from redline.records import Article
from redline.registry import STAGES, no_progress
from redline.store import Store

QUOTES = Path(__file__).resolve().parent / "resources" / "quotes"
ARTICLES = ("split.txt", "organisations.txt", "unknown.txt")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with three hard-case articles, parsed and with their quotes extracted."""
    from redline.stages.nlp import parse_pending
    from redline.stages.quotes import extract_pending

    path = tmp_path_factory.mktemp("quotes") / "redline.db"
    with Store(path) as store:
        for name in ARTICLES:
            text = (QUOTES / "hard" / name).read_text(encoding="utf-8")
            store.add_article(
                Article(id=name.removesuffix(".txt"), text=text, source=f"inbox/{name}", content_hash=name)
            )
        ids = store.pending("nlp")
        parse_pending(store, ids, no_progress)
        assert extract_pending(store, store.pending("quotes"), no_progress) > 0
    return path


def invoke(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stage_is_registered_after_the_parse():
    import redline.stages.quotes  # noqa: F401

    assert STAGES["quotes"].requires == ("docs",) and STAGES["quotes"].provides == ("quotes",)


def test_stage_marks_articles_done_and_a_rerun_adds_nothing(db: Path):
    from redline.stages.quotes import extract_pending

    with Store(db) as store:
        before = [q.id for q in store.quotes()]
        assert store.pending("quotes") == []
        for quote in store.quotes():
            assert store.article(quote.article_id).text[quote.start : quote.end] == quote.text
        assert extract_pending(store, ["split"], no_progress) == len(store.quotes(article_ids=["split"]))
        assert [q.id for q in store.quotes()] == before


def test_stage_leaves_an_unparsed_article_pending(tmp_path: Path):
    from redline.stages.quotes import extract_pending

    with Store(tmp_path / "r.db") as store:
        store.add_article(Article(id="x", text="He said so.", source="x.txt", content_hash="x"))
        assert extract_pending(store, ["x"], no_progress) == 0
        assert store.pending("quotes") == ["x"]


def test_quotes_command_lists_and_filters(db: Path):
    table = invoke("quotes", "--db", str(db))
    assert "Jens Stoltenberg" in table and "Pentagon" in table
    rows = [
        json.loads(line) for line in invoke("quotes", "--db", str(db), "--speaker", "stolten", "--json").splitlines()
    ]
    assert rows and all("Stoltenberg" in row["speaker"]["name"] for row in rows)
    only = invoke("quotes", "--db", str(db), "--article", "unknown", "--json").splitlines()
    assert {json.loads(line)["article_id"] for line in only} == {"unknown"}


def test_export_quotes_as_jsonl_csv_and_parquet(db: Path, tmp_path: Path):
    rows = [json.loads(line) for line in invoke("export", "quotes", "--db", str(db), "--format", "jsonl").splitlines()]
    assert rows and list(rows[0]) == [*EXPORT_FIELDS, "statement_id"]
    assert set(rows[0]["speaker"]) >= {"mention", "name", "country", "sector", "role"}
    assert {row["kind"] for row in rows} <= {"direct", "indirect", "mixed"}

    table = list(csv.DictReader(io.StringIO(invoke("export", "quotes", "--db", str(db), "--format", "csv"))))
    assert len(table) == len(rows) and "speaker.name" in table[0]

    import pyarrow.parquet as pq

    out = tmp_path / "quotes.parquet"
    invoke("export", "quotes", "--db", str(db), "--format", "parquet", "--out", str(out))
    parquet = pq.read_table(out)
    assert parquet.num_rows == len(rows) and "speaker" in parquet.column_names


def test_eval_quotes_scores_against_gold(db: Path, tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    lines = [
        line
        for line in (QUOTES / "hard_gold.jsonl").read_text(encoding="utf-8").splitlines()
        if any(f'"{name}"' in line for name in ARTICLES)
    ]
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = invoke("eval", "quotes", str(gold), "--db", str(db))
    assert "precision 1.000" in report and "recall 1.000" in report and "0 wrong" in report
    scores = json.loads(invoke("eval", "quotes", str(gold), "--db", str(db), "--json"))
    assert scores["gold"] == len(lines) and scores["speaker_accuracy"] == 1.0


def test_eval_quotes_rejects_a_bad_gold_file(db: Path, tmp_path: Path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"text": "no article given"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "quotes", str(gold), "--db", str(db)])
    assert result.exit_code != 0 and "E500" in result.output
