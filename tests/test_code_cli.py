"""`redline code`: JSONL in, one JSONL line per input out, in order; bad lines get an error and the run goes on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import cli

THREAT = "Russia will make a military-technical response if NATO deploys missiles, Ryabkov said on Monday."
TWO = "Poland expelled Russian diplomats. Russia rejected the decision on Friday."
LINES = [
    {"id": "threat", "text": THREAT, "date": "2021-12-15"},
    {"id": 7, "text": "The weather was mild in Vienna."},
    "this is not JSON",
    {"id": "no-text"},
    {"id": "bad-date", "text": "Russia expelled two diplomats.", "date": 20211215},
    {"id": "two", "text": TWO, "date": "2021-12-15"},
    {"id": "empty", "text": ""},
]


def _input() -> str:
    rows = [row if isinstance(row, str) else json.dumps(row) for row in LINES]
    rows.insert(2, "")  # blank lines are skipped, not answered
    return "\n".join(rows) + "\n"


@pytest.fixture(scope="module")
def output() -> list[dict]:
    result = CliRunner().invoke(cli, ["code"], input=_input())
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.slow
def test_one_output_line_per_input_line_in_order(output):
    assert [row["id"] for row in output] == ["threat", 7, None, "no-text", "bad-date", "two", "empty"]
    assert all(isinstance(row["events"], list) for row in output)


@pytest.mark.slow
def test_bad_lines_get_an_error_and_no_events(output):
    by_id = {str(row["id"]): row for row in output}
    assert "not JSON" in by_id["None"]["error"]
    assert "'text'" in by_id["no-text"]["error"]
    assert "'date'" in by_id["bad-date"]["error"]
    for key in ("None", "no-text", "bad-date"):
        assert by_id[key]["events"] == []
    assert "error" not in by_id["threat"] and "error" not in by_id["empty"]


@pytest.mark.slow
def test_events_carry_the_documented_fields_with_offsets_into_the_text(output):
    threat = output[0]["events"]
    assert [e["event_type"] for e in threat] == ["THREATEN"]
    event = threat[0]
    for name in (
        "id",
        "event_type",
        "mode",
        "negated",
        "hypothetical",
        "future",
        "context",
        "actor",
        "recipient",
        "date",
        "date_end",
        "location",
        "intensity",
        "quad",
        "confidence",
        "text",
        "trigger",
        "rule",
        "quote_id",
        "sentence_index",
    ):
        assert name in event
    text = LINES[0]["text"]
    assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]
    assert [a["country"] for a in event["actor"]] == ["RUS"]
    assert [a["country"] for a in event["recipient"]] == ["NATO"]
    assert event["hypothetical"] is True and event["date"] == "2021-12-13"
    assert output[1]["events"] == []


@pytest.mark.slow
def test_several_sentences_are_coded_with_offsets_into_the_whole_text(output):
    two = output[5]["events"]
    text = LINES[5]["text"]
    assert [e["event_type"] for e in two] == ["SANCTION", "REJECT"]
    assert [e["sentence_index"] for e in two] == [0, 1]
    assert two[1]["date"] == "2021-12-10"
    for event in two:
        assert text[event["trigger"]["start"] : event["trigger"]["end"]] == event["trigger"]["text"]


@pytest.mark.slow
def test_input_from_a_file_and_appeals_as_requests_by_default(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": "a", "text": "The UN called on Russia to withdraw its troops."}) + "\n", encoding="utf-8"
    )
    plover = CliRunner().invoke(cli, ["code", "--in", str(path)])
    cameo = CliRunner().invoke(cli, ["code", "--in", str(path), "--no-appeals"])
    assert [e["event_type"] for e in json.loads(plover.stdout)["events"]] == ["REQUEST"]
    assert json.loads(cameo.stdout)["events"] == []
