"""Field names and types of structured articles (JSON, JSONL, feeds turned to JSON, API posts).

Dumps name the same thing many ways (``text``/``body``/``content``, ``date``/``pubDate``, ...); the first
non-empty value among a field's names is used. Values are checked for their type: a wrong type is an
:class:`InputFieldError` naming the field and what was found (``field 'text' must be text or a list of
texts; item 2 is a number``), never a TypeError deep in cleaning.
"""

from __future__ import annotations

from typing import Any

from redline.errors import InputFieldError

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
# Keys under which an object-valued field keeps its text: {"rendered": ...} (WordPress), {"name": ...} (NewsAPI).
INNER_TEXT = ("rendered", "value", "text", "name", "title", "url", "href")


def type_name(value: Any) -> str:
    """A value's JSON type in words, for messages."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "null" if value is None else "text"


def pick(obj: dict[str, Any], name: str) -> tuple[str, Any]:
    """(the name found, its value): the first non-empty value among a field's names (case-insensitive)."""
    lowered = {str(k).lower(): (k, v) for k, v in obj.items()}
    for alias in FIELDS[name]:
        found = lowered.get(alias.lower())
        if found is not None and not _empty(found[1]):
            return str(found[0]), found[1]
    return name, None


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, dict)) and not value)


def text_value(obj: dict[str, Any], name: str, source: str) -> str | None:
    """A long text field (body, HTML): text, a list of texts (paragraphs) or an object holding one."""
    field, value = pick(obj, name)
    value = _inner(value)
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        for n, part in enumerate(value, 1):
            if not isinstance(part, str):
                raise InputFieldError(
                    f"field {field!r} must be text or a list of texts; item {n} is {type_name(part)}",
                    input_id=source,
                )
        return "\n\n".join(value)
    raise InputFieldError(f"field {field!r} must be text or a list of texts, not {type_name(value)}", input_id=source)


def string_value(obj: dict[str, Any], name: str, source: str) -> str | None:
    """A short text field (title, URL, outlet, language): text or an object naming it; blank is absent."""
    field, value = pick(obj, name)
    value = _inner(value)
    if value is None or isinstance(value, dict):  # an object naming nothing ({"id": null}) is no value
        return None
    if not isinstance(value, str):
        raise InputFieldError(f"field {field!r} must be text, not {type_name(value)}", input_id=source)
    return value.strip() or None


def date_value(obj: dict[str, Any], source: str) -> str | None:
    """The publication date: text, or a number of seconds since 1970."""
    field, value = pick(obj, "published")
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    found = type_name(value)
    raise InputFieldError(f"field {field!r} must be a date (text or epoch seconds), not {found}", input_id=source)


def _inner(value: Any) -> Any:
    """The text an object-valued field carries ({"rendered": "..."}, {"name": "Reuters"}), else the value."""
    if isinstance(value, dict):
        for key in INNER_TEXT:
            inner = value.get(key)
            if isinstance(inner, str) and inner.strip():
                return inner
        return value
    return value
