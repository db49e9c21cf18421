"""Property-based tests generated from the API's own OpenAPI document: no input makes the server fail (5xx)."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from conftest import LiveServer

RESOURCES = Path(__file__).resolve().parent / "resources" / "api"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def base_url(api_server: LiveServer) -> str:
    return api_server.url


@pytest.fixture(scope="module")
def api_schema(base_url: str) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_url(f"{base_url}/openapi.json")


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call(timeout=60)
    case.validate_response(response, checks=[not_a_server_error])
