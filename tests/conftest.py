"""Shared fixtures: a fresh store per test, test resources, and ../shared (tests skip when it is absent)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from redline.store import Store

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = Path(__file__).resolve().parent / "resources"
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real SQLite file in a temporary folder."""
    with Store(tmp_path / "redline.db") as db:
        yield db


@pytest.fixture
def resources() -> Path:
    return RESOURCES


@pytest.fixture
def shared() -> Path:
    """The shared folder beside the repo (dev corpus, gold, docs); the test skips without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture
def dev_corpus(shared: Path) -> list[Path]:
    files = sorted((shared / "corpus" / "dev").glob("*.txt"))
    if not files:
        pytest.skip("../shared/corpus/dev holds no reports")
    return files
