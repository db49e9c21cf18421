"""Sniff an input's format and split it into items: one per article (a JSON list or a feed holds many).

Each format gives what it knows (title, date, URL, outlet, language) as hints; cleaning and metadata
resolution happen later, the same way for every format. JSON is parsed with a depth limit, and every field's
type is checked (``fields``), so a malformed item is quarantined with a message and its siblings go on.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from redline.errors import IngestError
from redline.ingest import fields
from redline.ingest.decoding import decode
from redline.ingest.feeds import feed_items
from redline.ingest.fetch import Fetcher
from redline.ingest.items import Item
from redline.ingest.raw import RawInput

LOGGER = logging.getLogger(__name__)

MAX_JSON_DEPTH = 64  # news dumps nest a few levels; deeper is an attack or a mistake
HTML_TAG = re.compile(r"<(p|div|br|html|body|article|span|a|h[1-6])[\s>/]", re.I)

__all__ = ["MAX_JSON_DEPTH", "Item", "article_item", "decode", "sniff", "split"]


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
    lines = [line for line in text.split("\n", 3)[:3] if line.strip()]
    if len(lines) < 2:
        return False
    try:
        _loads(lines[0], "")
    except IngestError:
        return False
    return True


def split(raw: RawInput, text: str, fmt: str, *, fetcher: Fetcher | None = None) -> list[Item | IngestError]:
    """Items of one decoded input; a bad item is an IngestError in the list, the others go on.

    ``fetcher`` fetches the pages behind an online feed's teaser entries.
    """
    if fmt == "json":
        return _json_items(raw, text)
    if fmt == "jsonl":
        return _jsonl_items(raw, text)
    if fmt == "feed":
        return feed_items(raw, text, fetcher=fetcher)
    return [Item(raw.source, raw.key, text, text, fmt, is_html=fmt == "html", url=raw.url)]


def _loads(text: str, source: str) -> Any:
    """Parse JSON no deeper than MAX_JSON_DEPTH; every failure is a ``bad_json`` IngestError."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise IngestError("bad_json", f"JSON nested deeper than {MAX_JSON_DEPTH} levels", input_id=source) from exc
    except ValueError as exc:
        raise IngestError("bad_json", f"not valid JSON: {exc}", input_id=source) from exc
    if _depth_over(data, MAX_JSON_DEPTH):
        raise IngestError("bad_json", f"JSON nested deeper than {MAX_JSON_DEPTH} levels", input_id=source)
    return data


def _depth_over(data: Any, limit: int) -> bool:
    """True when containers nest more than ``limit`` deep (an explicit stack: no recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, (dict, list)):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _json_items(raw: RawInput, text: str) -> list[Item | IngestError]:
    try:
        data = _loads(text, raw.source)
    except IngestError as exc:
        if _looks_like_jsonl(text):
            return _jsonl_items(raw, text)
        return [exc]
    if isinstance(data, dict):
        for key in fields.CONTAINER_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
    if isinstance(data, dict):
        return [_json_item(data, raw.source, raw.key)]
    if not isinstance(data, list):
        return [IngestError("bad_json", "JSON must be an object or a list of objects", input_id=raw.source)]
    return [_json_item(obj, f"{raw.source}#{n}", f"{raw.key}#{n}") for n, obj in enumerate(data, 1)]


def _jsonl_items(raw: RawInput, text: str) -> list[Item | IngestError]:
    items: list[Item | IngestError] = []
    # Lines end at "\n" only: a JSON string may hold a raw U+2028 or U+0085, which ``splitlines`` would cut.
    for n, line in enumerate(text.split("\n"), raw.first_line):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        source, key = f"{raw.source}#{n}", f"{raw.key}#{n}"
        try:
            obj = _loads(line, source)
        except IngestError as exc:
            exc.message = f"line {n}: {exc.message}"
            items.append(exc)
            continue
        items.append(_json_item(obj, source, key))
    return items


def _json_item(obj: Any, source: str, key: str) -> Item | IngestError:
    """One article object; a missing text or a field of the wrong type is returned as the item's error."""
    try:
        return article_item(obj, source, key)
    except IngestError as exc:
        return exc


def article_item(obj: Any, source: str, key: str) -> Item:
    """The item of one JSON article object; raises IngestError (an InputFieldError for a field of the wrong
    type, naming it) when the object cannot be an article. The API calls this to answer 422 with the message."""
    if not isinstance(obj, dict):
        found = fields.type_name(obj)
        raise IngestError("bad_json", f"a JSON article must be an object, not {found}", input_id=source)
    body = fields.text_value(obj, "html", source)
    is_html = body is not None
    if body is None:
        body = fields.text_value(obj, "text", source)
    if body is None or not body.strip():
        names = "/".join(fields.FIELDS["text"][:4])
        raise IngestError("no_text", f"no article text (looked for {names}, ...)", input_id=source)
    return Item(
        source=source,
        key=key,
        raw=json.dumps(obj, ensure_ascii=False),
        body=body,
        format="json",
        is_html=is_html or bool(HTML_TAG.search(body[:2000])),
        title=fields.string_value(obj, "title", source),
        published=fields.date_value(obj, source),
        url=fields.string_value(obj, "url", source),
        outlet=fields.string_value(obj, "outlet", source),
        language=fields.string_value(obj, "language", source),
    )
