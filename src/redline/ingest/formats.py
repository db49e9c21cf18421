"""Decode raw bytes and split an input into items: one per article (a JSON list or a feed holds many).

Each format gives what it knows (title, date, URL, outlet, language) as hints; cleaning and metadata
resolution happen later, the same way for every format.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from redline.errors import IngestError
from redline.ingest.sources import RawInput

LOGGER = logging.getLogger(__name__)

BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"BZh")

FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline", "name", "heading"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "maintext", "description", "summary"),
    "html": ("html", "raw_html", "content_html"),
    "published": (
        "published",
        "date",
        "published_at",
        "publishedAt",
        "pubDate",
        "pub_date",
        "datePublished",
        "date_publish",
        "publication_date",
        "created_at",
        "timestamp",
        "time",
        "updated",
    ),
    "url": ("url", "link", "href", "canonical_url", "source_url", "permalink"),
    "outlet": ("outlet", "source", "site", "sitename", "site_name", "publisher", "domain", "source_name", "feed"),
    "language": ("language", "lang", "locale"),
    "id": ("id", "guid", "uuid", "doc_id"),
}
CONTAINER_KEYS = ("articles", "items", "data", "results", "documents", "docs", "entries", "records")
HTML_TAG = re.compile(r"<(p|div|br|html|body|article|span|a|h[1-6])[\s>/]", re.I)


@dataclass
class Item:
    """One article-to-be: raw text and the metadata hints its container gave."""

    source: str
    key: str
    raw: str
    body: str
    format: str
    is_html: bool = False
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def decode(raw: RawInput) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 by BOM, else the best-guess charset."""
    data = raw.data
    if not data.strip():
        raise IngestError("empty", "the input is empty", input_id=raw.source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise IngestError("binary", "the input is a binary file, not text", input_id=raw.source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.chaos > 0.2:
        raise IngestError("undecodable", "the bytes are not text in any known encoding", input_id=raw.source)
    return str(best)


def sniff(raw: RawInput, text: str) -> str:
    """The input's format: by extension and content type, then by its first characters."""
    suffix = raw.suffix
    head = text.lstrip()[:400].lower()
    ctype = (raw.content_type or "").lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json" or "json" in ctype:
        return "json"
    if suffix in (".rss", ".atom") or "rss" in ctype or "atom" in ctype:
        return "feed"
    if head.startswith(("<?xml", "<rss", "<feed", "<rdf")) and re.search(
        r"<(rss|feed|rdf:rdf)[\s>]", head + text[:2000].lower()
    ):
        return "feed"
    if suffix in (".html", ".htm", ".xhtml") or "html" in ctype or head.startswith(("<!doctype html", "<html")):
        return "html"
    if suffix == ".xml":
        return "feed"
    if head.startswith(("{", "[")):
        return "jsonl" if _looks_like_jsonl(text) else "json"
    return "text"


def _looks_like_jsonl(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    try:
        json.loads(lines[0])
    except ValueError:
        return False
    return True


def split(raw: RawInput, text: str, fmt: str) -> list[Item | IngestError]:
    """Items of one decoded input; a bad item is an IngestError in the list, the others go on."""
    if fmt == "json":
        return _json_items(raw, text)
    if fmt == "jsonl":
        return _jsonl_items(raw, text)
    if fmt == "feed":
        from redline.ingest.feeds import feed_items

        return feed_items(raw, text)
    is_html = fmt == "html"
    return [Item(raw.source, raw.key, text, text, fmt, is_html=is_html, url=raw.url)]


def _json_items(raw: RawInput, text: str) -> list[Item | IngestError]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        if _looks_like_jsonl(text):
            return _jsonl_items(raw, text)
        return [IngestError("bad_json", f"not valid JSON: {exc}", input_id=raw.source)]
    if isinstance(data, dict):
        for key in CONTAINER_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        return [_json_item(raw, data, raw.source, raw.key)]
    if not isinstance(data, list):
        return [IngestError("bad_json", "JSON must be an object or a list of objects", input_id=raw.source)]
    return [_json_item(raw, obj, f"{raw.source}#{n}", f"{raw.key}#{n}") for n, obj in enumerate(data, 1)]


def _jsonl_items(raw: RawInput, text: str) -> list[Item | IngestError]:
    items: list[Item | IngestError] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source, key = f"{raw.source}#{n}", f"{raw.key}#{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            items.append(IngestError("bad_json", f"line {n} is not valid JSON: {exc}", input_id=source))
            continue
        items.append(_json_item(raw, obj, source, key))
    return items


def pick(obj: dict[str, Any], name: str) -> Any:
    """The first non-empty value among a field's common names (case-insensitive)."""
    lowered = {k.lower(): v for k, v in obj.items()}
    for alias in FIELDS[name]:
        value = lowered.get(alias.lower())
        if isinstance(value, dict):  # {"source": {"name": ..., "url": ...}}
            value = value.get("name") or value.get("title") or value.get("url") or value.get("href")
        if isinstance(value, list) and value and isinstance(value[0], str):
            value = "\n\n".join(value)
        if value not in (None, "", []):
            return value
    return None


def _json_item(raw: RawInput, obj: Any, source: str, key: str) -> Item | IngestError:
    if not isinstance(obj, dict):
        return IngestError("bad_json", "a JSON article must be an object", input_id=source)
    body = pick(obj, "html")
    is_html = body is not None
    if body is None:
        body = pick(obj, "text")
    if not isinstance(body, str) or not body.strip():
        names = "/".join(FIELDS["text"][:4])
        return IngestError("no_text", f"no article text (looked for {names}, ...)", input_id=source)
    is_html = is_html or bool(HTML_TAG.search(body[:2000]))
    outlet = pick(obj, "outlet")
    url = pick(obj, "url")
    published = pick(obj, "published")
    return Item(
        source=source,
        key=key,
        raw=json.dumps(obj, ensure_ascii=False),
        body=body,
        format="json",
        is_html=is_html,
        title=_text_or_none(pick(obj, "title")),
        published=str(published) if published is not None else None,
        url=_text_or_none(url),
        outlet=_text_or_none(outlet),
        language=_text_or_none(pick(obj, "language")),
    )


def _text_or_none(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
