"""The JSON API against a real uvicorn server on loopback, over a database built by the pipeline."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from conftest import LiveServer
from redline.api import create_app
from redline.cli import cli
from redline.cli.serve import check_bind, is_loopback
from redline.ingest.sources import MAX_BYTES
from redline.records import Actor, Article, Event, Place, Quote, Report, Span, Speaker
from redline.store import Store

RESOURCES = Path(__file__).resolve().parent / "resources" / "api"
XSS = "<script>alert(1)</script>"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(api_db: Path) -> Path:
    return api_db


@pytest.fixture(scope="module")
def server(api_server: LiveServer) -> LiveServer:
    return api_server


@pytest.fixture
def client(server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120) as http:
        yield http


def assert_error(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["message"]
    return body["error"]


def test_summary_counts_the_ingested_articles(client: httpx.Client) -> None:
    summary = client.get("/api/summary").json()
    assert summary["articles"] == 4
    assert summary["outlets"] == 4
    for key in ("stories", "events", "quotes", "quarantined"):
        assert isinstance(summary[key], int)


def test_articles_page_with_cursor(client: httpx.Client) -> None:
    first = client.get("/api/articles", params={"limit": 3}).json()
    assert len(first["items"]) == 3
    assert first["next"]
    second = client.get("/api/articles", params={"limit": 3, "cursor": first["next"]}).json()
    assert len(second["items"]) == 1
    assert second["next"] is None
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(set(ids)) == 4


def test_article_filters(client: httpx.Client) -> None:
    found = client.get("/api/articles", params={"outlet": "lowland-herald.example"}).json()["items"]
    assert [a["title"] for a in found] == [f"Protest in Tbilisi {XSS} ends peacefully"]
    assert client.get("/api/articles", params={"q": "Lavrov"}).json()["items"]
    assert client.get("/api/articles", params={"since": "2023-03-15"}).json()["items"][0]["outlet"]


def test_article_detail_keeps_untrusted_text_verbatim(client: httpx.Client) -> None:
    article = client.get("/api/articles", params={"outlet": "lowland-herald.example"}).json()["items"][0]
    detail = client.get(f"/api/articles/{article['id']}").json()
    assert XSS in detail["title"]
    assert "<img src=x onerror=alert(1)>" in detail["text"]
    assert isinstance(detail["removed"], list)
    assert isinstance(detail["quotes"], list)
    assert isinstance(detail["events"], list)


def test_stories_events_quotes_lists(client: httpx.Client) -> None:
    stories = client.get("/api/stories").json()
    assert set(stories) == {"items", "next"}
    for story in stories["items"]:
        detail = client.get(f"/api/stories/{story['id']}").json()
        assert len(detail["articles"]) == len(story["articles"])
        assert all("text" in a and "removed" in a for a in detail["articles"])
        assert isinstance(detail["events"], list)
        assert isinstance(detail["quotes"], list)
    events = client.get("/api/events", params={"limit": 2}).json()
    assert set(events) == {"items", "next"}
    for event in events["items"]:
        detail = client.get(f"/api/events/{event['id']}").json()
        assert detail["id"] == event["id"]
        assert "reports" in detail
    if events["next"]:
        more = client.get("/api/events", params={"limit": 2, "cursor": events["next"]}).json()
        assert not {e["id"] for e in more["items"]} & {e["id"] for e in events["items"]}
    quotes = client.get("/api/quotes", params={"text": "law"}).json()
    assert all("law" in q["text"].lower() for q in quotes["items"])
    assert client.get("/api/dyads").json()["items"] is not None
    assert client.get("/api/alerts").json()["items"] is not None


def test_event_filters_are_accepted(client: httpx.Client) -> None:
    params = {
        "type": "THREATEN",
        "actor": "ARM",
        "recipient": "AZE",
        "country": "ARM",
        "quad": 3,
        "mode": "violence",
        "since": "2023-03-01",
        "until": "2023-03-31",
        "text": "villages",
    }
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    for event in response.json()["items"]:
        assert event["event_type"] == "THREATEN"


@pytest.mark.parametrize(
    "path",
    ["/api/articles/nope", "/api/stories/nope", "/api/events/nope", "/api/actors/NOBODY", "/api/dyads/AAA/BBB", "/x"],
)
def test_404_has_the_one_error_shape(client: httpx.Client, path: str) -> None:
    error = assert_error(client.get(path), 404)
    assert error["code"] == "not_found"


@pytest.mark.parametrize(
    ("path", "params", "word"),
    [
        ("/api/articles", {"limit": 0}, "limit"),
        ("/api/articles", {"limit": "many"}, "limit"),
        ("/api/events", {"quad": 9}, "quad"),
        ("/api/events", {"since": "last tuesday"}, "since"),
        ("/api/articles", {"cursor": "%%%"}, "cursor"),
    ],
)
def test_422_names_the_bad_parameter(client: httpx.Client, path: str, params: dict, word: str) -> None:
    error = assert_error(client.get(path, params=params), 422)
    assert word in error["message"]


def test_422_on_a_body_that_is_not_an_article(client: httpx.Client) -> None:
    error = assert_error(
        client.post("/api/articles", content=b"{not json", headers={"content-type": "application/json"}), 422
    )
    assert "JSON" in error["message"]
    assert_error(client.post("/api/articles", json=[1, 2]), 422)


def test_413_on_a_body_over_the_size_cap(client: httpx.Client) -> None:
    body = json.dumps({"title": "big", "text": "word " * (MAX_BYTES // 5 + 10)}).encode()
    error = assert_error(client.post("/api/articles", content=body, headers={"content-type": "application/json"}), 413)
    assert str(MAX_BYTES) in error["message"]


def test_post_articles_is_idempotent_and_quarantines_bad_items(client: httpx.Client) -> None:
    article = {
        "title": "Georgia and Armenia sign a transit agreement",
        "text": "Georgia and Armenia signed an agreement on Thursday to expand rail transit between the two "
        "countries, officials in Tbilisi said. The deal cuts border waiting times and adds two freight trains "
        "a week, according to the Georgian economy ministry.",
        "published": "2023-03-16",
        "url": "https://lowland-herald.example/caucasus/transit-deal",
        "outlet": "Lowland Herald",
        "language": "en",
    }
    too_short = {"title": "Stub", "text": "Nothing here.", "url": "https://lowland-herald.example/stub"}
    first = client.post("/api/articles", json=[article, too_short])
    assert first.status_code == 200, first.text
    body = first.json()
    assert len(body["added"]) == 1
    assert body["quarantined"] == [
        {
            "source": "api:https://lowland-herald.example/stub",
            "reason": "empty",
            "detail": body["quarantined"][0]["detail"],
        }
    ]
    again = client.post("/api/articles", json=article).json()
    assert again["added"] == []
    assert again["skipped"] == body["added"]
    stored = client.get(f"/api/articles/{body['added'][0]}").json()
    assert stored["outlet"]
    assert stored["published"].startswith("2023-03-16")


def test_token_is_required_on_every_api_request(db: Path) -> None:
    with LiveServer(create_app(db, token="s3cret")) as live, httpx.Client(base_url=live.url) as http:
        for path in ("/api/summary", "/api/articles", "/openapi.json"):
            error = assert_error(http.get(path), 401)
            assert "Bearer" in error["message"]
        assert_error(http.get("/api/summary", headers={"Authorization": "Bearer wrong"}), 401)
        ok = http.get("/api/summary", headers={"Authorization": "Bearer s3cret"})
        assert ok.status_code == 200
        assert http.get("/").status_code == 200  # the dashboard shell holds no data; it asks for the token


def test_serve_refuses_a_public_host_without_a_token(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("REDLINE_TOKEN", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "token" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    check_bind("0.0.0.0", "tok")  # a token makes a public host acceptable
    check_bind("127.0.0.1", None)


def test_openapi_and_dashboard_are_served(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/events", "/api/stories/{story_id}", "/api/dyads/{actor}/{recipient}"):
        assert path in spec["paths"]
    index = client.get("/")
    assert index.status_code == 200
    assert "default-src 'self'" in index.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/parts.js").status_code == 200


def test_concurrent_posts_are_serialized_and_readers_keep_reading(client: httpx.Client, server: LiveServer) -> None:
    article = {
        "title": "Azerbaijan and Georgia agree to reopen a border crossing",
        "text": "Azerbaijan and Georgia agreed on Friday to reopen the Red Bridge crossing for trucks next month, "
        "the two foreign ministries said in a joint statement issued in Baku. Officials expect the move to ease "
        "long queues of freight lorries on both sides.",
        "published": "2023-03-17",
        "url": "https://riverbank-daily.example/caucasus/red-bridge",
    }
    results: list[dict] = []
    reads: list[int] = []

    def post() -> None:
        with httpx.Client(base_url=server.url, timeout=120) as http:
            results.append(http.post("/api/articles", json=article).json())

    def read() -> None:
        with httpx.Client(base_url=server.url, timeout=120) as http:
            for _ in range(10):
                reads.append(http.get("/api/summary").status_code)
                reads.append(http.get("/api/stories").status_code)

    threads = [threading.Thread(target=post), threading.Thread(target=post), threading.Thread(target=read)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    added = [r["added"] for r in results]
    skipped = [r["skipped"] for r in results]
    assert sorted(map(len, added)) == [0, 1]  # one writer: the second post finds the first one's article
    assert sum(map(len, skipped)) == 1
    assert set(reads) == {200}


# -- event, quote and analysis routes over records built in code ---------------------------------------------


def _armenia(article_id: str) -> Place:
    """A place as the coder resolves it (a country named as the place: its capital's point), for the routes."""
    return Place("Armenia", "ARM", "country", 40.18111, 44.51361, 174982, "Armenia", 0, 7, article_id)


def _event(n: int, day: str, quad: int, intensity: float, story: str | None = None) -> Event:
    armenia = Actor(text="Armenia", name="Armenia", country="ARM")
    azerbaijan = Actor(text="Azerbaijan", name="Azerbaijan", country="AZE")
    report = Report(article_id=f"a{n}", outlet="hillside-courier.example", sentence="Armenia warned.", start=0, end=15)
    return Event(
        id=f"e{n:02d}",
        event_type="THREATEN" if quad == 3 else "CONSULT",
        article_id=f"a{n}",
        text="Armenia warned.",
        trigger=Span(text="warned", start=8, end=14),
        actor=[armenia],
        recipient=[azerbaijan],
        date=day,
        quad=quad,
        intensity=intensity,
        story_id=story,
        location="ARM" if story else None,
        place=_armenia(f"a{n}") if story else None,
        reports=[report, Report(article_id="b", outlet="northgate-times.example", sentence="x", start=0, end=1)],
    )


EVENTS = [_event(n, f"2023-03-{n:02d}", 1, 1.0) for n in range(1, 10)] + [
    _event(n, "2023-03-12", 3, -5.0, story="s1") for n in range(10, 13)
]
QUOTES = [
    Quote(
        id="q1",
        article_id="a10",
        text="We will not stay silent",
        kind="direct",
        cue="told",
        speaker=Speaker(mention="Pashinyan", name="Nikol Pashinyan", country="ARM"),
        sentence_index=0,
        start=0,
        end=10,
    )
]


@pytest.fixture(scope="module")
def records_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    """A real store holding the records above (as the stages would write them), served live."""
    from conftest import store_merged

    path = tmp_path_factory.mktemp("records") / "redline.db"
    with Store(path) as db:
        for article_id in [*(f"a{n}" for n in range(1, 13)), "b"]:
            db.add_article(Article(id=article_id, text="Armenia warned.", source=article_id, content_hash=article_id))
        store_merged(db, EVENTS, QUOTES)
    with LiveServer(create_app(path)) as live, httpx.Client(base_url=live.url, timeout=60) as http:
        yield http


def test_events_paginate_by_cursor_and_filter(records_client: httpx.Client) -> None:
    seen, cursor = [], None
    while True:
        page = records_client.get("/api/events", params={"limit": 5, "cursor": cursor}).json()
        seen += [e["id"] for e in page["items"]]
        cursor = page["next"]
        if not cursor:
            break
    assert seen == [e.id for e in EVENTS]
    threats = records_client.get("/api/events", params={"type": "THREATEN"}).json()["items"]
    assert {e["id"] for e in threats} == {"e10", "e11", "e12"}
    assert threats[0]["report_count"] == 2


def test_event_detail_has_reports(records_client: httpx.Client) -> None:
    event = records_client.get("/api/events/e10").json()
    assert [r["outlet"] for r in event["reports"]] == ["hillside-courier.example", "northgate-times.example"]
    assert event["reports"][0]["sentence"] == "Armenia warned."
    assert event["place"] == _armenia("a10").as_dict() and event["location"] == "ARM"
    listed = records_client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert listed["place"] is None and listed["location"] is None
    assert {a["id"]: a["url"] for a in event["articles"]} == {"a10": None, "b": None}
    assert_error(records_client.get("/api/events/zzz"), 404)


def test_codebook_lists_the_filter_values(records_client: httpx.Client) -> None:
    book = records_client.get("/api/codebook").json()
    assert "THREATEN" in book["types"] and "CONSULT" in book["types"]
    assert book["modes"] == sorted(book["modes"]) and book["modes"]
    assert book["modalities"] == ["asserted", "negated", "hypothetical", "future", "claimed"]
    assert set(book["quads"]) == {"1", "2", "3", "4"}
    for event_type in book["types"]:  # every listed type is one the events filter accepts
        assert records_client.get("/api/events", params={"type": event_type, "limit": 1}).status_code == 200
    for mode in book["modes"]:
        assert records_client.get("/api/events", params={"mode": mode, "limit": 1}).status_code == 200


def test_dyads_alerts_and_actor(records_client: httpx.Client) -> None:
    dyads = records_client.get("/api/dyads").json()["items"]
    assert [(d["actor"], d["recipient"]) for d in dyads] == [("ARM", "AZE")]
    assert dyads[0]["events"] == 12
    assert len(dyads[0]["days"]) == 12
    alerts = records_client.get("/api/alerts").json()["items"]
    assert [(a["date"], a["kind"]) for a in alerts] == [("2023-03-12", "first")]
    dyad = records_client.get("/api/dyads/ARM/AZE").json()
    assert [a["date"] for a in dyad["alerts"]] == ["2023-03-12"]
    actor = records_client.get("/api/actors/ARM").json()
    assert len(actor["events_as_actor"]) == 12
    assert actor["events_as_recipient"] == []
    assert actor["quotes"][0]["speaker"]["name"] == "Nikol Pashinyan"
    assert actor["dyads"][0]["recipient"] == "AZE"
    quotes = records_client.get("/api/quotes", params={"speaker": "Nikol Pashinyan", "text": "SILENT"}).json()
    assert [q["id"] for q in quotes["items"]] == ["q1"]


def test_timeline_counts_events_per_day_by_quad(records_client: httpx.Client) -> None:
    events = records_client.get("/api/events", params={"limit": 500}).json()["items"]
    timeline = records_client.get("/api/timeline").json()
    dates = [day["date"] for day in timeline["items"]]
    assert dates == sorted(set(dates))
    expected: dict[str, list[int]] = {}
    for event in events:
        expected.setdefault(event["date"][:10], [0, 0, 0, 0])[event["quad"] - 1] += 1
    assert {day["date"]: day["counts"] for day in timeline["items"]} == expected
    assert timeline["undated"] == 0
    asserted = records_client.get("/api/timeline", params={"modality": "asserted"}).json()["items"]
    assert sum(map(sum, (d["counts"] for d in asserted))) == sum(e["modality"] == "asserted" for e in events)
    assert_error(records_client.get("/api/timeline", params={"modality": "maybe"}), 422)
    assert_error(records_client.get("/api/timeline", params={"since": "2023-03-20", "until": "2023-03-01"}), 422)
