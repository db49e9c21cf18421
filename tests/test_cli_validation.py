"""Input validation in the CLI: malformed dates and unknown types, modes, quads and sort orders are usage errors
(exit 2, no traceback) that list the valid values, with the same message the API gives; commands that only
read refuse a --db that does not exist instead of creating an empty database."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from conftest import LiveServer
from redline.cli import cli
from redline.store import Store

READ_COMMANDS = [
    ["articles"],
    ["show", "some-id"],
    ["quarantine"],
    ["quotes"],
    ["events"],
    ["stories"],
    ["dyads"],
    ["alerts"],
    ["report", "--out", "{tmp}/r.html"],
    ["export", "articles"],
    ["export", "quotes"],
    ["export", "events"],
    ["export", "stories"],
    ["eval", "quotes", "{gold}"],
    ["eval", "stories", "{gold}"],
    ["serve"],
]

# (command, option, value, the API route and parameter with the same filter, words the message must hold)
BAD_VALUES = [
    (["events"], "--since", "2022-13-45", ("/api/events", "since"), "not a date on the calendar"),
    (["events"], "--until", "12/20/2021", ("/api/events", "until"), "YYYY-MM-DD"),
    (["events"], "--type", "BOMB", ("/api/events", "type"), "AGREE, CONSULT, SUPPORT"),
    (["events"], "--mode", "verbal", ("/api/events", "mode"), "violence"),
    (["events"], "--quad", "9", ("/api/events", "quad"), "1, 2, 3, 4"),
    (["events"], "--quad", "three", ("/api/events", "quad"), "1, 2, 3, 4"),
    (["articles"], "--since", "2021-02-30", ("/api/articles", "since"), "not a date on the calendar"),
    (["stories"], "--order", "biggest", ("/api/stories", "order"), "recent, size"),
    (["stories"], "--until", "yesterday", ("/api/stories", "until"), "YYYY-MM-DD"),
    (["dyads"], "--since", "2021/12/01", ("/api/dyads", "since"), "YYYY-MM-DD"),
    (["alerts"], "--until", "2021-12-32", ("/api/alerts", "until"), "not a date on the calendar"),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "redline.db"
    Store(path).close()
    return path


def run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_read_commands_refuse_a_missing_database(tmp_path: Path, command: list[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("")
    missing = tmp_path / "typo.db"
    args = [part.format(tmp=tmp_path, gold=gold) for part in command]
    result = run(*args, "--db", str(missing))
    assert result.exit_code == 2, result.output
    assert "no database at" in result.output and "typo.db" in result.output
    assert "Traceback" not in result.output
    assert not missing.exists()


def test_ingest_still_creates_its_database(tmp_path: Path, resources: Path) -> None:
    fresh = tmp_path / "new.db"
    result = run("ingest", str(resources / "ingest" / "no_date.txt"), "--db", str(fresh), "--silent")
    assert result.exit_code == 0 and fresh.exists()


@pytest.mark.parametrize(("command", "option", "value", "api", "words"), BAD_VALUES, ids=lambda v: str(v))
def test_bad_filter_values_are_usage_errors_listing_valid_values(
    db: Path, command: list[str], option: str, value: str, api: tuple[str, str], words: str
) -> None:
    result = run(*command, "--db", str(db), option, value)
    assert result.exit_code == 2, result.output
    assert f"Invalid value for '{option}'" in result.output and words in result.output
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output


def test_the_api_gives_the_same_message(db: Path, api_server: LiveServer) -> None:
    with httpx.Client(base_url=api_server.url, timeout=60) as http:
        for command, option, value, (path, param), _words in BAD_VALUES:
            response = http.get(path, params={param: value})
            assert response.status_code == 422, response.text
            message = response.json()["error"]["message"]
            assert message.startswith(f"{param}: ")
            cli_output = " ".join(run(*command, "--db", str(db), option, value).output.split())
            assert message.removeprefix(f"{param}: ") in cli_output


def test_good_values_pass(db: Path) -> None:
    result = run("events", "--db", str(db), "--type", "threaten", "--mode", "Violence", "--since", "2021-12-01")
    assert result.exit_code == 0 and "No events found" in result.output
    assert run("stories", "--db", str(db), "--order", "size").exit_code == 0
    assert run("articles", "--db", str(db), "--until", "2021-12-20T23:59:00Z").exit_code == 0
