"""Ingest end to end into a real SQLite file: every format, duplicates, quarantine, idempotent re-runs."""

from __future__ import annotations

import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from redline.ingest import ingest_paths
from redline.store import Store


def by_source(store: Store) -> dict[str, object]:
    return {Path(a.source).name: a for a in store.articles()}


def test_every_format_from_a_folder(store: Store, resources: Path) -> None:
    result = ingest_paths([str(resources / "ingest")], store)
    articles = by_source(store)
    assert len(result.added) == 13
    html = articles["page.html"]
    assert html.title == "Stoltenberg: Russia has no veto over Ukraine joining NATO"
    assert html.published == "2022-01-12T16:45:00+01:00"
    assert html.outlet == "alliance-watch.org"
    assert html.url == "https://www.alliance-watch.org/2022/01/12/stoltenberg-no-veto"
    assert html.text.startswith("NATO Secretary General Jens Stoltenberg said on Wednesday")
    assert "cookies" not in html.text and "All rights reserved" not in html.text
    boilerplate = {r.text for r in html.removed if r.rule == "html_boilerplate"}
    assert {"Subscribe to our newsletter", "US and Russia end Geneva talks"} <= boilerplate
    assert articles["page_jsonld.html"].published == "2021-12-30T21:10:00Z"
    blinken = articles["batch.json#1"]
    assert (blinken.title, blinken.outlet, blinken.published) == (
        "Blinken and Lavrov meet in Geneva",
        "lakeside-post.ch",
        "2022-01-21T14:20:00Z",
    )
    kuleba = articles["batch.json#2"]
    assert kuleba.published == "2022-01-24T09:15:00"
    assert "<p>" not in kuleba.text and "\n\n" in kuleba.text
    assert articles["lines.jsonl#4"].outlet == "Danube Herald"
    assert articles["feed.rss#1"].published == "2022-01-24T22:30:00Z"
    assert articles["feed.rss#2"].outlet == "northsea-courier.com"
    atom = articles["feed.atom#1"]
    assert atom.url == "https://www.vienna-wire.at/2022/01/13/osce-russia"
    assert atom.text.startswith("Russia's envoy to the OSCE")
    assert articles["no_date.txt"].published is None
    translated = articles["translated_title.txt"]
    assert (translated.language, translated.title_language, translated.translated) == ("en", "de", True)
    assert translated.outlet == "baltic-monitor.com"  # the original behind the translator
    aggregated = articles["caption_no_apostrophes.txt"]
    assert aggregated.outlet == "example-aggregator.net"
    assert aggregated.published == "2022-01-10"
    assert "Russia's deputy foreign minister" in aggregated.text


def test_bad_items_are_quarantined_and_the_batch_goes_on(store: Store, resources: Path) -> None:
    result = ingest_paths([str(resources / "ingest")], store)
    reasons = {(Path(f.source).name, f.reason) for f in store.quarantined()}
    assert reasons == {
        ("lines.jsonl#2", "no_text"),
        ("lines.jsonl#3", "bad_json"),
        ("page_no_text.html", "html_no_text"),
    }
    assert result.ok and len(result.failed) == 3


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"   \n\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("zeros.txt", b"abc\x00\x00\x00def", "binary"),
        ("short.txt", b"Headline\n\nToo short to be an article.", "empty"),
        ("broken.json", b'{"title": "x", "text": ', "bad_json"),
        ("nothing.json", b'{"title": "only a title"}', "no_text"),
        (
            "empty.rss",
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            "feed_empty",
        ),
    ],
)
def test_unreadable_inputs(store: Store, tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = ingest_paths([str(path)], store)
    assert not result.ok
    assert [(f.reason, f.stage) for f in store.quarantined()] == [(reason, "ingest")]


def test_size_cap_missing_paths_and_urls(store: Store, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 2000)
    ingest_paths(
        [str(big), str(tmp_path / "missing.txt"), "ftp://example.org/a.txt", "gopher://x"], store, max_bytes=1000
    )
    reasons = [f.reason for f in store.quarantined()]
    assert reasons == ["too_large", "not_found", "unsupported_url", "unsupported_url"]


def test_legacy_encoding_is_decoded(store: Store, tmp_path: Path) -> None:
    text = (
        "Macron et Scholz appellent au dialogue\n\n"
        "Le président français Emmanuel Macron a déclaré vendredi que l'Europe devait mener son propre dialogue "
        "avec la Russie, tout en restant unie avec ses alliés de l'OTAN face à la crise près de l'Ukraine."
    )
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("cp1252"))
    ingest_paths([str(path)], store)
    (article,) = store.articles()
    assert "président français" in article.text
    assert article.language == "fr"


def test_a_file_name_dates_an_undated_article(store: Store, tmp_path: Path) -> None:
    """Scrapers save articles as outlet_date_slug.txt: with no date in the text, the name's date is used; a date
    line in the text wins over it."""
    body = (
        "The foreign ministers of Russia and China met in Moscow and agreed to coordinate their positions on "
        "security guarantees, the two ministries said in a joint statement after the talks."
    )
    (tmp_path / "wire_2022-01-12_ministers-meet.txt").write_text(body)
    (tmp_path / "wire_2022-01-12_dated.txt").write_text("Moscow, 14 January 2022\n\n" + body.replace("met", "spoke"))
    ingest_paths([str(tmp_path)], store)
    found = {Path(a.source).name: a.published for a in store.articles()}
    assert found == {"wire_2022-01-12_ministers-meet.txt": "2022-01-12", "wire_2022-01-12_dated.txt": "2022-01-14"}


def test_rerun_adds_nothing_and_glob_matches(store: Store, resources: Path) -> None:
    first = ingest_paths([str(resources / "ingest")], store)
    again = ingest_paths([str(resources / "ingest" / "*.txt"), str(resources / "ingest")], store)
    assert again.added == []
    assert len(again.skipped) == len(first.added) + 4  # the four .txt files are named twice
    assert len(store.articles()) == len(first.added)
    assert len(store.quarantined()) == 3  # failures are stored once too


def test_exact_and_near_duplicates_link_to_first_copy(store: Store, resources: Path, tmp_path: Path) -> None:
    original = (resources / "ingest" / "nav_junk_doubled_title.txt").read_text()
    copy = tmp_path / "copy.txt"  # same article, other site chrome and punctuation
    copy.write_text(
        "Kremlin vows tough answer to hostile Western steps\n\n" + original.split("\n\n", 3)[3].replace(",", " ,")
    )
    body = original.split("\n\n", 3)[3]
    reworded = tmp_path / "reworded.txt"  # a rewrite: new headline, a few words changed, a sentence added
    reworded.write_text(
        "Putin promises a response to the West\n\n"
        + body.replace("deep concern", "serious worry").replace("told the same meeting", "said at the meeting")
        + "\n\nThe remarks were broadcast on state television later in the evening."
    )
    ingest_paths([str(resources / "ingest" / "nav_junk_doubled_title.txt")], store)
    ingest_paths([str(copy), str(reworded)], store)
    articles = by_source(store)
    first = articles["nav_junk_doubled_title.txt"]
    assert articles["copy.txt"].duplicate_of == first.id
    assert articles["reworded.txt"].duplicate_of == first.id
    assert first.duplicate_of is None
    assert store.article_summary()["duplicates"] == 2


def test_unrelated_articles_on_one_story_are_not_duplicates(store: Store, resources: Path) -> None:
    ingest_paths([str(resources / "ingest")], store)
    assert store.article_summary()["duplicates"] == 0


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def web_root(tmp_path: Path, resources: Path) -> Iterator[str]:
    """A real HTTP server on loopback serving an article page and a feed whose entries link to it."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(resources / "ingest" / "page.html", root / "article.html")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), lambda *a: _Handler(*a, directory=str(root)))
    base = f"http://127.0.0.1:{server.server_address[1]}"
    (root / "feed.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>' + base + "</link>"
        "<item><title>Stoltenberg: no veto</title><link>" + base + "/article.html</link>"
        "<pubDate>Wed, 12 Jan 2022 16:00:00 +0000</pubDate><description>Short teaser.</description></item>"
        "</channel></rss>"
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


def test_article_and_feed_urls(store: Store, web_root: str) -> None:
    # the feed entry is only a teaser, so its page is fetched and cleaned like any article URL; the server is on
    # loopback, which only --allow-private-hosts lets ingest reach
    result = ingest_paths([f"{web_root}/feed.xml"], store, allow_private_hosts=True)
    (entry,) = store.articles()
    assert len(result.added) == 1
    assert entry.title == "Stoltenberg: no veto"
    assert entry.published == "2022-01-12T16:00:00Z"
    assert entry.text.startswith("NATO Secretary General Jens Stoltenberg")
    assert "Short teaser" not in entry.text
    again = ingest_paths([f"{web_root}/article.html"], store, allow_private_hosts=True)  # the page by its own URL
    assert again.added == [] and len(store.articles()) == 1
    failed = ingest_paths([f"{web_root}/missing.html", "http://127.0.0.1:9/nothing"], store, allow_private_hosts=True)
    assert not failed.ok
    assert [f.reason for f in store.quarantined()] == ["unreachable", "unreachable"]
