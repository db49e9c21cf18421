"""Screenshots of the dashboard for the README: `make screenshots` (or `python scripts/screenshots.py`).

Builds a database from examples/ with the real pipeline (or reads the one given by --db), serves it with the
real API on a free loopback port, and saves a PNG of each page (1280x800 desktop, plus 375x800 phone views)
into docs/screenshots/. Chromium runs headless with no network beyond that server; a console error on any
page fails the run.
"""

from __future__ import annotations

import argparse
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}
PHONE_PAGES = ("overview", "network", "events", "dyad")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def build_db(path: Path, sources: Path) -> Path:
    """Ingest ``sources`` and run every registered stage, as `redline run` does."""
    from redline.pipeline import run
    from redline.store import Store

    with Store(path) as db:
        run([str(sources)], db)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """uvicorn serving the API and dashboard over ``db`` in a thread, on a free loopback port."""

    def __init__(self, db: Path) -> None:
        import uvicorn

        from redline.api import create_app

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


Shot = tuple[str, str, str | None]


def pages(base: str) -> list[Shot]:
    """(name, route, what to scroll to) of each page to show, with ids picked from what the database holds."""
    with httpx.Client(base_url=base, timeout=60) as http:
        stories = http.get("/api/stories", params={"limit": 100}).json()["items"]
        dyads = http.get("/api/dyads", params={"top": 1}).json()["items"]
        events = http.get("/api/events", params={"limit": 200}).json()["items"]
    found: list[Shot] = [("overview", "/", None), ("network", "/", ".grid2"), ("events", "/events", None)]
    if events:
        best = max(events, key=lambda e: (e.get("report_count") or 1, e.get("confidence") or 0))
        found.append(("event", "/event/" + quote(best["id"], safe=""), None))
    if stories:
        story = max(stories, key=lambda s: (s.get("size") or 0, s["id"]))
        found.append(("story", "/story/" + quote(story["id"], safe=""), None))
    if dyads:
        actor, recipient = dyads[0]["actor"], dyads[0]["recipient"]
        found.append(("actor", "/actor/" + quote(actor, safe=""), None))
        found.append(("dyad", f"/dyad/{quote(actor, safe='')}/{quote(recipient, safe='')}", None))
    found.append(("alerts", "/alerts", None))
    return found


def shoot(browser: Any, base: str, out: Path, viewport: dict[str, int], shots: list[Shot]) -> list[str]:
    """Save a PNG of each page; returns the console errors and page errors seen."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    errors: list[str] = []
    page = context.new_page()
    page.on("console", lambda msg: errors.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    # nothing leaves the loopback server
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base + "/") else r.abort())
    for name, route, focus in shots:
        if route == "/docs":
            page.goto(base + "/docs")
            page.locator(".swagger-ui .opblock").first.wait_for(timeout=30_000)
        else:
            page.goto(f"{base}/#{route}")
            page.wait_for_function("want => document.body.dataset.ready === want", arg=route, timeout=30_000)
        # a new hash keeps the document, and with it the scroll position: start each shot at the top (or focus)
        page.evaluate("window.scrollTo(0, 0)")
        if focus:
            page.locator(focus).first.evaluate("node => window.scrollTo(0, node.offsetTop - 10)")
        path = out / f"{name}.png"
        page.screenshot(path=str(path))
        print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    context.close()
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="an existing database (default: build one from examples/)")
    parser.add_argument("--examples", type=Path, default=ROOT / "examples", help="what to build the database from")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="where the PNGs go")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="the Chromium executable")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            print(f"building a database from {args.examples} ...")
            db = build_db(Path(tmp) / "redline.db", args.examples)
        elif not db.exists():
            parser.error(f"no database at {db}")
        with Server(db) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
            shots = pages(server.url)
            errors = shoot(browser, server.url, args.out, DESKTOP, [*shots, ("docs", "/docs", None)])
            phone = [(f"{name}-mobile", route, focus) for name, route, focus in shots if name in PHONE_PAGES]
            errors += shoot(browser, server.url, args.out, PHONE, phone)
            browser.close()
    for error in errors:
        print("console error:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
