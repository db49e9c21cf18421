"""Per-article time budgets: an article that loops for ever, crashes its worker or raises is quarantined with
the stage and the reason, and every other article of the run is processed as usual, in order."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from redline import registry
from redline.engine import worker_processes
from redline.engine.budget import Budget, Failed, InlineEngine, Item, ProcessEngine
from redline.ingest import ingest_paths
from redline.pipeline import RunOptions, retry_quarantined, run_stages
from redline.stages import ArticleWork, run_articles
from redline.store import Store

TRAP = "Russia will answer unfriendly"  # a phrase of one article in tests/resources/ingest


def spin_on_trap(texts: list[str]) -> list[int]:
    """Word counts, except that a text holding TRAP loops for ever in pure Python (the failure we guard)."""
    out = []
    for text in texts:
        while TRAP in text:
            pass
        out.append(len(text.split()))
    return out


def die_or_raise(texts: list[str]) -> list[int]:
    for text in texts:
        if text == "die":
            os._exit(3)
        if text == "raise":
            raise ValueError("bad input")
    return [len(text) for text in texts]


def items(*texts: str) -> list[Item]:
    return [Item(f"a{i}", text, len(text)) for i, text in enumerate(texts)]


def test_worker_processes_outlive_endless_loops_crashes_and_errors() -> None:
    engine = ProcessEngine(workers=2, budget=Budget(1.0))
    try:
        looped = list(engine.run("toy", spin_on_trap, items("one two", f"x {TRAP} y", "three four five")))
        broken = list(engine.run("toy", die_or_raise, items("ok", "die", "raise", "fine")))
    finally:
        engine.close()
    assert [(i.key, r) for i, r in looped] == [("a0", 2), ("a1", Failed("timeout", "")), ("a2", 3)]
    assert [i.key for i, _ in broken] == ["a0", "a1", "a2", "a3"]
    assert broken[0][1] == 2 and broken[3][1] == 4
    assert broken[1][1].kind == "crash" and "exit code 3" in broken[1][1].detail
    assert broken[2][1] == Failed("error", "ValueError: bad input")


def test_inline_engine_stops_a_pure_python_loop_on_the_main_thread() -> None:
    results = list(InlineEngine(Budget(0.5)).run("toy", spin_on_trap, items(f"{TRAP}", "a b")))
    assert [r for _, r in results] == [Failed("timeout", ""), 2]


def _texts(store: Store, articles: list) -> list[str]:
    return [article.text for article in articles]


def _write(store: Store, article_id: str, count: int) -> int:
    return 1


WORK = ArticleWork("spinning", _texts, spin_on_trap, _write)


def spinning(store: Store, article_ids, progress) -> int:
    return run_articles(store, WORK, article_ids, progress)


@pytest.fixture
def spinning_stage():
    registry.STAGES["spinning"] = registry.Stage("spinning", spinning)
    yield
    del registry.STAGES["spinning"]


def test_a_looping_article_is_quarantined_with_stage_and_reason(
    tmp_path: Path, resources: Path, spinning_stage: None
) -> None:
    db = Store(tmp_path / "r.db")
    ingest_paths([str(resources / "ingest")], db)
    trapped = [a.id for a in db.articles() if TRAP in a.text]
    assert len(trapped) == 1, "the trap phrase must be in exactly one test article"
    counts = run_stages(db, only=["spinning"], options=RunOptions(article_timeout=1.0))
    assert counts == {"spinning": len(db.article_ids()) - 1}
    assert db.pending("spinning") == []
    (failure,) = db.quarantined(stage="spinning")
    assert failure.reason == "timeout" and failure.detail == "timeout in spinning after 1 s"
    assert trapped[0] in failure.source
    assert db.failed_articles() == [(trapped[0], "spinning")]
    # a second run does not pay the budget again; --retry-quarantined does
    assert run_stages(db, only=["spinning"]) == {"spinning": 0}
    assert retry_quarantined(db) == 1
    assert db.pending("spinning") == trapped and db.quarantined(stage="spinning") == []


@pytest.mark.slow
def test_real_stages_quarantine_a_slow_article_then_retry_it(tmp_path: Path, resources: Path) -> None:
    """With a budget far too small for a real parse, articles are quarantined in nlp and skipped by the stages
    after it; a retry with the normal budget parses, quotes and codes them all."""
    # one long report (about 30,000 characters: its parse takes far longer than any scheduler tick, so at least
    # one article surely runs out of time however fast the short ones go through)
    reports = sorted((resources.parent.parent / "examples" / "text").glob("*.txt"))
    long_report = "\n\n".join(path.read_text() for path in reports)
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "long_report.txt").write_text(long_report[:30_000])
    db = Store(tmp_path / "r.db")
    ingest_paths([str(resources / "ingest"), str(inputs)], db)
    total = len(db.article_ids())
    # the engine is chosen here, not inherited: whatever engine the process holds, this budget is the one tried
    with worker_processes(1, Budget(0.001)):
        run_stages(db, only=["nlp", "quotes", "events"], options=RunOptions(article_timeout=0.001))
    failed = [article_id for article_id, _ in db.failed_articles()]
    stages = {stage for _, stage in db.failed_articles()}
    # a parse never fits; a short article that got through nlp may still run out of time in a later stage
    assert failed and "nlp" in stages and stages <= {"nlp", "quotes", "events"}
    assert all(f.detail.split(" in nlp")[0] in ("timeout", "crash") for f in db.quarantined(stage="nlp"))
    unparsed = {article_id for article_id, stage in db.failed_articles() if stage == "nlp"}
    assert db.pending("quotes") == [] and not {q.article_id for q in db.quotes()} & unparsed
    assert retry_quarantined(db) == len(failed)
    counts = run_stages(db, only=["nlp", "quotes", "events"])
    assert counts["nlp"] == len(unparsed)
    assert db.failed_articles() == [] and all(db.doc_bytes(a) is not None for a in db.article_ids())
    assert len(db.article_ids()) == total
    # which articles ran out of time depends on the machine; what the retry leaves does not
    plain = Store(tmp_path / "plain.db")
    ingest_paths([str(resources / "ingest"), str(inputs)], plain)
    run_stages(plain, only=["nlp", "quotes", "events"])
    assert sorted(e.id for e in db.events()) == sorted(e.id for e in plain.events()) and plain.events()
    assert sorted(q.id for q in db.quotes()) == sorted(q.id for q in plain.quotes())
