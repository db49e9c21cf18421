"""The same inputs give the same database: twice, in reverse order, with two workers, after kill -9 and resume,
and with two runs on one database at once. Hostile inputs end as articles or quarantine entries, never as a
traceback. Every run here is the real `redline` command in a subprocess over real example reports."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from redline.store import Store

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
TABLES = ("articles", "quotes", "events", "stories")


def corpus(tmp_path: Path, count: int = 10) -> list[Path]:
    """A copy of the first ``count`` example reports (enough to form stories and merged events)."""
    folder = tmp_path / "corpus"
    folder.mkdir(exist_ok=True)
    files = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix in (".txt", ".html"))[:count]
    for path in files:
        shutil.copy(path, folder / path.name)
    return sorted(folder.iterdir())


def redline(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "redline", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stderr[-2000:]
    return done


def run(db: Path, inputs: list[Path], *extra: str) -> None:
    redline("run", *map(str, inputs), "--db", str(db), "--out", str(db.parent / "out"), "--silent", *extra)


def exports(db: Path) -> dict[str, list[dict]]:
    """Every article, quote, event and story of the database as plain dicts sorted by id (row order is not
    part of the data); merged and unmerged events alike."""
    with Store(db) as store:
        tables = {
            "articles": store.articles(),
            "quotes": store.quotes(),
            "events": store.events(),
            "stories": store.stories(),
        }
        return {name: sorted((r.as_dict() for r in rows), key=lambda row: row["id"]) for name, rows in tables.items()}


def assert_same(a: dict[str, list[dict]], b: dict[str, list[dict]]) -> None:
    for table in TABLES:
        assert len(a[table]) == len(b[table]), table
        for left, right in zip(a[table], b[table], strict=True):
            assert left == right, (table, left["id"])


def test_same_inputs_same_database_in_any_order_with_two_workers_and_on_dask(tmp_path: Path) -> None:
    files = corpus(tmp_path)
    run(tmp_path / "a.db", files)
    run(tmp_path / "b.db", files)
    run(tmp_path / "c.db", list(reversed(files)))
    run(tmp_path / "d.db", files, "--workers", "2")
    run(tmp_path / "e.db", files, "--engine", "dask", "--workers", "2")  # a Dask LocalCluster
    first = exports(tmp_path / "a.db")
    assert first["events"] and first["stories"] and first["quotes"]
    for other in ("b", "c", "d", "e"):
        assert_same(first, exports(tmp_path / f"{other}.db"))


def test_kill_9_at_any_moment_then_the_same_command_gives_the_uninterrupted_database(tmp_path: Path) -> None:
    files = corpus(tmp_path)
    run(tmp_path / "whole.db", files)
    expected = exports(tmp_path / "whole.db")
    for delay in (2.0, 6.0):
        db = tmp_path / f"killed-{delay}.db"
        command = [sys.executable, "-m", "redline", "run", *map(str, files), "--db", str(db), "--silent"]
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        run(db, files)
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert_same(expected, exports(db))


def test_two_runs_on_one_database_at_once_lose_and_double_nothing(tmp_path: Path) -> None:
    files = corpus(tmp_path)
    run(tmp_path / "alone.db", files)
    db = tmp_path / "shared.db"
    Store(db).close()  # both processes open an existing, migrated file
    command = [sys.executable, "-m", "redline", "run", *map(str, files), "--db", str(db), "--silent"]
    both = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for process in both:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err[-2000:]
        assert "Traceback" not in err
    assert_same(exports(tmp_path / "alone.db"), exports(db))


def hostile_inputs(folder: Path) -> list[Path]:
    """Inputs a scraper really produces, and worse, generated here (nothing binary is committed)."""
    folder.mkdir()
    words = [
        "the",
        "minister",
        "said",
        "talks",
        "with",
        "Moscow",
        "would",
        "resume",
        "next",
        "week",
        "after",
        "the",
        "summit",
    ]
    files = {
        "binary.bin": bytes(range(256)) * 64,
        "empty.txt": b"",
        "bad_utf8.txt": b"Kyiv \xff\xfe talks \xc3\x28 resumed " * 40,
        "latin1.txt": ("Le ministre a déclaré que les négociations reprendront à Genève. " * 20).encode("latin-1"),
        "utf16_odd.txt": b"\xff\xfeA",
        "one_line.txt": (" ".join(words) + ", ").encode() * 2000,  # ~150 KB, no line break at all
        "five_mb_one_line.txt": (" ".join(words) + ", ").encode() * 64_000,  # 5 MB: over the cap this run sets
        "short_lines.txt": "\n".join(f"Item {i}: {words[i % len(words)]}" for i in range(50_000)).encode(),
        "deep.html": b"<html><body>" + b"<div>" * 20_000 + b"Talks resumed." + b"</div>" * 20_000 + b"</body></html>",
        "wrong_types.json": json.dumps({"title": ["a", 1], "text": [1, 2, {"x": None}], "date": 12}).encode(),
        "wrong_types.jsonl": b'{"text": 5}\n{"title": null, "text": null}\nnot json at all\n',
        "nul.txt": ("Sanctions were announced.\x00 " * 200).encode(),
        "arabic.txt": ("قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في جنيف. " * 30).encode(),
        "chinese.txt": ("外交部发言人表示，双方将于下周在日内瓦恢复会谈，并讨论安全保障问题。" * 30).encode(),
        "long_sentence.txt": ("Diplomats said " + " and ".join(["the talks"] * 2000) + " resumed.").encode(),
        "quotes.txt": ('He said "talks ' * 3000 + "ended.").encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return sorted(folder.iterdir())


def test_hostile_inputs_end_as_articles_or_quarantine_entries_without_a_traceback(tmp_path: Path) -> None:
    inputs = hostile_inputs(tmp_path / "hostile")
    db = tmp_path / "h.db"
    done = redline(
        "run",
        str(tmp_path / "hostile"),
        *map(str, corpus(tmp_path, 3)),
        *("--db", str(db), "--silent", "--max-article-chars", "1000000"),  # the 5 MB file is a dump here
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    with Store(db) as store:
        sources = {article.source for article in store.articles()}
        quarantined = store.quarantined()
        failed = " ".join(failure.source for failure in quarantined)
        assert all(store.pending(stage) == [] for stage in ("nlp", "quotes", "events", "stories"))
    for path in inputs:
        assert any(str(path) in source for source in sources) or str(path) in failed, path.name
    assert "too_long" in {failure.reason for failure in quarantined if "five_mb" in failure.source}
