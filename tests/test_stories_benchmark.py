"""The synthetic news stream the stories benchmark measures on: real report text, reproducible, stage-ready."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from redline.bench import example_articles
from redline.store import Store
from redline.stories.benchmark import store_items, synthesise, time_stories

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_the_stream_is_reproducible_dated_by_day_and_coded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/ is not in this checkout")
    examples = example_articles(EXAMPLES)
    first, again = synthesise(examples, 30, per_day=10), synthesise(examples, 30, per_day=10)
    assert [item.article.as_dict() for item in first] == [item.article.as_dict() for item in again]
    assert sorted({item.article.published[:10] for item in first}) == ["2022-01-01", "2022-01-02", "2022-01-03"]
    assert all(item.events and item.quotes for item in first)
    # A sentence reported by several articles is the same act each time: same type, actor and speaker.
    coded = {}
    for item in first:
        for event in item.events:
            assert coded.setdefault(event.text, (event.event_type, event.actor[0].name)) == (
                event.event_type,
                event.actor[0].name,
            )

    import redline.stages.stories as stage

    def topical(texts: list[str]) -> np.ndarray:  # no model: one direction per leading word
        rows = np.array(
            [[zlib.crc32(text.split()[0].encode()) % 7 == n for n in range(7)] for text in texts], dtype=np.float32
        )
        return rows + 0.01

    monkeypatch.setattr(stage, "embed_texts", topical)
    with Store(tmp_path / "stream.db") as store:
        store_items(store, first)
        assert time_stories(store) > 0
        assert len(store.story_assignments()) == 30 and store.pending("stories") == []
        assert store.count_events(canonical_only=True) < store.count_events()  # recurring reports were merged
