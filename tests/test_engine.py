"""The Dask engine on a real LocalCluster gives the same parses as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.engine import LocalEngine, current, using
from redline.ingest import ingest_paths
from redline.registry import no_progress
from redline.stages.nlp import parse_pending
from redline.store import Store


def test_local_engine_is_the_default() -> None:
    assert isinstance(current(), LocalEngine)
    assert list(current().map(len, [[1, 2], [3]])) == [2, 1]


@pytest.mark.slow
def test_dask_local_cluster_parses_like_local(tmp_path: Path, resources: Path) -> None:
    from redline.engine.dask import dask_engine

    local, distributed = Store(tmp_path / "local.db"), Store(tmp_path / "dask.db")
    for db in (local, distributed):
        ingest_paths([str(resources / "ingest")], db)
    parse_pending(local, local.pending("nlp"), no_progress)
    with dask_engine(workers=1) as engine, using(engine):
        assert current().name == "dask"
        assert parse_pending(distributed, distributed.pending("nlp"), no_progress) == 13
    assert distributed.pending("nlp") == []
    for article_id in local.article_ids():
        assert [s.text for s in local.sentences(article_id)] == [s.text for s in distributed.sentences(article_id)]
        assert local.doc_bytes(article_id) == distributed.doc_bytes(article_id)


def test_a_failing_article_is_quarantined_and_the_run_goes_on(tmp_path: Path, resources: Path) -> None:
    from redline import registry
    from redline.pipeline import run_stages

    db = Store(tmp_path / "r.db")
    ingest_paths([str(resources / "ingest")], db)
    poisoned = db.article_ids()[2]
    seen: list[str] = []

    def fragile(store: Store, article_ids, progress) -> int:
        if poisoned in article_ids:
            raise ValueError("cannot code this one")
        store.mark_done("fragile", article_ids)
        seen.extend(article_ids)
        return len(article_ids)

    registry.STAGES["fragile"] = registry.Stage("fragile", fragile)
    try:
        counts = run_stages(db, only=["fragile"])
    finally:
        del registry.STAGES["fragile"]
    assert counts == {"fragile": 12}
    assert poisoned not in seen and len(seen) == 12
    (failure,) = db.quarantined(stage="fragile")
    assert (failure.source, failure.reason) == (poisoned, "stage_error")
    assert "ValueError: cannot code this one" in failure.detail
    assert db.pending("fragile") == []


@pytest.mark.slow
def test_an_interrupted_run_resumes_where_it_stopped(tmp_path: Path, resources: Path) -> None:
    """A run killed after parsing picks up at the next stage; nothing is parsed or coded twice."""
    from redline.pipeline import run_stages

    db = Store(tmp_path / "r.db")
    ingest_paths([str(resources / "ingest")], db)
    assert run_stages(db, only=["nlp"]) == {"nlp": 13}  # ... and then the process died
    resumed = run_stages(db)
    assert resumed["nlp"] == 0 and resumed["quotes"] > 0 and resumed["events"] > 0
    assert all(db.pending(stage) == [] for stage in ("nlp", "quotes", "events", "stories"))
    again = run_stages(db)
    assert again == {name: 0 for name in again}
    assert len(db.events()) == resumed["events"]
