"""The API docs page in Debian Chromium: rendered from bundled assets, offline, under the server's strict CSP.

Every request the page makes is recorded; any that leaves the live loopback server fails the test (and is
aborted, so the test never reaches the network). Console errors, CSP violations included, fail it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import LiveServer

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (/usr/bin/chromium)"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield chromium
        chromium.close()


class OfflinePage:
    """A browser page that may talk only to ``base_url``: other requests are recorded and aborted."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.inside: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.context.route("**/*", lambda route: self._route(route, base_url))

    def _route(self, route: Any, base_url: str) -> None:
        url = route.request.url
        if url.startswith(base_url + "/") or url.startswith("data:"):
            self.inside.append(url)
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def offline(browser: Any, api_server: LiveServer) -> Iterator[OfflinePage]:
    page = OfflinePage(browser, api_server.url)
    yield page
    page.close()


def test_docs_render_offline_with_no_console_errors(
    offline: OfflinePage, api_server: LiveServer, tmp_path: Path
) -> None:
    response = offline.page.goto(f"{api_server.url}/docs")
    assert response is not None and response.status == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    offline.page.wait_for_selector("body[data-ready='docs']", state="attached")
    offline.page.wait_for_selector(".opblock", timeout=20_000)
    paths = offline.page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/articles" in paths and "/api/events/{event_id}" in paths
    offline.page.locator(".opblock-summary-path", has_text="/api/summary").first.click()
    offline.page.get_by_role("button", name="Try it out").click()
    offline.page.get_by_role("button", name="Execute").click()
    status = offline.page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=20_000)
    assert status.inner_text().strip().startswith("200")
    offline.page.screenshot(path=str(tmp_path / "docs.png"), full_page=False)
    assert offline.outside == [], f"the docs page reached outside the server: {offline.outside}"
    assert any(url.endswith("/docs-assets/swagger-ui-bundle.js") for url in offline.inside)
    assert offline.errors == []


def test_docs_ask_for_the_token_when_the_server_needs_one(browser: Any, api_db: Path) -> None:
    from redline.api import create_app

    with LiveServer(create_app(api_db, token="s3cret")) as live:
        page = OfflinePage(browser, live.url)
        try:
            page.page.goto(f"{live.url}/docs")
            banner = page.page.locator("#docs-banner")
            banner.wait_for(state="visible")
            assert "token" in banner.inner_text()
            page.page.evaluate("sessionStorage.setItem('redline-token', 's3cret')")
            page.page.reload()
            page.page.wait_for_selector(".opblock", timeout=20_000)
            assert page.outside == []
            # the 401 of the first, tokenless visit is the only console error
            assert all("401" in error for error in page.errors), page.errors
        finally:
            page.close()
