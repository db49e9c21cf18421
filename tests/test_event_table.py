"""The analyst's event table, exported with the real command from a database the real pipeline built from three
example reports (two outlets reporting the same draft treaties, so some events merge two articles).

Every format is read back (pyarrow for Parquet) and checked for its types, its row counts (one per event, or one
per actor → recipient pair), the articles' outlets, URLs and headlines, the absence of empty list elements, and
columns that match the committed codebook exactly.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, ROOT
from redline.cli import cli
from redline.event_table import codebook_markdown, event_table, table_columns, write_event_table
from redline.event_table.formats import ordered
from redline.event_table.rows import unique_actors
from redline.records import Event
from redline.store import Store

pytestmark = pytest.mark.slow

REPORTS = (
    "text/baltic-monitor_2021-12-17_russia-publishes-draft-treaties.txt",
    "text/mitteleuropa-rundschau_russland-vertragsentwuerfe.txt",
    "json/transatlantic-times_biden-putin-call.json",
)
CODEBOOK = ROOT / "docs" / "codebook.md"
DATE_COLUMNS = ("event_date", "event_date_end", "publication_date")
LIST_COLUMNS = ("actor_names", "actor_countries", "actor_sectors", "recipient_names", "recipient_countries")
LIST_COLUMNS += ("recipient_sectors", "outlets", "urls", "article_ids")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from redline.pipeline import run

    folder = tmp_path_factory.mktemp("event_table")
    inputs = folder / "inputs"
    inputs.mkdir()
    for name in REPORTS:
        shutil.copy(EXAMPLES / name, inputs)
    with Store(folder / "redline.db") as store:
        run([str(inputs)], store)
    return folder / "redline.db"


@pytest.fixture(scope="module")
def events(db: Path) -> list[Event]:
    with Store(db) as store:
        return store.events(canonical_only=True)


def export(db: Path, out: Path, fmt: str, *extra: str) -> str:
    result = CliRunner().invoke(
        cli, ["export", "events", "--db", str(db), "--format", fmt, "--out", str(out), *extra], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    return result.output


def read_back(path: Path) -> list[dict[str, Any]]:
    """The rows of an exported file, as its format gives them back."""
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def header(path: Path) -> list[str]:
    if path.suffix == ".jsonl":
        return list(json.loads(path.read_text(encoding="utf-8").splitlines()[0]))
    if path.suffix == ".csv":
        return path.read_text(encoding="utf-8").splitlines()[0].split(",")
    import pyarrow.parquet as pq

    return pq.read_schema(path).names


def documented_columns() -> list[str]:
    """Column names in the committed docs/codebook.md's column table."""
    text = CODEBOOK.read_text(encoding="utf-8").split("## Columns", 1)[1]
    return re.findall(r"^\| `([a-z_0-9]+)` \|", text, flags=re.MULTILINE)


def expected_dyads(events: list[Event]) -> int:
    """Rows of the dyadic table: actors × recipients per event, a missing side counting as one empty actor."""
    return sum(max(1, len(unique_actors(e.actor))) * max(1, len(unique_actors(e.recipient))) for e in events)


def test_the_example_reports_give_merged_and_multi_actor_events(events: list[Event]) -> None:
    """The fixture exercises what the table must handle: merged reports, several actors, a side without country."""
    assert any(len({r.article_id for r in e.reports}) > 1 for e in events)
    assert any(len(e.actor) * max(1, len(e.recipient)) > 1 for e in events)
    assert any(not a.country for e in events for a in [*e.actor, *e.recipient])
    assert any(not e.recipient for e in events)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_one_row_per_event_and_per_dyad(db: Path, events: list[Event], tmp_path: Path, fmt: str) -> None:
    per_event, per_dyad = tmp_path / f"events.{fmt}", tmp_path / f"dyads.{fmt}"
    assert f"exported {len(events)} events" in export(db, per_event, fmt)
    export(db, per_dyad, fmt, "--dyadic")
    assert [row["event_id"] for row in read_back(per_event)] == [e.id for e in events]
    dyads = read_back(per_dyad)
    assert len(dyads) == expected_dyads(events) > len(events)
    assert [row["event_id"] for row in dyads if int(row["dyad_index"]) == 0] == [e.id for e in events]
    no_recipient = {e.id for e in events if not e.recipient}
    for row in (row for row in dyads if row["event_id"] in no_recipient):
        assert all(row[f"recipient_{part}"] in (None, "") for part in ("name", "country", "sector"))


def test_every_exported_column_is_in_the_codebook_and_every_documented_one_is_exported(
    db: Path, tmp_path: Path
) -> None:
    exported: set[str] = set()
    for fmt in ("jsonl", "csv", "parquet"):
        for shape in ([], ["--dyadic"]):
            out = tmp_path / f"table{'_dyadic' if shape else ''}.{fmt}"
            export(db, out, fmt, *shape)
            names = header(out)
            assert names == [c.name for c in table_columns("dyadic" if shape else "event", fmt)]
            exported.update(names)
    assert sorted(exported) == sorted(documented_columns())
    assert len(documented_columns()) == len(set(documented_columns()))


def test_the_committed_codebook_is_the_one_the_command_prints(tmp_path: Path) -> None:
    assert CODEBOOK.read_text(encoding="utf-8") == codebook_markdown()
    printed = CliRunner().invoke(cli, ["export", "--codebook"])
    assert printed.exit_code == 0 and printed.output == codebook_markdown()
    # no database needed to read the codebook, even from the events command
    from_events = CliRunner().invoke(cli, ["export", "events", "--db", str(tmp_path / "none.db"), "--codebook"])
    assert from_events.exit_code == 0 and from_events.output == printed.output


def test_parquet_has_real_types(db: Path, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    export(db, out, "parquet")
    table = pq.read_table(out)
    for name in DATE_COLUMNS:
        assert table.schema.field(name).type == pa.date32()
    for name in LIST_COLUMNS:
        assert table.schema.field(name).type == pa.list_(pa.string())
    reports = table.schema.field("reports").type
    assert pa.types.is_list(reports) and pa.types.is_struct(reports.value_type)
    assert reports.value_type.field("publication_date").type == pa.date32()
    assert table.schema.field("quad_class").type == pa.int64()
    assert table.schema.field("negated").type == pa.bool_()
    for name in ("goldstein", "place_lat", "place_lon"):
        assert table.schema.field(name).type == pa.float64()
    rows = table.to_pylist()
    assert all(isinstance(row["event_date"], date) for row in rows)
    merged = next(row for row in rows if len(row["article_ids"]) > 1)
    assert len(merged["reports"]) == merged["report_count"] >= 2
    assert {r["article_id"] for r in merged["reports"]} == set(merged["article_ids"])
    assert all(isinstance(r["publication_date"], date) for r in merged["reports"])


def test_outlets_urls_and_headlines_come_from_the_reporting_articles(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        articles = {a.id: a for a in store.articles()}
        own_article = {e.id: e.article_id for e in store.events(canonical_only=True)}
    out = tmp_path / "events.jsonl"
    export(db, out, "jsonl")
    rows = read_back(out)
    for row in rows:
        reporting = [articles[i] for i in row["article_ids"]]
        assert row["urls"] == [a.url for a in reporting if a.url]
        assert row["outlets"] == list(dict.fromkeys(a.outlet for a in reporting if a.outlet))
        assert row["headline"] == articles[own_article[row["event_id"]]].title
        assert row["publication_date"] == min(a.published[:10] for a in reporting)
        assert row["outlet_count"] == len(row["outlets"])
    assert any(len(row["urls"]) == 2 and len(row["outlets"]) == 2 for row in rows)


@pytest.mark.parametrize("shape", [[], ["--dyadic"]])
def test_no_empty_elements_in_multi_valued_cells(db: Path, tmp_path: Path, shape: list[str]) -> None:
    jsonl, table = tmp_path / "events.jsonl", tmp_path / "events.csv"
    export(db, jsonl, "jsonl", *shape)
    export(db, table, "csv", *shape)
    for row in read_back(jsonl):
        for name in (n for n in LIST_COLUMNS if n in row):
            assert isinstance(row[name], list) and all(isinstance(v, str) and v.strip() for v in row[name])
    for row in read_back(table):
        for name in (n for n in LIST_COLUMNS if n in row):
            assert row[name] == "" or "" not in [part.strip() for part in row[name].split(";")], row[name]


def test_an_actor_without_a_country_adds_no_blank_country(db: Path, events: list[Event]) -> None:
    """The case the issue names: a side with USA and an actor of unknown country is "USA", not "USA;"."""
    event = next(e for e in events if len(e.actor) > 1 and any(not a.country for a in e.actor))
    with Store(db) as store:
        row = next(r for r in event_table(store) if r["event_id"] == event.id)
    assert row["actor_countries"] == list(dict.fromkeys(a.country for a in event.actor if a.country))
    assert len(row["actor_names"]) == len(unique_actors(event.actor))


def test_csv_cells_are_flat_text(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    export(db, out, "csv")
    rows = read_back(out)
    assert "reports" not in rows[0]
    merged = next(row for row in rows if ";" in row["article_ids"])
    assert len(merged["urls"].split(";")) == 2 and not merged["urls"].startswith("[")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["event_date"]) for row in rows)


def test_an_empty_database_exports_typed_empty_tables(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert write_event_table(store, "parquet", str(tmp_path / "empty.parquet"), dyadic=True) == 0
    schema = pq.read_schema(tmp_path / "empty.parquet")
    assert schema.names == [c.name for c in table_columns("dyadic", "parquet")]
    assert write_event_table(store, "csv", str(tmp_path / "empty.csv")) == 0
    assert (tmp_path / "empty.csv").read_text().strip().split(",") == [c.name for c in table_columns("event", "csv")]


def test_a_row_the_codebook_does_not_document_is_refused() -> None:
    with pytest.raises(ValueError, match="extra \\['undocumented'\\]"):
        ordered({"undocumented": 1}, "event", "jsonl")


def test_records_keep_the_full_event_shape(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "records.jsonl"
    export(db, out, "jsonl", "--records")
    record = read_back(out)[0]
    assert {"trigger", "rule", "actor", "disagreements", "report_count"} <= set(record)
    refused = CliRunner().invoke(cli, ["export", "events", "--db", str(db), "--records", "--dyadic"])
    assert refused.exit_code == 2 and "--records" in refused.output


def test_to_pandas_gives_typed_columns(db: Path) -> None:
    pandas = pytest.importorskip("pandas")
    import redline

    with Store(db) as store:
        frame = redline.to_pandas(store, dyadic=True)
        events = store.events(canonical_only=True)
        with pytest.raises(ValueError, match="events"):
            redline.to_pandas(store, table="quotes")
    assert len(frame) == expected_dyads(events)
    for name in DATE_COLUMNS:
        assert pandas.api.types.is_datetime64_any_dtype(frame[name])
    assert frame["event_date"].notna().all()
    for name in ("outlets", "urls", "article_ids", "reports"):
        assert frame[name].dtype == object and all(isinstance(v, list) for v in frame[name])
    assert frame["quad_class"].dtype == "int64" and frame["negated"].dtype == bool
    assert frame["goldstein"].dtype == "float64"


def test_to_pandas_without_pandas_says_how_to_install_it(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    import redline

    monkeypatch.setitem(sys.modules, "pandas", None)  # what `import pandas` meets when it is not installed
    with Store(db) as store, pytest.raises(ImportError, match=r"redline\[analysis\]"):
        redline.to_pandas(store)
