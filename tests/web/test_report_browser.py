"""The HTML report in headless Chromium: renders without console errors, hostile text stays inert, and the dyad
plot is drawn (non-zero size, decoded image, a screenshot that is not blank)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from conftest import store_merged
from redline.records import Actor, Article, Event, Quote, Report, Span, Speaker
from redline.report import build_report
from redline.store import Store
from redline.stories import cluster_articles

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">'
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--no-first-run"]  # fmt: skip

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def one_topic(texts: Sequence[str]) -> np.ndarray:
    return np.ones((len(texts), 2), dtype=np.float32) / np.sqrt(2)


def build_sample_report(tmp_path: Path) -> Path:
    """A week of Russia -> NATO tension in three outlets, with hostile markup in titles, quotes and evidence."""
    russia = Actor(text="Russia", name="Russia", country="RUS")
    nato = Actor(text="NATO", name="NATO", country="NATO")
    days = ["2021-12-06", "2021-12-09", "2021-12-13", "2021-12-14", "2021-12-20", "2021-12-21"]
    with Store(tmp_path / "browser.db") as store:
        for n, day in enumerate(days):
            store.add_article(
                Article(
                    id=f"a{n}",
                    text=f"Russia and NATO traded warnings on day {n}. Officials spoke.",
                    source=f"a{n}",
                    title=f"Russia and NATO trade warnings {HOSTILE}",
                    published=day,
                    outlet=["TASS", "DW", "RT"][n % 3],
                    language="en",
                    content_hash=f"a{n}",
                )
            )
        cluster_articles(store, [f"a{n}" for n in range(len(days))], embed=one_topic)
        story_id = store.story_of("a0") or ""
        events = []
        for n, day in enumerate(days):
            quad, intensity = (1, 3.0) if n < 2 else (3, -6.0)
            text = f"Russia warned NATO {HOSTILE}"
            events.append(
                Event(
                    id=f"e{n}",
                    event_type="CONSULT" if quad == 1 else "THREATEN",
                    article_id=f"a{n}",
                    text=text,
                    trigger=Span("warned", 7, 13),
                    actor=[russia],
                    recipient=[nato],
                    date=day,
                    quad=quad,
                    intensity=intensity,
                    confidence=0.8,
                    story_id=story_id,
                    reports=[Report(f"a{n}", "TASS", text, 0, len(text), day), Report("a1", "DW", text, 0, 5, day)],
                )
            )
        quotes = [
            Quote(
                id="q0",
                article_id="a2",
                text=f"We will respond {HOSTILE}",
                kind="direct",
                cue="said",
                speaker=Speaker(mention="Ryabkov", name=f"Sergei Ryabkov {HOSTILE}"),
                sentence_index=0,
                start=0,
                end=10,
            )
        ]
        store_merged(store, events, quotes)
        return build_report(store, tmp_path / "report.html")


def test_report_renders_in_chromium_with_its_dyad_plot(tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    playwright = pytest.importorskip("playwright.sync_api")
    from PIL import Image

    report = build_sample_report(tmp_path)
    problems: list[str] = []
    requests: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda message: message.type in ("error", "warning") and problems.append(message.text))
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.on("request", lambda request: requests.append(request.url))
            page.goto(report.as_uri(), wait_until="load")

            assert problems == []
            # Only the file itself and inline data: no network, nothing fetched.
            assert all(url.startswith(("file:", "data:")) for url in requests), requests
            # Hostile markup in titles, quotes and evidence is text, not elements or handlers.
            assert page.evaluate("window.__pwned") is None
            assert page.evaluate("document.querySelectorAll('script').length") == 0
            assert page.locator("h3", has_text="<script>").count() == 1

            plot = page.locator("img.dyad-plot").first
            box = plot.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 50
            natural = page.evaluate("document.querySelector('img.dyad-plot').naturalWidth")
            assert natural > 0  # the PNG decoded

            screenshot = page.screenshot(full_page=True)
            (tmp_path / "report.png").write_bytes(screenshot)
            plot_shot = plot.screenshot()
        finally:
            browser.close()

    page_pixels = np.asarray(Image.open(io.BytesIO(screenshot)).convert("L"), dtype=np.float32)
    plot_pixels = np.asarray(Image.open(io.BytesIO(plot_shot)).convert("RGB"), dtype=np.float32)
    assert page_pixels.std() > 10  # not a blank page
    assert plot_pixels.std() > 10  # the plot has content
    # The conflict bars (verbal conflict is orange, #f0a04b) are drawn.
    orange = np.all(np.abs(plot_pixels - np.array([240, 160, 75])) < 30, axis=-1)
    assert orange.sum() > 50
