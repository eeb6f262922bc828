"""Exporting tracers start off the cold-start path; the trace context flows from the first hop."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

FUNCTIONS = Path(__file__).resolve().parents[4] / "functions"

SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pipeline_kit.observability import tracing
    from pipeline_kit.observability.trace_context import MessageContext, TraceParent, enter_context, current_context
    enter_context(MessageContext("c", "e", TraceParent("0" * 31 + "1", "0" * 15 + "1", True)))
    with tracing.span("first hop"):
        first_span = current_context().trace.span_id
    loaded_at_first_span = "opentelemetry.sdk.trace" in sys.modules
    deadline = time.monotonic() + 10
    while tracing._tracer is None and time.monotonic() < deadline:
        time.sleep(0.05)
    with tracing.span("later hop"):
        pass
    print(loaded_at_first_span, first_span != "0" * 15 + "1", tracing._tracer is not None)
    """
)


def _run(exporter: str, defer: str) -> str:
    env = {"PYTHONPATH": str(FUNCTIONS), "TRACE_EXPORTER": exporter, "TRACE_EXPORTER_DEFER_SECONDS": defer}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout.splitlines()[0].strip()  # exported spans (JSON lines) follow at exit


def test_console_exporter_loads_after_the_first_span_which_still_gets_its_own_span_id() -> None:
    assert _run("console", "0.2") == "False True True"


def test_no_deferral_loads_the_sdk_with_the_first_span() -> None:
    assert _run("console", "0") == "True True True"
