"""Property-based run over the OpenAPI schema (schemathesis): no 5xx, and every answer conforms to
the schema it documents (status codes, content types, headers, JSON bodies) on the REST, network
and dataset routes. In-process (ASGI), over the API fixture store: no network."""

from __future__ import annotations

import re

import pytest
from api_fixtures import make_client, make_store

from pipeline.config import Settings
from pipeline.contract import DATE_PATTERN
from pipeline.network import interval

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (pip install -e '.[test]')")
from hypothesis import HealthCheck, assume, settings  # noqa: E402  (schemathesis brings hypothesis)
from schemathesis.checks import negative_data_rejection  # noqa: E402

from api.app import create_app  # noqa: E402

DATE = re.compile(DATE_PATTERN)
ROUTES = r"^/(actors|events|positions|motions|documents|network\.|graph/|dataset|\.well-known/void|health)"
app = create_app(Settings(base_iri="https://w3id.org/diplokg", update_token=None), make_store())
schema = schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=ROUTES, method="GET")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_rest_routes_answer_within_their_schema(case) -> None:
    # Every check but negative_data_rejection, which asks that requests the schema does not describe
    # be refused: FastAPI reads "20.0" as the integer 20 and the last of repeated parameters, and being
    # lenient there is no fault. Schema-valid requests must still succeed (positive_data_acceptance).
    q = case.query or {}
    # The one rule OpenAPI cannot state: a date range must not end before it starts (that is a 400).
    assume(not (isinstance(q.get("from"), str) and isinstance(q.get("to"), str)
                and DATE.fullmatch(q["from"]) and DATE.fullmatch(q["to"])
                and interval(q["from"])[0] > interval(q["to"])[1]))
    case.call_and_validate(excluded_checks=[negative_data_rejection])


def test_the_run_covers_the_rest_routes() -> None:
    paths = {op.path for op in (r.ok() for r in schema.get_all_operations())}
    assert {"/actors", "/actors/{type_path}/{key}", "/events", "/positions", "/motions", "/documents",
            "/network.gexf", "/.well-known/void", "/graph/{key}"} <= paths
    assert make_client  # the fixture module is the one the other API tests use
