"""RSS and Atom: one item per entry (feedparser), full text from the entry or, for feed URLs, its page.

A remote feed's teaser links are fetched through the same guarded :class:`Fetcher` as any URL, so a feed
cannot point Redline at a host inside the user's network.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from redline.errors import IngestError
from redline.ingest.decoding import decode
from redline.ingest.fetch import Fetcher
from redline.ingest.items import Item
from redline.ingest.raw import RawInput

LOGGER = logging.getLogger(__name__)

SHORT_ENTRY = 400  # characters: below this, an online feed entry is a teaser and its page is fetched


def feed_items(raw: RawInput, text: str, *, fetcher: Fetcher | None = None) -> list[Item | IngestError]:
    """Items of a feed; teaser entries of a fetched feed are replaced by their pages (via ``fetcher``)."""
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = "bad_feed" if parsed.bozo else "feed_empty"
        return [IngestError(reason, f"{raw.source}: the feed holds no entries", input_id=raw.source)]
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        return [_entry_item(raw, parsed, entry, n, fetcher) for n, entry in enumerate(parsed.entries, 1)]
    finally:
        if own:
            fetcher.close()


def _entry_item(raw: RawInput, parsed: Any, entry: dict, n: int, fetcher: Fetcher) -> Item | IngestError:
    link = _text(entry.get("link"))
    source = link if raw.url and link else f"{raw.source}#{n}"
    key = link if raw.url and link else f"{raw.key}#{n}"
    body = _entry_body(entry)
    feed_title = _text(parsed.feed.get("title"))
    if raw.url and link and len(body) < SHORT_ENTRY:
        page = fetcher.fetch(link)
        if page.error is None:
            try:
                return _page_item(page, entry, feed_title)
            except IngestError as exc:
                return exc
        LOGGER.info("%s: page not fetched (%s); using the feed's text", link, page.error.reason)
    if not body.strip():
        return IngestError("no_text", f"{source}: the feed entry has no text", input_id=source)
    return Item(
        source=source,
        key=key,
        raw=_entry_raw(entry),
        body=body,
        format="feed",
        is_html=True,
        title=_text(entry.get("title")),
        published=_date(entry),
        url=link or _text(parsed.feed.get("link")),
        outlet=None,
        language=_text(entry.get("language")) or _text(parsed.feed.get("language")),
        extra={"feed_title": feed_title},
    )


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _date(entry: dict) -> str | None:
    return _text(entry.get("published")) or _text(entry.get("updated")) or _text(entry.get("dc_date"))


def _entry_body(entry: dict) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value") or "" for c in contents), key=len, default="")
    summary = _text(entry.get("summary")) or ""
    return best if len(best) >= len(summary) else summary


def _entry_raw(entry: dict) -> str:
    keep = {k: entry.get(k) for k in ("id", "title", "link", "published", "updated", "summary", "author")}
    keep["content"] = [c.get("value") for c in entry.get("content") or []]
    return json.dumps(keep, ensure_ascii=False, default=str)


def _page_item(page: RawInput, entry: dict, feed_title: str | None) -> Item:
    html = decode(page)
    return Item(
        source=page.source,
        key=page.key,
        raw=html,
        body=html,
        format="html",
        is_html=True,
        title=_text(entry.get("title")),
        published=_date(entry),
        url=page.url,
        extra={"feed_title": feed_title},
    )
