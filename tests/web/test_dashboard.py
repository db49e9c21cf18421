"""The dashboard in Debian Chromium: overview → story → event → evidence highlighted, inert untrusted text.

The server is real (uvicorn on loopback over a database the pipeline built from tests/resources/api). One test
walks whatever stories the pipeline produced; the other pins a known story whose events and quotes are served
by Playwright in the API's JSON shape, built from the real stored articles, so the dashboard is checked even
when a stage yields nothing for these few articles.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import LiveServer, store_merged
from redline.records import Actor, Article, Event, Report, Span
from redline.store import Store

CHROMIUM = Path("/usr/bin/chromium")
RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "api"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (/usr/bin/chromium)"),
]


@pytest.fixture(scope="module")
def base_url(api_server: LiveServer) -> str:
    return api_server.url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


class Watched:
    """A page with its console errors, uncaught exceptions and dialogs recorded."""

    def __init__(self, browser: Any) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def wait_ready(self, route: str) -> None:
        self.page.wait_for_function("want => document.body.dataset.ready === want", arg=route)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    page = Watched(browser)
    yield page
    page.close()


def check_screenshot(path: Path) -> None:
    """The screenshot exists and is not blank: many distinct colours, not one flat fill."""
    from PIL import Image

    assert path.stat().st_size > 5000
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 20, f"{path.name} looks blank"


def _span(text: str, sentence: str) -> tuple[int, int]:
    start = text.index(sentence)
    return start, start + len(sentence)


def known_story(base_url: str) -> dict[str, Any]:
    """A story over the real stored articles, with one merged event reported by two outlets and quotes."""
    articles = httpx.get(f"{base_url}/api/articles", params={"limit": 10}).json()["items"]
    by_outlet = {a["outlet"]: a for a in articles}
    first, second = by_outlet["hillside-courier.example"], by_outlet["northgate-times.example"]
    hostile = by_outlet["lowland-herald.example"]
    s1 = "Armenian Prime Minister Nikol Pashinyan warned that Yerevan would respond if the attacks continued."
    s2 = "Prime Minister Nikol Pashinyan threatened to respond if the shelling did not stop."
    armenia = {
        "text": "Pashinyan",
        "name": "Nikol Pashinyan",
        "country": "ARM",
        "sector": "GOV",
        "role": None,
        "kb_id": None,
        "start": -1,
        "end": -1,
    }
    azerbaijan = {
        "text": "Azerbaijan",
        "name": "Azerbaijan",
        "country": "AZE",
        "sector": None,
        "role": None,
        "kb_id": None,
        "start": -1,
        "end": -1,
    }
    reports = []
    for article, sentence in ((first, s1), (second, s2)):
        start, end = _span(article["text"], sentence)
        reports.append(
            {
                "article_id": article["id"],
                "outlet": article["outlet"],
                "sentence": sentence,
                "start": start,
                "end": end,
                "date": "2023-03-14",
            }
        )
    event = {
        "id": "ev-threat",
        "event_type": "THREATEN",
        "article_id": first["id"],
        "text": s1,
        "trigger": {"text": "warned", "start": 0, "end": 6},
        "actor": [armenia],
        "recipient": [azerbaijan],
        "mode": None,
        "negated": False,
        "hypothetical": False,
        "future": False,
        "context": [],
        "date": "2023-03-14",
        "date_end": None,
        "location": "ARM",
        "intensity": -4.0,
        "quad": 3,
        "confidence": 0.9,
        "rule": "warn",
        "quote_id": None,
        "sentence_index": 1,
        "story_id": "story-known",
        "reports": reports,
        "disagreements": {},
        "report_count": 2,
    }
    quote_text = f"This law {XSS_SCRIPT} has no place in Georgia"
    quote = {
        "id": "q1",
        "article_id": hostile["id"],
        "text": quote_text,
        "kind": "direct",
        "cue": "told",
        "speaker": {
            "mention": "Zourabichvili",
            "name": "Salome Zourabichvili",
            "country": "GEO",
            "sector": "GOV",
            "role": "President",
            "kb_id": None,
        },
        "sentence_index": 2,
        "start": 0,
        "end": 10,
        "audience": None,
        "statement_id": None,
    }
    members = [first, second, hostile]
    return {
        "id": "story-known",
        "title": hostile["title"],
        "articles": members,
        "outlets": sorted(a["outlet"] for a in members),
        "languages": ["en"],
        "start": "2023-03-11",
        "end": "2023-03-14",
        "events": [event],
        "quotes": [quote],
    }


def serve_known_story(page: Any, story: dict[str, Any]) -> None:
    listing = {"items": [{**story, "articles": [a["id"] for a in story["articles"]], "size": 3}], "next": None}
    days = [
        {"date": "2023-03-13", "counts": [1, 0, 0, 0], "intensity": 1.0, "conflict": 0.0, "events": []},
        {"date": "2023-03-14", "counts": [0, 0, 1, 0], "intensity": -4.0, "conflict": 4.0, "events": ["ev-threat"]},
    ]
    dyads = {
        "items": [
            {
                "actor": "ARM",
                "recipient": "AZE",
                "label": "ARM → AZE",
                "events": 2,
                "conflict": 4.0,
                "intensity": -3.0,
                "days": days,
            }
        ],
        "next": None,
    }
    alerts = {
        "items": [
            {
                "actor": "ARM",
                "recipient": "AZE",
                "date": "2023-03-14",
                "kind": "first",
                "score": 4.0,
                "baseline_mean": 0.0,
                "baseline_sd": 0.0,
                "threshold": 3.0,
                "events": ["ev-threat"],
            }
        ],
        "next": None,
    }
    event = story["events"][0]
    dyad = {**dyads["items"][0], "alerts": alerts["items"]}
    actor = {
        "actor": "ARM",
        "events_as_actor": [event],
        "events_as_recipient": [],
        "quotes": [],
        "dyads": [{k: v for k, v in dyads["items"][0].items() if k != "days"}],
    }
    bodies = {
        "/api/stories": listing,
        "/api/stories/story-known": story,
        "/api/dyads": dyads,
        "/api/alerts": alerts,
        "/api/dyads/ARM/AZE": dyad,
        "/api/actors/ARM": actor,
        "/api/events": {"items": [event], "next": None},
        "/api/events/ev-threat": {**event, "articles": []},
    }

    def handle(route: Any) -> None:
        path = route.request.url.split("://", 1)[1].split("/", 1)[1].split("?", 1)[0]
        body = bodies.get("/" + path)
        if body is None:
            route.continue_()
        else:
            route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route("**/api/**", handle)


def test_overview_story_event_evidence(base_url: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    story = known_story(base_url)
    serve_known_story(page, story)
    page.goto(base_url + "/")
    watched.wait_ready("/")
    assert page.locator("ul.alerts").get_by_text("ARM → AZE").is_visible()
    assert page.locator("svg.spark polyline").count() == 2
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    check_screenshot(tmp_path / "overview.png")

    # overview → story: the hostile title is a link whose text is the raw markup, shown as text
    page.locator("ul.stories a").first.click()
    watched.wait_ready("/story/story-known")
    assert page.locator("h1").inner_text() == story["title"]
    assert XSS_SCRIPT in page.locator("h1").inner_text()
    assert page.locator("article.article").count() == 3
    assert page.get_by_text(XSS_IMG, exact=False).first.is_visible()
    assert page.locator("img").count() == 0
    assert page.locator(".quote-text").first.inner_text() == f"“{story['quotes'][0]['text']}”"
    assert page.locator(".speaker").first.inner_text() == "Salome Zourabichvili"

    # story → event → the evidence sentence highlighted in each reporting article
    page.locator("tr.event-row").first.click()
    marks = page.locator("article.article mark.evidence")
    marks.first.wait_for()
    assert marks.count() == 2
    highlighted = {marks.nth(i).inner_text() for i in range(2)}
    assert highlighted == {r["sentence"] for r in story["events"][0]["reports"]}
    assert page.locator("article.reported").count() == 2
    note = page.locator(".evidence-note").inner_text()
    assert "Nikol Pashinyan → Azerbaijan" in note
    assert "2 of 2 report(s): hillside-courier.example, northgate-times.example" in note
    page.screenshot(path=str(tmp_path / "evidence.png"), full_page=True)
    check_screenshot(tmp_path / "evidence.png")

    # removed boilerplate on demand
    assert page.locator(".removed").first.is_hidden()
    page.locator("#show-removed").check()
    assert page.locator(".removed").first.is_visible()

    # the event's actor → actor page (network of partners) → dyad page (series with the alert marked)
    page.locator("tr.event-row a").first.click()
    watched.wait_ready("/actor/ARM")
    assert page.locator("svg.network line").count() == 1
    page.locator("a", has_text="ARM → AZE").first.click()
    watched.wait_ready("/dyad/ARM/AZE")
    assert page.locator("svg.chart circle").count() == 1
    assert page.locator("svg.chart polyline").count() == 2
    page.screenshot(path=str(tmp_path / "dyad.png"), full_page=True)
    check_screenshot(tmp_path / "dyad.png")

    # events explorer: filters, timeline, table; a row opens its story
    page.goto(base_url + "/#/events?type=THREATEN")
    watched.wait_ready("/events?type=THREATEN")
    assert page.locator("select[name=type]").input_value() == "THREATEN"
    assert page.locator("svg.timeline rect.bar").count() == 1  # one event: one bar, on a time axis
    page.locator("tr.event-row td").first.click()
    watched.wait_ready("/story/story-known")

    assert watched.dialogs == []
    assert watched.errors == []


def test_pipeline_stories_render(base_url: str, watched: Watched, tmp_path: Path) -> None:
    """Whatever the pipeline built: overview, then each story with its events, with no errors."""
    page = watched.page
    page.goto(base_url + "/")
    watched.wait_ready("/")
    assert page.locator(".card").count() == 6
    page.screenshot(path=str(tmp_path / "pipeline-overview.png"), full_page=True)
    check_screenshot(tmp_path / "pipeline-overview.png")
    stories = httpx.get(f"{base_url}/api/stories").json()["items"]
    for story in stories:
        page.goto(f"{base_url}/#/story/{story['id']}")
        watched.wait_ready(f"/story/{story['id']}")
        assert page.locator("article.article").count() == len(story["articles"])
        rows = page.locator("tr.event-row")
        if rows.count():
            rows.first.click()
            assert "evidence highlighted" in page.locator(".evidence-note").inner_text()
    page.goto(f"{base_url}/#/events")
    watched.wait_ready("/events")
    page.goto(f"{base_url}/#/actor/NOBODY")
    watched.wait_ready("/actor/NOBODY")
    assert "NOBODY" in page.locator("#banner").inner_text()
    assert page.locator("img").count() == 0
    assert watched.dialogs == []
    # the 404 above is an expected failed fetch; nothing else may log an error
    assert [e for e in watched.errors if "404" not in e] == []


def test_token_prompt_then_overview(base_url: str, watched: Watched, tmp_path_factory: pytest.TempPathFactory) -> None:
    """With a token, the dashboard asks for it once and then sends it as a Bearer header."""
    db = tmp_path_factory.mktemp("token") / "redline.db"
    Store(db).close()
    from redline.api import create_app

    with LiveServer(create_app(db, token="tok-123")) as live:
        page = watched.page
        page.goto(f"{live.url}/")
        watched.wait_ready("/")
        page.locator("#banner input[type=password]").fill("tok-123")
        page.locator("#banner button").click()
        page.locator(".card").first.wait_for()
        assert page.locator("#banner").is_hidden()
        assert page.locator(".card").count() == 6
    assert [e for e in watched.errors if "401" not in e] == []


# -- certainty: modality, confidence and rule on every row; factual-only; sorting; sources -------------------

ORIGINAL_URL = "https://hillside-courier.example/news/armenia-warns"
SENTENCES = {
    "c1": "Armenia warned Azerbaijan that it would respond to any new shelling.",
    "c2": "Armenia did not mobilize its reserves, the defence ministry said.",
    "c3": "If the talks fail, Armenia could strike the positions near the border.",
}


def _certain_event(
    event_id: str, event_type: str, article: str, confidence: float, rule: str, **flags: object
) -> Event:
    armenia = Actor(text="Armenia", name="Armenia", country="ARM")
    azerbaijan = Actor(text="Azerbaijan", name="Azerbaijan", country="AZE")
    sentence = SENTENCES[article]
    reports = [Report(article_id=article, outlet=f"{article}.example", sentence=sentence, start=0, end=len(sentence))]
    if event_id == "ev-warn":  # one act told by two outlets
        reports.append(Report(article_id="c2", outlet="c2.example", sentence=SENTENCES["c2"], start=0, end=5))
    return Event(
        id=event_id,
        event_type=event_type,
        article_id=article,
        text=sentence,
        trigger=Span(text="x", start=0, end=1),
        actor=[armenia],
        recipient=[azerbaijan],
        date=f"2023-03-1{article[-1]}",
        quad=3 if event_type == "THREATEN" else 4,
        confidence=confidence,
        rule=rule,
        reports=reports,
        **flags,  # type: ignore[arg-type]
    )


CERTAIN_EVENTS = [
    _certain_event("ev-warn", "THREATEN", "c1", 0.91, "threaten.warn", mode="disapprove", modality="asserted"),
    _certain_event(
        "ev-nomob", "MOBILIZE", "c2", 0.55, "mobilize.reserves", mode="troops", negated=True, modality="negated"
    ),
    _certain_event("ev-if", "ASSAULT", "c3", 0.72, "assault.strike", hypothetical=True, modality="hypothetical"),
]


@pytest.fixture(scope="module")
def certain_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real store and server holding an asserted, a negated and a hypothetical event (the API filters them)."""
    path = tmp_path_factory.mktemp("certainty") / "redline.db"
    with Store(path) as db:
        for article_id, sentence in SENTENCES.items():
            url = ORIGINAL_URL if article_id == "c1" else None
            text = f"{sentence} More text follows."
            db.add_article(
                Article(
                    id=article_id,
                    text=text,
                    source=article_id,
                    title=f"Report {article_id}",
                    outlet=f"{article_id}.example",
                    url=url,
                    published=f"2023-03-1{article_id[-1]}",
                    language="en",
                    content_hash=article_id,
                )
            )
        store_merged(db, CERTAIN_EVENTS, [])
    from redline.api import create_app

    with LiveServer(create_app(path)) as live:
        yield live.url


def _rows(page: Any) -> list[dict[str, str]]:
    return page.locator("tr.event-row").evaluate_all(
        """rows => rows.map(r => ({
            id: r.dataset.id,
            cls: r.className,
            type: r.querySelector("td.type").innerText,
            mode: r.querySelector("td.mode").innerText,
            modality: r.querySelector("td.modality .badge").innerText,
            confidence: r.querySelector("td.confidence").innerText,
            rule: r.querySelector("td.rule").innerText,
        }))"""
    )


def test_events_show_certainty_and_sort(certain_url: str, watched: Watched, tmp_path: Path) -> None:
    page = watched.page
    page.goto(certain_url + "/#/events")
    watched.wait_ready("/events")
    rows = {r["id"]: r for r in _rows(page)}
    assert set(rows) == {"ev-warn", "ev-nomob", "ev-if"}
    assert rows["ev-warn"] | {"cls": ""} == {
        "id": "ev-warn",
        "cls": "",
        "type": "THREATEN",
        "mode": "disapprove",
        "modality": "asserted",
        "confidence": "0.91",
        "rule": "threaten.warn",
    }
    assert (rows["ev-if"]["modality"], rows["ev-if"]["confidence"], rows["ev-if"]["rule"]) == (
        "hypothetical",
        "0.72",
        "assault.strike",
    )
    # the negated act is never shown as a plain one: "not MOBILIZE", a negated badge, a marked row
    negated = rows["ev-nomob"]
    assert negated["type"] == "not MOBILIZE"
    assert negated["modality"] == "negated"
    assert "negated" in negated["cls"].split()
    assert "negated" not in rows["ev-warn"]["cls"].split()
    page.screenshot(path=str(tmp_path / "certainty.png"), full_page=True)
    check_screenshot(tmp_path / "certainty.png")

    # a click on Confidence sorts the rows, highest first; a second click lowest first
    page.locator("th button.sort[data-sort=confidence]").click()
    assert [r["confidence"] for r in _rows(page)] == ["0.91", "0.72", "0.55"]
    page.locator("th button.sort[data-sort=confidence]").click()
    assert [r["confidence"] for r in _rows(page)] == ["0.55", "0.72", "0.91"]
    page.locator("th button.sort[data-sort=date]").click()
    assert [r["id"] for r in _rows(page)] == ["ev-if", "ev-nomob", "ev-warn"]

    # type and mode are chosen from the codebook the API serves, not typed
    types = page.locator("select[name=type] option").all_inner_texts()
    assert types[0] == "any" and {"THREATEN", "MOBILIZE", "ASSAULT", "AGREE"} <= set(types)
    assert "troops" in page.locator("select[name=mode] option").all_inner_texts()
    page.locator("select[name=type]").select_option("MOBILIZE")
    page.locator("form.filters button[type=submit]").click()
    watched.wait_ready("/events?type=MOBILIZE")
    assert [r["id"] for r in _rows(page)] == ["ev-nomob"]
    assert watched.dialogs == []
    assert watched.errors == []


def test_factual_only_toggle(certain_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(certain_url + "/#/events")
    watched.wait_ready("/events")
    toggle = page.locator("#factual-only")
    assert toggle.is_visible() and not toggle.is_checked()
    assert len(_rows(page)) == 3
    toggle.check()
    watched.wait_ready("/events?modality=asserted")
    assert page.url.endswith("#/events?modality=asserted")
    assert page.locator("#factual-only").is_checked()
    assert [(r["id"], r["modality"]) for r in _rows(page)] == [("ev-warn", "asserted")]
    assert "Only asserted acts" in page.locator(".scope").inner_text()
    # the toggle keeps the other filters, and the filters keep it
    page.locator("select[name=quad]").select_option("4")
    page.locator("form.filters button[type=submit]").click()
    watched.wait_ready("/events?quad=4&modality=asserted")
    assert _rows(page) == []
    page.locator("#factual-only").uncheck()
    watched.wait_ready("/events?quad=4")
    assert {r["id"] for r in _rows(page)} == {"ev-nomob", "ev-if"}
    assert watched.errors == []


def test_event_page_links_to_its_sources(certain_url: str, watched: Watched) -> None:
    page = watched.page
    page.goto(certain_url + "/#/event/ev-warn")
    watched.wait_ready("/event/ev-warn")
    assert page.locator("h1").inner_text().startswith("THREATEN")
    certainty = page.locator(".certainty").inner_text()
    assert "asserted" in certainty and "confidence 0.91" in certainty and "threaten.warn" in certainty
    reports = page.locator("li.report")
    assert reports.count() == 2
    first, second = reports.nth(0), reports.nth(1)
    assert "c1.example · 2023-03-11 · Report c1" in first.inner_text()
    assert first.locator("a.source").get_attribute("href") == ORIGINAL_URL
    assert "c2.example · 2023-03-12" in second.inner_text()
    assert second.locator("a.source").count() == 0  # no address stored: the stored copy only
    assert second.locator("a", has_text="stored copy").get_attribute("href") == "#/article/c2?start=0&end=5"
    # the stored copy: the article with the evidence highlighted
    first.locator("a", has_text="stored copy").click()
    watched.wait_ready(f"/article/c1?start=0&end={len(SENTENCES['c1'])}")
    assert page.locator("h1").inner_text() == "Report c1"
    assert page.locator("mark.evidence").inner_text() == SENTENCES["c1"]
    assert page.locator("a.source").get_attribute("href") == ORIGINAL_URL

    # a negated event's page says so before anything else
    page.goto(certain_url + "/#/event/ev-nomob")
    watched.wait_ready("/event/ev-nomob")
    assert page.locator("h1").inner_text().startswith("not MOBILIZE")
    assert page.locator(".certainty .badge").inner_text() == "negated"
    assert watched.errors == []
