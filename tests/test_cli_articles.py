"""The ingest-side commands as a user runs them: ingest, articles, show, quarantine, export."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
from click.testing import CliRunner

from redline.cli import cli
from redline.store import Store

EXPORT_FIELDS = {
    "id",
    "title",
    "text",
    "published",
    "outlet",
    "url",
    "language",
    "title_language",
    "translated",
    "duplicate_of",
    "source",
    "removed",
}


def invoke(*args: str, input: str | None = None):
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return result


def test_ingest_list_show_and_quarantine(tmp_path: Path, resources: Path) -> None:
    db = str(tmp_path / "r.db")
    result = invoke("ingest", str(resources / "ingest"), "--db", db, "--silent")
    assert result.exit_code == 0
    assert "added 13, already stored 0, quarantined 3" in result.output
    listing = invoke("articles", "--db", db, "--outlet", "alliance-watch.org")
    assert "Stoltenberg: Russia has no veto over Ukraine joining NATO" in listing.output
    article_id = listing.output.split()[0]
    shown = invoke("show", article_id, "--db", db, "--removed")
    assert "published       2022-01-12T16:45:00+01:00" in shown.output
    assert "[html_boilerplate] Subscribe to our newsletter" in shown.output
    quarantined = invoke("quarantine", "--db", db)
    assert "bad_json" in quarantined.output and "lines.jsonl#3" in quarantined.output
    again = invoke("ingest", str(resources / "ingest"), "--db", db, "--silent")
    assert again.exit_code == 0 and "added 0, already stored 13" in again.output


def test_show_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    Store(tmp_path / "r.db").close()  # an existing, empty database (a missing one is refused, see test_cli_validation)
    result = CliRunner().invoke(cli, ["show", "nope", "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 1
    assert "no article with id 'nope'" in result.output


def test_nothing_ingested_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(cli, ["ingest", str(empty), "--db", str(tmp_path / "r.db"), "--silent"])
    assert result.exit_code == 1
    assert "nothing could be ingested" in result.output


def test_stdin(tmp_path: Path, resources: Path) -> None:
    text = (resources / "ingest" / "no_date.txt").read_text()
    db = str(tmp_path / "r.db")
    result = invoke("ingest", "-", "--db", db, "--silent", input=text)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in invoke("export", "articles", "--db", db).stdout.splitlines()]
    assert rows[0]["source"] == "-"
    assert rows[0]["title"] == "Lithuania asks allies for more troops on NATO's eastern flank"


def test_exports_jsonl_csv_parquet(tmp_path: Path, resources: Path) -> None:
    db = str(tmp_path / "r.db")
    invoke("ingest", str(resources / "ingest"), "--db", db, "--silent")
    rows = [
        json.loads(line) for line in invoke("export", "articles", "--db", db, "--format", "jsonl").stdout.splitlines()
    ]
    assert len(rows) == 13 and set(rows[0]) >= EXPORT_FIELDS
    translated = next(r for r in rows if r["translated"])
    assert translated["title_language"] == "de" and translated["language"] == "en"
    assert all(isinstance(r["removed"], list) for r in rows)
    assert any({"text", "rule"} == set(item) for r in rows for item in r["removed"])
    out_csv = tmp_path / "a.csv"
    invoke("export", "articles", "--db", db, "--format", "csv", "--out", str(out_csv))
    table = list(csv.DictReader(io.StringIO(out_csv.read_text())))
    assert len(table) == 13 and {r["id"] for r in table} == {r["id"] for r in rows}
    out_parquet = tmp_path / "a.parquet"
    invoke("export", "articles", "--db", db, "--format", "parquet", "--out", str(out_parquet))
    assert pq.read_table(out_parquet).num_rows == 13
    no_out = CliRunner().invoke(cli, ["export", "articles", "--db", db, "--format", "parquet"])
    assert no_out.exit_code == 2 and "--out" in no_out.output


def test_python_dash_m_entry_point(tmp_path: Path, resources: Path) -> None:
    """The installed command works as a real process (stdin, exit code)."""
    db = str(tmp_path / "r.db")
    done = subprocess.run(
        [sys.executable, "-m", "redline", "ingest", "-", "--db", db, "--silent"],
        input=(resources / "ingest" / "no_date.txt").read_bytes(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"added 1" in done.stdout
