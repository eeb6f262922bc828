"""Behaviour only a fresh process shows: a cheap import (cold start) and the server span."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[3]

COLD_IMPORT = """
import sys
import wild_workouts.bootstrap
import wild_workouts.http.api_request
heavy = sorted(name for name in ("flask", "werkzeug", "google.cloud.firestore", "cryptography") if name in sys.modules)
print(",".join(heavy))
"""

SERVER_SPAN = """
from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from pipeline_kit.observability.tracing import finished_spans
from tests.unit.api.api_world import PROJECT, InMemoryWorld

world = InMemoryWorld(DevTokenIssuer(PROJECT))
client = world.api_app().test_client()
traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
response = client.get("/users/me/balance", headers={
    "Authorization": "Bearer " + world.token("a1", "attendee"), "traceparent": traceparent})
assert response.status_code == 200, response.json
spans = [span for span in finished_spans() if span.kind.name == "SERVER"]
span = spans[0]
print(span.name, format(span.context.trace_id, "032x"), format(span.parent.span_id, "016x"),
      span.attributes["correlation_id"] == response.headers["X-Correlation-Id"])
"""


def _run(code: str, **env: str) -> str:
    environ = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "functions"), str(REPO)]), **env}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, env=environ, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def test_importing_the_api_entry_loads_no_heavy_library() -> None:
    assert _run(COLD_IMPORT) == ""


def test_each_request_is_a_server_span_child_of_the_callers_trace() -> None:
    line = _run(SERVER_SPAN, TRACE_EXPORTER="memory", LOG_LEVEL="ERROR")
    assert line == "GET /users/me/balance 0af7651916cd43dd8448eb211c80319c b7ad6b7169203331 True"
