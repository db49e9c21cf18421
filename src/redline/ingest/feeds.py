"""RSS and Atom: one item per entry (feedparser), full text from the entry or, for feed URLs, its page."""

from __future__ import annotations

import logging

from redline.errors import IngestError
from redline.ingest.formats import Item
from redline.ingest.sources import RawInput, fetch

LOGGER = logging.getLogger(__name__)

SHORT_ENTRY = 400  # characters: below this, an online feed entry is a teaser and its page is fetched


def feed_items(raw: RawInput, text: str) -> list[Item | IngestError]:
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        reason = "bad_feed" if parsed.bozo else "feed_empty"
        return [IngestError(reason, "the feed holds no entries", input_id=raw.source)]
    feed_link = parsed.feed.get("link")
    feed_title = parsed.feed.get("title")
    items: list[Item | IngestError] = []
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        source = link if raw.url and link else f"{raw.source}#{n}"
        key = link if raw.url and link else f"{raw.key}#{n}"
        body = _entry_body(entry)
        if raw.url and link and len(body) < SHORT_ENTRY:
            page = fetch(link)
            if page.error is None:
                try:
                    items.append(_page_item(page, entry, feed_title))
                except IngestError as exc:
                    items.append(exc)
                continue
            LOGGER.info("%s: page not fetched (%s); using the feed's text", link, page.error.reason)
        if not body.strip():
            items.append(IngestError("no_text", "feed entry has no text", input_id=source))
            continue
        items.append(
            Item(
                source=source,
                key=key,
                raw=_entry_raw(entry),
                body=body,
                format="feed",
                is_html=True,
                title=entry.get("title"),
                published=entry.get("published") or entry.get("updated") or entry.get("dc_date"),
                url=link or feed_link,
                outlet=None,
                language=entry.get("language") or parsed.feed.get("language"),
                extra={"feed_title": feed_title},
            )
        )
    return items


def _entry_body(entry: dict) -> str:
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


def _entry_raw(entry: dict) -> str:
    import json

    keep = {k: entry.get(k) for k in ("id", "title", "link", "published", "updated", "summary", "author")}
    keep["content"] = [c.get("value") for c in entry.get("content") or []]
    return json.dumps(keep, ensure_ascii=False, default=str)


def _page_item(page: RawInput, entry: dict, feed_title: str | None) -> Item:
    from redline.ingest.formats import decode

    html = decode(page)
    return Item(
        source=page.source,
        key=page.key,
        raw=html,
        body=html,
        format="html",
        is_html=True,
        title=entry.get("title"),
        published=entry.get("published") or entry.get("updated"),
        url=page.url,
        extra={"feed_title": feed_title},
    )
