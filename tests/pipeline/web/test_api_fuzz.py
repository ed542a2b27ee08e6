"""Schemathesis over the OpenAPI description of the JSON API, against the app served on 127.0.0.1 with a
board member's session: no generated request (valid or not) gets a server error."""

from __future__ import annotations

import os
import re
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from pipeline.web import api_watches
from pipeline.web.api import router
from pipeline.web.pages_grassroots import api_router as grassroots_api

from .conftest import PASSWORD, Site

pytestmark = pytest.mark.slow
OPERATIONS = sorted(
    (method, route.path)
    for route in (*router.routes, *api_watches.api.routes, *grassroots_api.routes)
    for method in getattr(route, "methods", ())
    if getattr(route, "include_in_schema", True)
)


@pytest.fixture(scope="module")
def board_session(site: Site, live_server: str) -> dict[str, str]:
    """Cookie and CSRF headers of a logged-in board member (who may call every operation)."""
    with httpx.Client(base_url=live_server) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert token
        data = {"username": site.users["ban_tuyen_giao"], "password": PASSWORD, "csrf_token": token.group(1)}
        client.post("/login", data=data)
        session = client.cookies["duluan_session"]
        csrf = client.get("/api/me").json()["csrf_token"]
    return {"Cookie": f"duluan_session={session}", "X-CSRF-Token": csrf}


@pytest.fixture(scope="module")
def schema(live_server: str, board_session: dict[str, str]) -> Any:
    return schemathesis.openapi.from_url(f"{live_server}/api/openapi.json", headers=board_session)


def test_openapi_describes_every_api_operation(schema: Any) -> None:
    described = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
    assert described == set(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=str)
@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_no_server_error(
    schema: Any, live_server: str, board_session: dict[str, str], method: str, path: str, mode: Any
) -> None:
    operation = schema[path][method]
    failures: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=int(os.environ.get("DULUAN_FUZZ_EXAMPLES", "40")),
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(base_url=live_server, headers=board_session)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} {case.method} {case.formatted_path} {case.query}")

    try:
        run()
    except Unsatisfiable:
        pytest.skip("the operation takes no input that could be invalid")
    assert not failures, failures[:5]
