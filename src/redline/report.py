"""`redline report`: one self-contained HTML file an analyst can mail around and open offline.

Everything is inline (CSS, plots as base64 PNG drawn with matplotlib's Agg backend) and a Content-Security-Policy
forbids scripts and network loads. Article titles, quotes and evidence are untrusted input: the template is
rendered with autoescaping on, so they always show as text.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from redline.analysis import AlertParams, Dyad, actor_key, detect_alerts, dyad_series, trusted_series
from redline.records import Actor, Alert, Event, Quote, Report, Story
from redline.stories.canonical import outlet_count, report_count

if TYPE_CHECKING:
    from redline.store import Store

TEMPLATE = "report.html.j2"
QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLOURS = ("#8fc7a3", "#2e8b57", "#f0a04b", "#c0392b")


@dataclass(slots=True)
class EventView:
    """A canonical event as the report lists it."""

    event: Event
    actor: str
    recipient: str
    reports: list[Report]
    report_count: int
    outlet_count: int
    outlets: list[str]


@dataclass(slots=True)
class StoryView:
    story: Story
    events: list[EventView] = field(default_factory=list)


@dataclass(slots=True)
class StatementView:
    """One statement (linked quotes) with who said it and which outlets carried it."""

    speaker: str
    text: str
    kind: str
    reports: int
    outlets: list[str]


@dataclass(slots=True)
class DyadView:
    dyad: Dyad
    plot: str  # data: URI of the PNG
    alerts: int


@dataclass(slots=True)
class ReportData:
    """Everything the template shows; built from the store by ``collect``, rendered by ``render``."""

    generated: str
    summary: dict[str, Any]
    stories: list[StoryView] = field(default_factory=list)
    statements: list[StatementView] = field(default_factory=list)
    dyads: list[DyadView] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)


def actors_label(actors: Sequence[Actor]) -> str:
    """ "Russia (RUS)"-style label of an actor list; "—" when empty."""
    parts = []
    for actor in actors:
        name = actor.name or actor.text
        key = actor_key(actor)
        parts.append(f"{name} ({key})" if key and key != name else name)
    return ", ".join(dict.fromkeys(parts)) or "—"


def event_view(event: Event, outlets: dict[str, tuple[str | None, str | None]]) -> EventView:
    reports = event.reports or []
    names = sorted({r.outlet or outlets.get(r.article_id, (None, None))[0] or r.article_id for r in reports})
    if not names and event.article_id:
        names = [outlets.get(event.article_id, (None, None))[0] or event.article_id]
    return EventView(
        event=event,
        actor=actors_label(event.actor),
        recipient=actors_label(event.recipient),
        reports=reports,
        report_count=report_count(event),
        outlet_count=outlet_count(event),
        outlets=names,
    )


def statements(quotes: Sequence[Quote], outlets: dict[str, tuple[str | None, str | None]]) -> list[StatementView]:
    """Quotes grouped by statement, most widely carried first."""
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.statement_id or quote.id, []).append(quote)
    views = []
    for group in groups.values():
        first = group[0]
        speaker = first.speaker.name or first.speaker.mention or "unknown speaker"
        views.append(
            StatementView(
                speaker=speaker,
                text=first.text,
                kind=first.kind,
                reports=len(group),
                outlets=sorted({outlets.get(q.article_id, (None, None))[0] or q.article_id for q in group}),
            )
        )
    views.sort(key=lambda v: (-len(v.outlets), -v.reports, v.speaker, v.text))
    return views


def plot_dyad(dyad: Dyad, alerts: Sequence[Alert] = ()) -> str:
    """Daily events by quad (stacked bars) and conflict score (line), alert days marked; a PNG data URI."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.ticker import MaxNLocator

    days = [datetime.fromisoformat(day.date) for day in dyad.days]
    figure, axis = plt.subplots(figsize=(6.4, 2.4), dpi=100)
    try:
        bottom = [0] * len(days)
        for quad in range(4):
            heights = [day.counts[quad] for day in dyad.days]
            drawn = [n for n, height in enumerate(heights) if height]  # a dense series: most days are empty
            axis.bar(
                [days[n] for n in drawn],
                [heights[n] for n in drawn],
                bottom=[bottom[n] for n in drawn],
                color=QUAD_COLOURS[quad],
                label=f"Q{quad + 1}",
                width=0.8,
            )
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        axis.set_ylabel("events")
        axis.yaxis.set_major_locator(MaxNLocator(integer=True))
        axis.set_ylim(0, max([*bottom, 1]) * 1.25)
        conflict = axis.twinx()
        conflict.plot(days, [day.conflict for day in dyad.days], color="#222222", linewidth=1.2, marker=".")
        alert_days = [datetime.fromisoformat(alert.date) for alert in alerts]
        if alert_days:
            scores = {alert.date: alert.score for alert in alerts}
            conflict.plot(alert_days, [scores[d.date().isoformat()] for d in alert_days], "v", color="#c0392b")
        conflict.set_ylabel("conflict")
        conflict.set_ylim(0, max([day.conflict for day in dyad.days] + [1.0]) * 1.25)
        locator = AutoDateLocator(maxticks=6)
        axis.xaxis.set_major_locator(locator)
        axis.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        axis.legend(loc="upper left", fontsize=7, ncol=4, frameon=False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    finally:
        plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


MAX_STATEMENTS = 15


def collect(
    store: Store,
    *,
    max_stories: int = 20,
    events_per_story: int = 8,
    max_dyads: int = 6,
    alert_params: AlertParams | None = None,
) -> ReportData:
    """Read what the report shows from the store (canonical events only: each act once; dyads and alerts from
    asserted acts, alerts from trusted ones with their evidence)."""
    story_list = store.stories(order="size", limit=max_stories)
    article_ids = [article_id for story in story_list for article_id in story.articles]
    outlets = store.article_outlets(article_ids)
    story_views = []
    for story in story_list:
        events = store.events(story=story.id, canonical_only=True)
        events.sort(key=lambda e: (-report_count(e), -outlet_count(e), -e.confidence, e.date or "", e.id))
        story_views.append(StoryView(story=story, events=[event_view(e, outlets) for e in events[:events_per_story]]))
    canonical = store.events(canonical_only=True)
    series = dyad_series(canonical)
    alert_list = detect_alerts(
        trusted_series(canonical, alert_params), alert_params, {event.id: event for event in canonical}
    )
    dyad_views = []
    for dyad in series[:max_dyads]:
        mine = [a for a in alert_list if a.actor == dyad.actor and a.recipient == dyad.recipient]
        dyad_views.append(DyadView(dyad=dyad, plot=plot_dyad(dyad, mine), alerts=len(mine)))
    summary = store.article_summary()
    summary["stories"] = len(store.stories())
    summary["events"] = len(canonical)
    return ReportData(
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        summary=summary,
        stories=story_views,
        statements=statements(store.widest_statements(article_ids, MAX_STATEMENTS), outlets)[:MAX_STATEMENTS],
        dyads=dyad_views,
        alerts=alert_list,
    )


def render(data: ReportData) -> str:
    """The report's HTML (autoescaped: no input text can become markup)."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("redline", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE).render(data=data, quad_names=QUAD_NAMES, quad_colours=QUAD_COLOURS)


def build_report(store: Store, out_path: str | Path) -> Path:
    """Write the self-contained HTML report of ``store`` to ``out_path`` (folders created); returns the path."""
    path = Path(out_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(collect(store)), encoding="utf-8")
    return path
