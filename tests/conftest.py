"""Shared fixtures: a fresh store per test, test resources, and ../shared (tests skip when it is absent)."""

from __future__ import annotations

import socket
import threading
import time
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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """uvicorn serving an app in a thread on a free loopback port (a real HTTP server for API and UI tests)."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def build_api_db(path: Path) -> Path:
    """Ingest the API test articles and run every registered stage, as `redline run` does."""
    from redline.pipeline import run

    with Store(path) as db:
        run([str(RESOURCES / "api")], db)
    return path


@pytest.fixture(scope="module")
def api_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_api_db(tmp_path_factory.mktemp("api") / "redline.db")


@pytest.fixture(scope="module")
def api_server(api_db: Path) -> Iterator[LiveServer]:
    """The API and dashboard over ``api_db``, live on loopback."""
    from redline.api import create_app

    with LiveServer(create_app(api_db)) as live:
        yield live


def store_merged(db: Store, events: list, quotes: list) -> None:
    """Put hand-built events (as the stories stage would merge them) and quotes through the real store."""
    for event in events:
        db.add_events(event.article_id, [event])
        db.set_merge(event, [])  # keeps the event's own list of reports, disagreements and story
    for quote in quotes:
        db.add_quotes(quote.article_id, [*db.quotes(article_ids=[quote.article_id]), quote])


@pytest.fixture(scope="session")
def nlp():
    """The pinned English pipeline, loaded once per test process."""
    from redline.nlp import load_nlp

    return load_nlp()
