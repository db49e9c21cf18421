"""The dashboard's charts and layout in Debian Chromium: time-proportional axes, shared scales, the dyad network,
the alerts page, a phone-sized screen, and a walk over every page with zero console errors.

Two real servers: one over a store of hand-built events on known dates (1 and 10 days apart, and one stray
date decades away), so positions can be measured; one over the database the pipeline built (``api_server``),
walked page by page on a desktop and a 375x800 screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import LiveServer
from redline.records import Actor, Article, Event, Report, Span
from redline.store import Store

CHROMIUM = Path("/usr/bin/chromium")
PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 800}

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


class Tab:
    """A page of a fresh context that records console errors and uncaught exceptions, and aborts any request
    that leaves ``base`` (the dashboard works offline)."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int]) -> None:
        self.base = base
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.context.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(self.base + "/") or url.startswith("data:"):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def open(self, route: str) -> None:
        """Go to a dashboard route ("/events") or to /docs, and wait until it has drawn."""
        if route == "/docs":
            self.page.goto(self.base + "/docs")
            self.page.locator(".swagger-ui .opblock").first.wait_for()
            return
        self.page.goto(f"{self.base}/#{route}")
        self.wait_ready(route)

    def wait_ready(self, route: str) -> None:
        self.page.wait_for_function("want => document.body.dataset.ready === want", arg=route)

    def overflow(self) -> tuple[int, int]:
        return tuple(self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))

    def close(self) -> None:
        self.context.close()


# -- a store of events on known dates ------------------------------------------------------------------------

ARM = Actor(text="Armenia", name="Armenia", country="ARM")
AZE = Actor(text="Azerbaijan", name="Azerbaijan", country="AZE")
TUR = Actor(text="Turkey", name="Turkey", country="TUR")
SENTENCE = "Armenia and Azerbaijan traded accusations as Turkey sent aid."

# (id, actor, recipient, date, type, quad, Goldstein, confidence, modality)
PLAN = [
    ("e1", ARM, AZE, "2023-03-01", "THREATEN", 3, -4.0, 0.7, "asserted"),
    ("e2", ARM, AZE, "2023-03-01", "ACCUSE", 3, -2.0, 0.7, "asserted"),
    ("e3", ARM, AZE, "2023-03-02", "ASSAULT", 4, -10.0, 0.7, "asserted"),
    ("e4", AZE, ARM, "2023-03-02", "ACCUSE", 3, -2.0, 0.7, "asserted"),
    ("e5", ARM, AZE, "2023-03-05", "ASSAULT", 4, -10.0, 0.7, "hypothetical"),
    ("e6", TUR, AZE, "2023-03-12", "AID", 2, 7.0, 0.7, "asserted"),
    ("e7", ARM, AZE, "2023-03-12", "ASSAULT", 4, -10.0, 0.95, "asserted"),
    ("e8", ARM, AZE, "1990-01-01", "THREATEN", 3, -4.0, 0.95, "asserted"),  # a stray date, decades off
]


def _events() -> list[Event]:
    events = []
    for event_id, actor, recipient, date, kind, quad, goldstein, confidence, modality in PLAN:
        report = Report(article_id="a1", outlet="a1.example", sentence=SENTENCE, start=0, end=len(SENTENCE))
        events.append(
            Event(
                id=event_id,
                event_type=kind,
                article_id="a1",
                text=SENTENCE,
                trigger=Span(text="traded", start=0, end=6),
                actor=[actor],
                recipient=[recipient],
                date=date,
                quad=quad,
                intensity=goldstein,
                confidence=confidence,
                rule="test.rule",
                reports=[report],
                modality=modality,
                hypothetical=modality == "hypothetical",
            )
        )
    return events


@pytest.fixture(scope="module")
def dated_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("dated") / "redline.db"
    with Store(path) as db:
        db.add_article(
            Article(
                id="a1",
                text=SENTENCE,
                source="a1",
                title="Accusations and aid",
                outlet="a1.example",
                published="2023-03-12",
                language="en",
                content_hash="a1",
            )
        )
        events = _events()
        db.add_events("a1", events)  # one article's events, stored at once (each add replaces its article's)
        for event in events:
            db.set_merge(event, [])
    from redline.api import create_app

    with LiveServer(create_app(path)) as live:
        yield live.url


@pytest.fixture
def tab(browser: Any, dated_url: str) -> Iterator[Tab]:
    opened = Tab(browser, dated_url, DESKTOP)
    yield opened
    opened.close()


def bar_positions(page: Any, chart: str) -> dict[str, float]:
    """Each day bar of ``chart``: its date → the x of its centre."""
    return page.locator(f"svg.{chart} g.day").evaluate_all(
        "gs => Object.fromEntries(gs.map(g => [g.dataset.date, Number(g.dataset.x)]))"
    )


def axis_texts(page: Any, chart: str) -> dict[str, list[str]]:
    return page.locator(f"svg.{chart}").first.evaluate(
        """svg => ({
            xticks: [...svg.querySelectorAll('.x-axis text.tick')].map(t => t.textContent),
            yticks: [...svg.querySelectorAll('.y-axis text.tick')].map(t => t.textContent),
            titles: [...svg.querySelectorAll('text.axis-title')].map(t => t.textContent),
        })"""
    )


def assert_proportional(x: dict[str, float]) -> None:
    """03-01 → 03-02 is one day and 03-02 → 03-12 ten: the distances are in that ratio."""
    one = x["2023-03-02"] - x["2023-03-01"]
    ten = x["2023-03-12"] - x["2023-03-02"]
    assert one > 0
    assert ten / one == pytest.approx(10, rel=1e-3)


# -- the helpers the charts rest on ---------------------------------------------------------------------------


def test_range_ticks_and_scale_helpers(tab: Tab) -> None:
    tab.open("/alerts")
    page = tab.page
    # a stray date decades off is left out of the range, and counted
    stray = page.evaluate(
        """() => robustRange([["1990-01-01", 1], ["2022-01-10", 5], ["2022-01-11", 2], ["2022-02-03", 4]]
            .map(([d, w]) => ({ day: dayNumber(d), weight: w })))"""
    )
    assert stray["outside"] == 1
    assert page.evaluate(f"[isoDay({stray['lo']}), isoDay({stray['hi']})]") == ["2022-01-10", "2022-02-03"]
    # two clusters months apart are both the bulk: nothing left out
    both = page.evaluate(
        """() => robustRange([["2022-01-10", 5], ["2022-06-10", 5]]
            .map(([d, w]) => ({ day: dayNumber(d), weight: w })))"""
    )
    assert both["outside"] == 0
    assert page.evaluate("dayNumber('not a date')") is None
    # ticks: days for a fortnight, Mondays for a quarter, months for two years, years for decades
    ticks = page.evaluate(
        """() => [["2023-03-01", "2023-03-08"], ["2023-01-01", "2023-03-31"], ["2021-01-15", "2022-12-20"],
                  ["1990-01-01", "2022-12-31"]].map(([a, b]) => timeTicks(dayNumber(a), dayNumber(b), 10)
                  .map(t => [isoDay(t.day), t.label]))"""
    )
    assert ticks[0][0] == ["2023-03-01", "1 Mar"] and len(ticks[0]) == 8
    assert all(page.evaluate(f"new Date('{d}').getUTCDay()") == 1 for d, _ in ticks[1])
    assert ticks[2][0] == ["2021-04-01", "Apr 2021"] and all(d.endswith("-01") for d, _ in ticks[2])
    assert [label for _, label in ticks[3]][:3] == ["1990", "1995", "2000"]
    assert all(0 < len(t) <= 10 for t in ticks)
    assert page.evaluate("niceScale(7, 5)") == {"top": 8, "step": 2}
    assert page.evaluate("niceScale(0, 5)") == {"top": 1, "step": 1}
    assert tab.errors == []


# -- overview: the crisis timeline, the dyad network, the sparklines -----------------------------------------


def test_overview_timeline_is_time_proportional(tab: Tab) -> None:
    tab.open("/")
    page = tab.page
    x = bar_positions(page, "timeline")
    assert set(x) == {"2023-03-01", "2023-03-02", "2023-03-05", "2023-03-12"}  # 1990 is not drawn
    assert_proportional(x)
    timeline = page.locator("svg.timeline")
    assert (timeline.get_attribute("data-lo"), timeline.get_attribute("data-hi")) == ("2023-03-01", "2023-03-12")
    assert "1 event(s) outside the range shown (1990-01-01)" in page.locator(".outside-note").first.inner_text()
    # labelled axes: day ticks, a y scale from 0, both titled with their units
    axes = axis_texts(page, "timeline")
    assert axes["xticks"][:3] == ["1 Mar", "3 Mar", "5 Mar"]  # every other day: 12 days on 700 px
    assert axes["yticks"][0] == "0" and len(axes["yticks"]) >= 2
    assert "events per day" in axes["titles"]
    assert any(t.startswith("date (2023") for t in axes["titles"])
    # a tick sits where its day's bar would: the axis is the bars' time scale
    per_day = (x["2023-03-12"] - x["2023-03-01"]) / 11
    tick_x = page.locator("svg.timeline .x-axis text.tick[data-day='2023-03-05']").get_attribute("x")
    assert float(tick_x) == pytest.approx(x["2023-03-01"] + 4 * per_day, abs=0.01)
    # stacked by quad class, with a legend
    assert page.locator("svg.timeline g.day[data-date='2023-03-01'] rect.bar").count() == 1
    assert page.locator("svg.timeline g.day[data-date='2023-03-12'] rect.bar").count() == 2
    legend = page.locator(".timeline-box .legend").inner_text()
    for quad in ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict"):
        assert quad in legend

    # factual only: the hypothetical strike of 03-05 leaves the timeline
    page.locator("#factual-only").check()
    tab.wait_ready("/?modality=asserted")
    assert page.locator("#factual-only").is_checked()
    assert set(bar_positions(page, "timeline")) == {"2023-03-01", "2023-03-02", "2023-03-12"}
    assert_proportional(bar_positions(page, "timeline"))
    page.locator("#factual-only").uncheck()
    tab.wait_ready("/")
    assert tab.errors == [] and tab.outside == []


def test_overview_network_and_shared_sparklines(tab: Tab) -> None:
    tab.open("/")
    page = tab.page
    network = page.locator("svg.dyad-network")
    names = network.locator("a.node").evaluate_all("ns => ns.map(n => n.dataset.name)")
    assert names == ["ARM", "AZE", "TUR"]  # a circle in alphabetical order: the same layout every time
    assert network.locator("text.node-label").all_text_contents() == ["ARM", "AZE", "TUR"]
    edges = network.locator("a.edge-link").evaluate_all(
        """as => as.map(a => [a.getAttribute('href'), Number(a.firstChild.dataset.events),
                              Number(a.firstChild.dataset.goldstein), a.firstChild.getAttribute('stroke-width')])"""
    )
    by_href = {href: (events, goldstein, width) for href, events, goldstein, width in edges}
    assert set(by_href) == {"#/dyad/ARM/AZE", "#/dyad/AZE/ARM", "#/dyad/TUR/AZE"}
    assert by_href["#/dyad/ARM/AZE"][0] == 5  # asserted acts, the stray one included (it is a real act)
    assert by_href["#/dyad/ARM/AZE"][1] < 0 < by_href["#/dyad/TUR/AZE"][1]  # conflict red, cooperation green
    assert float(by_href["#/dyad/ARM/AZE"][2]) > float(by_href["#/dyad/TUR/AZE"][2])  # heavier dyad, wider edge
    assert "mean Goldstein" in page.locator(".network-box .legend").inner_text()

    # sparklines: one time range and one y-scale for every row, with axes; the stray date does not stretch it
    sparks = page.locator("svg.spark").evaluate_all(
        """ss => ss.map(s => [s.dataset.lo, s.dataset.hi, s.dataset.ymax,
                              s.querySelectorAll('.x-axis text.tick').length,
                              s.querySelectorAll('.y-axis text.tick').length,
                              s.querySelectorAll('polyline').length])"""
    )
    assert len(sparks) == 3
    assert {tuple(s[:3]) for s in sparks} == {("2023-03-01", "2023-03-12", "2")}
    assert all(s[3:] == [2, 2, 2] for s in sparks)
    assert "one y-scale" in page.locator(".trend-note").inner_text()

    # a node opens its actor page, an edge its dyad page
    network.locator("a.node[data-name='TUR'] circle").click()
    tab.wait_ready("/actor/TUR")
    page.go_back()
    tab.wait_ready("/")
    page.locator("svg.dyad-network a.edge-link[href='#/dyad/TUR/AZE']").dispatch_event("click")
    tab.wait_ready("/dyad/TUR/AZE")
    assert tab.errors == [] and tab.outside == []


# -- the events, dyad and alerts pages ------------------------------------------------------------------------


def test_events_dyad_and_alerts_charts(tab: Tab) -> None:
    page = tab.page
    tab.open("/events")
    x = bar_positions(page, "timeline")
    assert "1990-01-01" not in x
    assert_proportional(x)
    assert "outside the range shown (1990-01-01)" in page.locator(".outside-note").inner_text()
    assert "events per day" in axis_texts(page, "timeline")["titles"]

    # the dyad's series: a point per day over the range (quiet days at zero), proportional, the alert circled
    tab.open("/dyad/ARM/AZE")
    series = page.locator("svg.series")
    assert (series.get_attribute("data-lo"), series.get_attribute("data-hi")) == ("2023-03-01", "2023-03-12")
    points = series.locator("polyline.conflict").get_attribute("points").split()
    xs = [float(p.split(",")[0]) for p in points]
    assert len(xs) == 12  # 1 to 12 March, every day
    steps = [b - a for a, b in pairwise(xs)]
    assert max(steps) - min(steps) <= 0.11  # equal steps per day (points are written to 0.1 px)
    axes = axis_texts(page, "series")
    assert axes["yticks"][0] == "0" and "events per day" in axes["titles"]
    assert "1 event(s) outside the range shown (1990-01-01)" in page.locator(".outside-note").inner_text()
    assert page.locator("svg.series circle.alert-mark").count() == 1

    # the alerts page: a chart of alerts per day and a table linking each dyad
    tab.open("/alerts")
    rows = page.locator("tr.alert-row")
    assert rows.count() == 1
    assert rows.first.locator("td.date").inner_text() == "2023-03-12"
    assert "alerts per day" in axis_texts(page, "alerts-chart")["titles"]
    rows.first.locator("a").click()
    tab.wait_ready("/dyad/ARM/AZE")
    assert tab.errors == [] and tab.outside == []


def test_phone_layout_never_overflows(browser: Any, dated_url: str) -> None:
    tab = Tab(browser, dated_url, PHONE)
    try:
        for route in ("/", "/events", "/event/e3", "/actor/ARM", "/dyad/ARM/AZE", "/alerts", "/article/a1", "/docs"):
            tab.open(route)
            width, inner = tab.overflow()
            assert width <= inner, f"{route} is {width}px wide on a {inner}px screen"
        tab.open("/events")
        # the wide table scrolls inside its own box, and the nav wraps instead of running off
        box = tab.page.locator(".table-scroll").first
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        assert tab.page.locator("header.top").evaluate("h => h.scrollWidth <= h.clientWidth")
        # a chart on a phone is drawn for the phone (its text stays legible), not scaled down from 760px
        assert int(tab.page.locator("svg.timeline").get_attribute("width")) <= PHONE["width"]
        assert tab.errors == [] and tab.outside == []
    finally:
        tab.close()


# -- every page of the pipeline's database, desktop and phone, zero console errors ---------------------------


def test_walk_every_page_without_errors(browser: Any, api_server: LiveServer) -> None:
    base = api_server.url
    stories = httpx.get(f"{base}/api/stories").json()["items"]
    events = httpx.get(f"{base}/api/events").json()["items"]
    dyads = httpx.get(f"{base}/api/dyads").json()["items"]
    assert stories and events and dyads, "the pipeline built nothing to walk"
    dyad = dyads[0]
    routes = [
        "/",
        "/events",
        f"/event/{events[0]['id']}",
        f"/story/{stories[0]['id']}",
        f"/actor/{dyad['actor']}",
        f"/dyad/{dyad['actor']}/{dyad['recipient']}",
        "/alerts",
        "/docs",
    ]
    for viewport in (DESKTOP, PHONE):
        tab = Tab(browser, base, viewport)
        try:
            for route in routes:
                tab.open(route)
                assert tab.page.locator("#banner").is_hidden(), f"{route}: {tab.page.locator('#banner').inner_text()}"
                width, inner = tab.overflow()
                assert width <= inner, f"{route} overflows a {inner}px screen ({width}px)"
                if route in ("/", "/events"):
                    axes = axis_texts(tab.page, "timeline")
                    assert axes["xticks"] and axes["yticks"] and "events per day" in axes["titles"]
            assert tab.errors == [], tab.errors
            assert tab.outside == []
        finally:
            tab.close()
