"""Hostile and unusual inputs: each ends as an article or a quarantine entry naming it, and the batch goes on.

The bad-input corpus is generated here, at run time, into a temporary folder (nothing binary is committed):
binary and empty files, invalid UTF-8, latin-1, UTF-16 with a broken byte-order mark, a 5 MB one-line file,
50,000 short lines, HTML nested 20,000 deep, JSON nested 100,000 deep, JSON/JSONL with fields of the wrong type,
NUL bytes, lone surrogates, thousands of unbalanced quote marks, and real paragraphs in Arabic, Chinese, Russian,
Hindi, Japanese and Thai (``tests/resources/ingest_scripts``).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline.cli import cli
from redline.errors import InputFieldError, RedlineError
from redline.ingest import ingest_paths, parse_input
from redline.ingest.clean import clean_lines
from redline.ingest.raw import RawInput
from redline.ingest.words import count_words
from redline.store import Store

SCRIPTS = Path(__file__).resolve().parent / "resources" / "ingest_scripts"
PROSE = (
    "Russian Deputy Foreign Minister Sergei Ryabkov said on Monday that Moscow expected written answers from "
    "Washington and NATO before the next round of talks, and that the alliance's promises were not enough."
)
SENTENCE = "the minister said talks would continue next week in Geneva Russia NATO Ukraine security troops border"
WORDS = SENTENCE.split()


def write_bad_corpus(folder: Path) -> dict[str, str | None]:
    """Write the corpus; returns each file's expected quarantine reason (None: it must become an article)."""
    rng = random.Random(7)
    files: dict[str, bytes] = {
        "binary.dat": bytes(rng.randrange(256) for _ in range(4096)),
        "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(200),
        "empty.txt": b"",
        "blank.txt": b" \n\t\n  \r\n",
        "invalid_utf8.txt": (f"Title of the report\n\n{PROSE}\n\n".encode() + b"\xc3\x28\xa0\xa1 \xff\xfe" * 3),
        "latin1.txt": ("Réunion à Genève\n\n" + PROSE.replace("said", "a déclaré") + " Élysée, café, été.").encode(
            "latin-1"
        ),
        "utf16_odd.txt": b"\xff\xfeA",
        "oneline_5mb.txt": " ".join(rng.choice(WORDS) for _ in range(1_000_000)).encode()[: 5 * 1024 * 1024 - 16],
        "lines_50k.txt": "\n".join(" ".join(rng.choice(WORDS) for _ in range(3)) for _ in range(50_000)).encode(),
        "deep.html": (
            "<html><body>" + "<div>" * 20_000 + f"<p>{PROSE}</p>" + "</div>" * 20_000 + "</body></html>"
        ).encode(),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "nul_early.txt": f"Title\n\n{PROSE}".encode().replace(b" ", b"\x00", 5),
        "nul_late.txt": (f"Title of the report\n\n{PROSE}\n\n" * 60).encode() + b"\x00" * 3 + PROSE.encode(),
        "surrogates.json": json.dumps({"title": "Lone \ud800 surrogate", "text": PROSE + " \udfff end."}).encode(),
        "huge_number.json": b'{"title": "x", "text": ' + b"9" * 5000 + b"}",
        "quotes.txt": (
            "Quotes everywhere today\n\n" + '"Russia said " NATO « must ' * 3000 + "„ “ ' ‘ »" * 2000
        ).encode(),
        "garbage.rss": b'<?xml version="1.0"?><rss><channel><item><title>' + b"<" * 5000,
    }
    reasons: dict[str, str | None] = {
        "binary.dat": "binary",
        "image.txt": "binary",
        "empty.txt": "empty",
        "blank.txt": "empty",
        "invalid_utf8.txt": None,
        "latin1.txt": None,
        "utf16_odd.txt": "undecodable",
        "oneline_5mb.txt": None,
        "lines_50k.txt": None,
        "deep.html": None,
        "deep.json": "bad_json",
        "nul_early.txt": "binary",
        "nul_late.txt": None,
        "surrogates.json": None,
        "huge_number.json": "bad_json",
        "quotes.txt": None,
        "garbage.rss": "no_text",
    }
    typed = [
        {"title": "Numbers in the text", "text": ["A first paragraph.", 2]},
        {"title": 17, "text": PROSE},
        {"title": "A date that is a list", "published": ["2022-01-01"], "text": PROSE},
        {"title": "An object for a body", "text": {"nothing": True}},
        {"title": "A fine one", "text": PROSE, "published": 1640995200, "source": {"id": None, "name": "Wire"}},
    ]
    files["wrong_types.json"] = json.dumps(typed).encode()
    files["wrong_types.jsonl"] = "\n".join([*map(json.dumps, typed), "[1, 2]", '"just a string"', "{"]).encode()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    for script in SCRIPTS.glob("*.txt"):
        shutil.copy(script, folder / script.name)
        reasons[script.name] = None
    return reasons


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str | None]]:
    folder = tmp_path_factory.mktemp("bad")
    return folder, write_bad_corpus(folder)


def test_every_bad_input_is_accounted_for(bad_corpus: tuple[Path, dict[str, str | None]], tmp_path: Path) -> None:
    folder, expected = bad_corpus
    with Store(tmp_path / "redline.db") as store:
        result = ingest_paths([str(folder)], store)
        articles = {Path(a.source).name: a for a in store.articles()}
        failures = {Path(f.source).name: f for f in store.quarantined()}
    assert result.ok
    for name, reason in expected.items():
        if reason is None:
            assert name in articles, (name, failures.get(name))
        else:
            (failure,) = [f for n, f in failures.items() if n.split("#")[0] == name]
            assert failure.reason == reason, failure
    typed = {name: failure for name, failure in failures.items() if name.startswith("wrong_types")}
    assert {name: failure.reason for name, failure in typed.items()} == {
        "wrong_types.json#1": "bad_field",
        "wrong_types.json#2": "bad_field",
        "wrong_types.json#3": "bad_field",
        "wrong_types.json#4": "bad_field",
        "wrong_types.jsonl#1": "bad_field",
        "wrong_types.jsonl#2": "bad_field",
        "wrong_types.jsonl#3": "bad_field",
        "wrong_types.jsonl#4": "bad_field",
        "wrong_types.jsonl#6": "bad_json",
        "wrong_types.jsonl#7": "bad_json",
        "wrong_types.jsonl#8": "bad_json",
    }
    assert typed["wrong_types.json#1"].detail == "field 'text' must be text or a list of texts; item 2 is a number"
    assert typed["wrong_types.json#2"].detail == "field 'title' must be text, not a number"
    fine = articles["wrong_types.json#5"]
    assert (fine.outlet, fine.published) == ("Wire", "2022-01-01T00:00:00Z")
    assert "\ufffd" in articles["surrogates.json"].title and "\x00" not in articles["nul_late.txt"].text
    languages = {name: articles[name].language for name in ("ar.txt", "zh.txt", "ru.txt", "hi.txt", "ja.txt")}
    assert languages == {"ar.txt": "ar", "zh.txt": "zh", "ru.txt": "ru", "hi.txt": "hi", "ja.txt": "ja"}


def test_the_cli_prints_no_traceback_and_succeeds(
    bad_corpus: tuple[Path, dict[str, str | None]], tmp_path: Path
) -> None:
    folder, _ = bad_corpus
    small = tmp_path / "small"
    small.mkdir()
    for name in ("utf16_odd.txt", "deep.json", "wrong_types.json", "zh.txt", "binary.dat"):
        shutil.copy(folder / name, small / name)
    result = CliRunner().invoke(cli, ["ingest", str(small), "--db", str(tmp_path / "cli.db"), "--silent"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and result.exception is None
    assert "added 2," in result.output  # zh.txt and the fine item of wrong_types.json


@pytest.mark.parametrize(
    ("data", "reason", "message"),
    [
        (b"\xff\xfeA", "undecodable", "not valid UTF-16"),
        (b"\xff\xfe\x00\x00A", "undecodable", "not valid UTF-32"),
        (b"[" * 100_000, "bad_json", "nested deeper than 64 levels"),
        (b"[" * 100_000 + b"]" * 100_000, "bad_json", "nested deeper than 64 levels"),
        (json.dumps({"text": [1]}).encode(), "bad_field", "item 1 is a number"),
        (json.dumps({"text": PROSE, "url": ["x"]}).encode(), "bad_field", "field 'url' must be text, not a list"),
        (json.dumps({"text": PROSE, "date": True}).encode(), "bad_field", "not true/false"),
        (json.dumps([1]).encode(), "bad_json", "must be an object, not a number"),
    ],
    ids=["utf16-odd", "utf32-odd", "unclosed-deep", "deep", "text-number", "url-list", "date-bool", "not-object"],
)
def test_one_bad_input_one_clear_failure(data: bytes, reason: str, message: str) -> None:
    (outcome,) = parse_input(RawInput(source="in.json", key="in.json", data=data))
    assert (outcome.reason, outcome.stage) == (reason, "ingest")
    assert message in outcome.detail


def test_field_errors_are_redline_errors_for_the_api() -> None:
    """The API checks a posted object with ``article_item`` and maps InputFieldError (a RedlineError) to 422."""
    from redline.ingest.formats import article_item

    with pytest.raises(InputFieldError) as caught:
        article_item({"title": "t", "body": ["ok", {"x": 1}]}, "api#1", "api")
    assert isinstance(caught.value, RedlineError) and caught.value.input_id == "api#1"
    assert caught.value.reason == "bad_field"
    assert caught.value.message == "field 'body' must be text or a list of texts; item 2 is an object"
    assert article_item({"title": "t", "body": PROSE}, "api#2", "api").body == PROSE


def test_devices_fifos_and_sockets_are_refused(store: Store, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        result = ingest_paths(["/dev/zero", "/dev/null", str(fifo), str(sock_path)], store)
    finally:
        server.close()
    found = {f.source: (f.reason, f.detail) for f in store.quarantined()}
    assert found["/dev/zero"] == ("not_a_file", "/dev/zero is a character device, not a regular file")
    assert found[str(fifo)][1].endswith("is a named pipe (FIFO), not a regular file")
    assert found[str(sock_path)][0] == "not_a_file"
    assert not result.ok and len(result.failed) == 4


def test_size_cap_counts_bytes_read(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Title\n\n" + PROSE * 20)
    ingest_paths([str(big)], store, max_bytes=1000)
    (failure,) = store.quarantined()
    assert failure.reason == "too_large" and "1000-byte cap" in failure.detail


def test_a_json_lines_dump_over_the_cap_is_read_in_pieces_and_only_an_oversized_line_is_refused(
    store: Store, tmp_path: Path
) -> None:
    """A cap on one document must not refuse a dump of many: the file streams in pieces of whole lines, each
    article keeps the source (and so the id) it has when the file is read whole, and a line over the cap is
    quarantined alone."""
    rows = [{"title": f"Report {n}", "text": f"{PROSE} Item {n}.", "date": "2024-03-01"} for n in range(1, 31)]
    lines = [json.dumps(row) for row in rows]
    lines.insert(10, json.dumps({"title": "Huge", "text": PROSE * 20}))  # line 11, over the cap
    dump = tmp_path / "dump.jsonl"
    dump.write_text("\n".join(lines) + "\n")
    assert dump.stat().st_size > 3000
    ingest_paths([str(dump)], store, max_bytes=3000)
    whole = Store(tmp_path / "whole.db")
    ingest_paths([str(dump)], whole)  # under the default cap: read as one input
    pieces = {a.source: a.id for a in store.articles()}
    assert len(pieces) == 30 and pieces == {a.source: a.id for a in whole.articles() if "#11" not in a.source}
    assert f"{dump}#31" in pieces and f"{dump}#11" not in pieces
    (failure,) = store.quarantined()
    assert failure.reason == "too_large" and failure.source == f"{dump}#11"


def test_text_over_the_article_cap_is_quarantined_with_its_size(store: Store, tmp_path: Path) -> None:
    long, short = tmp_path / "long.txt", tmp_path / "short.txt"
    long.write_text("Title\n\n" + PROSE * 40)
    short.write_text("Title\n\n" + PROSE)
    cap = len(PROSE) * 10
    result = ingest_paths([str(long), str(short)], store, max_chars=cap)
    (failure,) = store.quarantined()
    assert failure.reason == "too_long" and failure.source.endswith("long.txt") and f"{cap:,} limit" in failure.detail
    assert len(result.added) == 1 and store.articles()[0].source.endswith("short.txt")


def test_a_folder_with_a_fifo_and_a_link_loop_still_ingests_the_rest(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(f"A headline for the report\n\n{PROSE}")
    os.mkfifo(folder / "pipe")
    (folder / "loop").symlink_to(folder)
    result = ingest_paths([str(folder)], store)
    assert len(result.added) == 1 and not result.failed


@pytest.mark.parametrize("name", ["zh.txt", "ja.txt", "th.txt"])
def test_scripts_without_spaces_count_their_words(name: str) -> None:
    text = (SCRIPTS / name).read_text()
    (article,) = parse_input(RawInput(source=name, key=name, data=text.encode()))
    assert article.title == text.split("\n", 1)[0]
    assert article.text.startswith(text.split("\n\n")[1][:20])
    assert count_words(article.text) >= 40


def test_a_short_fragment_in_any_script_is_still_too_short() -> None:
    for fragment in ("俄罗斯要求北约提供保障", "ロシア外務省は条約案を公表", "Russia demands guarantees"):
        (outcome,) = parse_input(RawInput(source="f.txt", key="f.txt", data=f"{fragment}\n\n{fragment}。".encode()))
        assert outcome.reason == "empty"


def test_chinese_punctuation_ends_sentences() -> None:
    text = (SCRIPTS / "zh.txt").read_text()
    cleaned = clean_lines(text)
    assert cleaned.title == "俄罗斯要求北约提供具有法律约束力的安全保障"
    assert len(cleaned.paragraphs) == 3 and not cleaned.removed
