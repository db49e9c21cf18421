"""Store queries for articles a stage could not finish (timeout, crash, error): kept, shown, retried.

A failed article is marked done for its stage (so the run and later runs go on without paying its budget
again) and recorded in the quarantine with the article's id, the stage and the reason; ``reopen`` undoes
both for ``redline run --retry-quarantined``.
"""

from __future__ import annotations

from collections.abc import Sequence

from redline.records import Failure
from redline.store.core import StoreBase

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0003_quarantine_article",
        """
        ALTER TABLE quarantine ADD COLUMN article_id TEXT;
        CREATE INDEX quarantine_article ON quarantine(article_id)
        """,
    ),
]


class FailuresStore(StoreBase):
    def record_stage_failure(self, failure: Failure, article_id: str) -> None:
        """Quarantine ``article_id`` for ``failure.stage`` and mark it done there, in one transaction."""
        with self.atomic() as conn:
            conn.execute(
                "INSERT INTO quarantine (source, reason, stage, detail, raw_excerpt, article_id) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source, stage, reason) DO UPDATE SET "
                "detail = excluded.detail, article_id = excluded.article_id",
                (failure.source, failure.reason, failure.stage, failure.detail, failure.raw_excerpt, article_id),
            )
            conn.execute(
                "INSERT OR IGNORE INTO processed (stage, article_id) VALUES (?, ?)", (failure.stage, article_id)
            )

    def failed_articles(self, stage: str | None = None) -> list[tuple[str, str]]:
        """``(article_id, stage)`` of every article a stage quarantined, in a stable order."""
        sql = "SELECT DISTINCT article_id, stage FROM quarantine WHERE article_id IS NOT NULL"
        params: tuple[str, ...] = ()
        if stage is not None:
            sql, params = sql + " AND stage = ?", (stage,)
        rows = self.query(sql + " ORDER BY article_id, stage", params)
        return [(row["article_id"], row["stage"]) for row in rows]

    def failed_before(self, article_id: str, stages: Sequence[str]) -> bool:
        """Whether one of ``stages`` (those this stage builds on) quarantined the article."""
        if not stages:
            return False
        marks = ", ".join("?" * len(stages))
        rows = self.query(
            f"SELECT 1 FROM quarantine WHERE article_id = ? AND stage IN ({marks}) LIMIT 1", (article_id, *stages)
        )
        return bool(rows)

    def reopen(self, failed: Sequence[tuple[str, str]], stage_order: Sequence[str]) -> int:
        """Make each failed article pending again from its failed stage on, and drop its quarantine entries.

        Later stages are reopened too: they ran without this stage's output. Returns the articles reopened.
        """
        with self.atomic() as conn:
            for article_id, stage in failed:
                later = list(stage_order[stage_order.index(stage) :]) if stage in stage_order else [stage]
                marks = ", ".join("?" * len(later))
                conn.execute(f"DELETE FROM processed WHERE article_id = ? AND stage IN ({marks})", (article_id, *later))
                conn.execute("DELETE FROM quarantine WHERE article_id = ?", (article_id,))
        return len({article_id for article_id, _ in failed})
