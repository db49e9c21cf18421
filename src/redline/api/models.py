"""The API's request and response models, and the checks a posted article passes before ingest sees it.

A posted body is parsed here, not by FastAPI, so that every way it can be wrong is a 422 that says what is
wrong: not JSON, nested too deeply (a 100,000-deep array would overflow the parser), not an article object,
or a field of the wrong type. Ingest reads any of the common names of a field (``body``, ``content``, ``date``,
``link``, … in any case); each of those is checked too, so no value of the wrong type reaches it.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from redline.api.errors import ApiError
from redline.ingest.fields import FIELDS

MAX_DEPTH = 32
MAX_PROBLEMS = 5
_TEXT_FIELDS = frozenset(name.lower() for name in FIELDS["text"])
_OUTLET_FIELDS = frozenset(name.lower() for name in FIELDS["outlet"])
_DATE_FIELDS = frozenset(name.lower() for name in FIELDS["published"])
_READ = ("title", "text", "html", "published", "url", "outlet", "language")  # the fields ingest takes from JSON
_KNOWN = {alias.lower(): field for field in _READ for alias in FIELDS[field]}


class ArticleIn(BaseModel):
    """An article to ingest: the fields of the ingest JSON format (their other common names are read too)."""

    model_config = ConfigDict(extra="allow", strict=True)

    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    language: str | None = None

    @model_validator(mode="after")
    def _aliases_have_the_right_type(self) -> ArticleIn:
        for key, value in (self.model_extra or {}).items():
            problem = alias_problem(key, value)
            if problem:
                raise ValueError(problem)
        return self


class Page(BaseModel):
    """A page of results and the cursor of the next page (null on the last page)."""

    items: list[dict[str, Any]]
    next: str | None = None


class IngestOut(BaseModel):
    added: list[str]
    skipped: list[str]
    quarantined: list[dict[str, str]]
    stages: dict[str, int] = {}


def alias_problem(key: str, value: Any) -> str | None:
    """What is wrong with an extra field that ingest would read as an article field, or None."""
    name = key.lower()
    if name not in _KNOWN or value is None or isinstance(value, str):
        return None
    if name in _DATE_FIELDS and isinstance(value, int | float) and not isinstance(value, bool):
        return None  # a Unix timestamp
    if name in _TEXT_FIELDS and isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None  # paragraphs
    if name in _OUTLET_FIELDS and isinstance(value, dict) and all(isinstance(v, str | None) for v in value.values()):
        return None  # {"name": ..., "url": ...}
    return f"{key} (read as the article's {_KNOWN[name]}) must be a string, got {_kind(value)}"


def parse_articles(body: bytes, content_type: str | None) -> list[dict[str, Any]]:
    """The posted articles as plain objects for ingest.

    :raises ApiError: 415 when the body is not declared JSON, 422 when it is not one article or a list of them
    """
    media = (content_type or "").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise ApiError(415, "unsupported_media_type", "send the articles as JSON (Content-Type: application/json)")
    try:
        data = json.loads(body, parse_constant=_no_constant)
    except RecursionError:
        raise ApiError(
            422, "invalid_body", f"the JSON body is nested too deeply (at most {MAX_DEPTH} levels)"
        ) from None
    except ValueError as exc:
        raise ApiError(422, "invalid_body", f"the body is not valid JSON: {exc}") from None
    if depth(data) > MAX_DEPTH:
        raise ApiError(422, "invalid_body", f"the JSON body is nested too deeply (at most {MAX_DEPTH} levels)")
    items = data if isinstance(data, list) else [data]
    if not isinstance(data, list | dict) or not all(isinstance(item, dict) for item in items):
        raise ApiError(
            422,
            "invalid_body",
            "the body must be one article object or a list of them (fields: title, text, published, url, outlet, "
            "language)",
        )
    problems: list[str] = []
    objects = []
    for n, item in enumerate(items, 1):
        where = f"article {n}: " if isinstance(data, list) else ""
        try:
            objects.append(ArticleIn.model_validate(item).model_dump(exclude_none=True))
        except ValidationError as exc:
            problems += [where + _problem(error) for error in exc.errors()]
    if problems:
        raise ApiError(422, "invalid_body", "; ".join(problems[:MAX_PROBLEMS]))
    return objects


def depth(data: Any) -> int:
    """How deeply lists and objects nest in ``data`` (a walk with its own stack: no recursion)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, level = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, level + 1) for child in children)
    return deepest


def _problem(error: Any) -> str:
    field = ".".join(str(part) for part in error.get("loc", ()))
    if error.get("type") == "value_error":
        return str(error.get("ctx", {}).get("error", error.get("msg", "invalid value")))
    if error.get("type") == "string_type":
        return f"{field} must be a string or null, got {_kind(error.get('input'))}"
    return f"{field or 'article'}: {error.get('msg', 'invalid value')}"


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def request_schema() -> dict[str, Any]:
    """The OpenAPI request body of POST /api/articles (one article or a list)."""
    article = ArticleIn.model_json_schema()
    return {
        "required": True,
        "content": {"application/json": {"schema": {"anyOf": [article, {"type": "array", "items": article}]}}},
    }
