"""Hypothesis drives the live API (uvicorn on loopback) with random query strings on every route and random
JSON bodies on every write, and the server never answers 5xx: every bad input is a 4xx in the one error shape.

Routes and their parameters are read from the server's own /openapi.json, so a new route is fuzzed too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LiveServer
from redline.ingest.fields import FIELDS

pytestmark = pytest.mark.slow

FUZZ = settings(max_examples=250, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))

# values that probe the validators: dates right and wrong, wildcards, numbers out of range, odd Unicode
TRICKY = st.sampled_from(
    [
        "2021-12-20",
        "2022-13-45",
        "12/20/2021",
        "2021-12-20T10:00:00Z",
        "%",
        "_",
        "\\",
        "'",
        '"',
        "0",
        "-1",
        "99999999999999999999999",
        "THREATEN",
        "threaten",
        "violence",
        "size",
        "",
        " ",
        "\x00",
        "\u202e",
        "🙂",
        "NaN",
    ]
)
QUERY_VALUES = TRICKY | st.text(max_size=40) | st.integers().map(str)
JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
ALIASES = sorted({alias for aliases in FIELDS.values() for alias in aliases})
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=15,
)
ARTICLE_LIKE = st.dictionaries(st.sampled_from(ALIASES) | st.text(max_size=8), JSON_VALUES, max_size=6)
BODIES = ARTICLE_LIKE | st.lists(ARTICLE_LIKE, max_size=3) | JSON_VALUES


@pytest.fixture(scope="module")
def client(api_server: LiveServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api_server.url, timeout=120) as http:
        yield http


@pytest.fixture(scope="module")
def routes(client: httpx.Client) -> list[tuple[str, str, list[str]]]:
    """(method, path, query parameter names) of every operation the API documents."""
    spec = client.get("/openapi.json").json()
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            found.append((method.upper(), path, names))
    assert {path for _, path, _ in found} >= {"/api/articles", "/api/events", "/api/stories/{story_id}"}
    return found


def _fill(path: str, data: st.DataObject) -> str:
    """The path with each {parameter} replaced by random text, percent-encoded."""
    while "{" in path:
        head, _, rest = path.partition("{")
        _, _, tail = rest.partition("}")
        value = data.draw(TRICKY | st.text(min_size=1, max_size=30))
        path = head + (quote(value, safe="") or "x") + tail
    return path


def _check(response: httpx.Response) -> None:
    assert response.status_code < 500, f"{response.request.method} {response.request.url}: {response.text[:500]}"
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) == {"status", "code", "message"} and error["status"] == response.status_code


@FUZZ
@given(data=st.data())
def test_random_query_strings_never_give_5xx(client: httpx.Client, routes: list, data: st.DataObject) -> None:
    _method, path, names = data.draw(st.sampled_from([r for r in routes if r[0] == "GET"]))
    if data.draw(st.booleans()):
        params: Any = data.draw(st.dictionaries(st.sampled_from(names) if names else st.just("x"), QUERY_VALUES))
        response = client.get(_fill(path, data), params=params)
    else:
        raw = data.draw(st.text(max_size=60))
        response = client.get(f"{_fill(path, data)}?{quote(raw, safe='=&')}")
    _check(response)


@FUZZ
@given(data=st.data())
def test_random_json_bodies_never_give_5xx(client: httpx.Client, routes: list, data: st.DataObject) -> None:
    method, path, _ = data.draw(st.sampled_from([r for r in routes if r[0] != "GET"]))
    body = data.draw(BODIES)
    content = json.dumps(body).encode() if data.draw(st.integers(0, 9)) else data.draw(st.binary(max_size=80))
    response = client.request(method, _fill(path, data), content=content, headers={"content-type": "application/json"})
    _check(response)


def test_the_server_still_answers_after_the_fuzzing(client: httpx.Client) -> None:
    assert client.get("/api/summary").status_code == 200
