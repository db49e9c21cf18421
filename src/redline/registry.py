"""Stage registry: each stage registers by name with what it requires and provides (like spaCy factories).

``redline run`` and the Dask engine run the registered stages in dependency order, so adding a stage is
registering it, not editing the pipeline.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from redline.progress import Progress
from redline.progress import no_progress as no_progress  # re-exported: stages and faces import it from here

if TYPE_CHECKING:
    from redline.store import Store


StageRun = Callable[["Store", Sequence[str], Progress], int]


@dataclass(frozen=True)
class Stage:
    """A registered stage: ``run(store, article_ids, progress)`` processes those articles, returns a count."""

    name: str
    run: StageRun
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()
    per_article: bool = True  # False: works on the whole corpus (stories, analysis)


STAGES: dict[str, Stage] = {}


def stage(
    name: str, *, requires: Sequence[str] = (), provides: Sequence[str] = (), per_article: bool = True
) -> Callable[[StageRun], StageRun]:
    """Register ``func`` as the stage ``name``."""

    def register(func: StageRun) -> StageRun:
        STAGES[name] = Stage(name, func, tuple(requires), tuple(provides), per_article)
        return func

    return register


def ordered(stages: dict[str, Stage]) -> list[Stage]:
    """Stages sorted so that every requirement runs first (stable by registration order)."""
    provided_by: dict[str, str] = {}
    for item in stages.values():
        for key in item.provides:
            provided_by[key] = item.name
    done: list[str] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise ValueError(f"stage dependency cycle at {name!r}")
        visiting.add(name)
        for need in stages[name].requires:
            owner = provided_by.get(need, need if need in stages else None)
            if owner is not None and owner != name:
                visit(owner)
        visiting.discard(name)
        done.append(name)

    for name in stages:
        visit(name)
    return [stages[name] for name in done]
