"""The HTML report: self-contained (no network), escaped untrusted text, stories, events, quotes and dyad plots."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from conftest import store_merged
from redline.analysis import dyad_series
from redline.records import Actor, Article, Event, Quote, Report, Span, Speaker
from redline.report import ReportData, build_report, collect, plot_dyad, render
from redline.store import Store
from redline.stories import cluster_articles

HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1">'
RUS = Actor(text="Russia", name="Russia", country="RUS")
NATO = Actor(text="NATO", name="NATO", country="NATO")


class TagCollector(HTMLParser):
    """Every element and attribute name in a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self.attributes.update(name for name, _ in attrs)


def topic_embed(texts: Sequence[str]) -> np.ndarray:
    """Texts mentioning NATO land together; anything else elsewhere."""
    return np.array([[1.0, 0.0] if "NATO" in text else [0.0, 1.0] for text in texts], dtype=np.float32)


def threat(
    event_id: str, article_id: str, date: str, story_id: str, outlets: Sequence[str], *, hypothetical: bool = False
) -> Event:
    text = f"Russia warned NATO of a military response. {HOSTILE}"
    return Event(
        id=event_id,
        event_type="THREATEN",
        article_id=article_id,
        text=text,
        trigger=Span("warned", 7, 13),
        actor=[RUS],
        recipient=[NATO],
        date=date,
        intensity=-6.0,
        quad=3,
        confidence=0.8,
        hypothetical=hypothetical,
        story_id=story_id,
        reports=[Report(article_id, outlet, text, 0, len(text), date) for outlet in outlets],
        disagreements={"date": ["2021-12-13", "2021-12-14"]} if len(outlets) > 1 else {},
    )


@pytest.fixture
def report_store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "report.db") as store:
        for n, (day, outlet) in enumerate([("2021-12-13", "TASS"), ("2021-12-14", "DW"), ("2021-12-21", "RT")]):
            store.add_article(
                Article(
                    id=f"a{n}",
                    text=f"Russia warned NATO of a military response on day {n}. The alliance refused.",
                    source=f"a{n}",
                    title=f"NATO warned {HOSTILE}" if n == 0 else f"Russia warns NATO ({outlet})",
                    published=day,
                    outlet=outlet,
                    language="en",
                    content_hash=f"a{n}",
                )
            )
        cluster_articles(store, ["a0", "a1", "a2"], embed=topic_embed)
        story_id = store.story_of("a0") or ""
        events = [
            threat("e0", "a0", "2021-12-13", story_id, ["TASS", "DW"]),
            threat("e2", "a2", "2021-12-21", story_id, ["RT"]),
        ]
        quotes = [
            Quote(
                id=f"q{n}",
                article_id=f"a{n}",
                text=f"We will respond militarily {HOSTILE}",
                kind="direct",
                cue="said",
                speaker=Speaker(mention="Ryabkov", name="Sergei Ryabkov"),
                sentence_index=0,
                start=0,
                end=10,
                statement_id="stmt-1",
            )
            for n in range(2)
        ]
        store_merged(store, events, quotes)
        yield store


def test_report_shows_stories_merged_events_quotes_and_plots(report_store: Store, tmp_path: Path) -> None:
    path = build_report(report_store, tmp_path / "out" / "report.html")
    html = path.read_text(encoding="utf-8")
    # All members tie on closeness, so the earliest title names the story: shown, as text.
    assert "<h3>NATO warned &lt;script&gt;" in html
    assert "2 from 2 outlets" in html and "disagree on date" in html  # the merged threat and its reports
    assert "Sergei Ryabkov" in html and "2 reports" in html  # the statement carried by two outlets
    assert "RUS → NATO" in html and html.count('class="dyad-plot"') == 1
    assert html.count("data:image/png;base64,") == 1


def test_report_is_self_contained_and_escapes_untrusted_text(report_store: Store, tmp_path: Path) -> None:
    html = build_report(report_store, tmp_path / "report.html").read_text(encoding="utf-8")
    tags = TagCollector()
    tags.feed(html)
    assert "script" not in tags.names and not any(name.startswith("on") for name in tags.attributes)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    # Nothing is fetched: no external sources, styles or links, and a CSP forbidding them besides.
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", html)
    assert "default-src 'none'" in html


def test_an_empty_database_still_gives_a_report(tmp_path: Path) -> None:
    with Store(tmp_path / "empty.db") as store:
        data = collect(store)
        html = render(data)
    assert "No stories yet" in html and "No dated events between two actors yet." in html


def test_dyad_plot_is_a_png_data_uri() -> None:
    events = [threat("e0", "a0", "2021-12-13", "s", ["TASS"]), threat("e1", "a1", "2021-12-20", "s", ["RT"])]
    (dyad,) = dyad_series(events)
    uri = plot_dyad(dyad)
    data = base64.b64decode(uri.removeprefix("data:image/png;base64,"))
    assert uri.startswith("data:image/png;base64,") and data.startswith(b"\x89PNG")
    assert len(data) > 2000


def test_render_needs_no_store() -> None:
    html = render(
        ReportData(
            generated="now",
            summary={"articles": 0, "outlets": 0, "first": None, "last": None, "stories": 0, "events": 0},
        )
    )
    assert html.startswith("<!DOCTYPE html>") and "Redline" in html


def test_cli_report_writes_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import redline.cli.stories as commands
    from redline.cli import cli

    written: list[Path] = []

    def fake_build(store: Store, out_path: str) -> Path:
        written.append(Path(out_path))
        Path(out_path).write_text("<!DOCTYPE html>", encoding="utf-8")
        return Path(out_path)

    monkeypatch.setattr(commands, "build_report", fake_build)
    out = tmp_path / "r.html"
    Store(tmp_path / "x.db").close()  # `report` reads a database: a missing one is refused
    result = CliRunner().invoke(cli, ["report", "--db", str(tmp_path / "x.db"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert written == [out] and out.exists()


def test_report_shows_each_alert_with_its_rule_and_evidence(tmp_path: Path) -> None:
    with Store(tmp_path / "alerts.db") as store:
        for n, day in enumerate(["2021-12-01", "2021-12-20", "2021-12-20"]):
            store.add_article(
                Article(id=f"a{n}", text="t", source=f"a{n}", published=day, outlet=f"outlet-{n}", content_hash=f"a{n}")
            )
        calm = threat("e-calm", "a0", "2021-12-01", "s", ["TASS", "RT"])
        spike = threat("e-spike", "a1", "2021-12-20", "s", ["TASS", "DW"])
        spike.reports[1].article_id = "a2"
        maybe = threat("e-maybe", "a2", "2021-12-20", "s", ["DW", "RT"], hypothetical=True)
        store_merged(store, [calm, spike, maybe], [])
        html = build_report(store, tmp_path / "report.html").read_text(encoding="utf-8")
    (alert,) = collect_alerts(html)
    assert "RUS → NATO" in alert and "spike" in alert
    assert "Rule:" in html and "min_score 6" in html and "2 reports or confidence" in html
    # The evidence: both reports of the asserted threat, with outlets and article ids; the conditional one is not.
    assert html.count("e-spike</code>") == 2 and "e-maybe</code>" not in html
    assert "<code>a1</code>, <code>a2</code>" in html


def collect_alerts(html: str) -> list[str]:
    table = html.split('<table class="alerts">', 1)[1].split("</table>", 1)[0]
    return [row for row in table.split("<tr>") if 'class="alert"' in row]


def test_the_reports_statements_are_the_most_widely_carried_without_reading_every_quote(tmp_path: Path) -> None:
    from redline.report import statements

    carried = {"wide": [0, 1, 2, 3], "middle": [0, 1, 4], "twice-one-outlet": [2, 5], "tied": [3, 4, 5]}
    with Store(tmp_path / "statements.db") as store:
        for n in range(6):
            outlet = "Echo" if n in (2, 5) else f"Outlet {n}"
            store.add_article(
                Article(id=f"a{n}", text="x", source=f"a{n}", published=f"2022-01-0{n + 1}", outlet=outlet,
                        content_hash=f"a{n}")
            )  # fmt: skip
            quotes = [
                Quote(
                    id=f"q-{name}-{n}", article_id=f"a{n}", text=f"Remark {name}.", kind="direct", cue="said",
                    speaker=Speaker(mention="Ryabkov"), sentence_index=0, start=0, end=5, statement_id=name,
                )
                for name, articles in carried.items() if n in articles
            ]  # fmt: skip
            quotes.append(Quote(id=f"alone-{n}", article_id=f"a{n}", text=f"An aside {n}.", kind="direct", cue="said",
                                speaker=Speaker(mention="Ryabkov"), sentence_index=1, start=6, end=9))  # fmt: skip
            store.add_quotes(f"a{n}", quotes)
        ids = [f"a{n}" for n in range(6)]
        outlets = store.article_outlets(ids)
        everything = statements(store.quotes(article_ids=ids), outlets)
        for limit in (1, 2, 3):
            chosen = store.widest_statements(ids, limit)
            assert statements(chosen, outlets)[:limit] == everything[:limit]
        assert [view.text for view in everything[:3]] == ["Remark wide.", "Remark middle.", "Remark tied."]
        # wide (4 quotes), middle (3) and tied (3, tied with middle), not the asides or the twice-carried remark
        assert len(store.widest_statements(ids, 2)) == 10 < len(store.quotes(article_ids=ids))
