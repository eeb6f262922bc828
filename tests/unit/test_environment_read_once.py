"""The environment is read in one place: the composition root (``wild_workouts/bootstrap.py``
calls ``Settings.from_environ(os.environ)`` once per process) — and in the kit's defaults for
a process that never configures it (the ops CLI, the kit's example app, a script), each of which
the composition root replaces by calling that module's ``configure(...)`` at start-up.

Checked on the source: a new reader of ``os.environ`` / ``os.getenv`` under ``functions/`` fails
here (take the value from ``Settings`` instead)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
READS = re.compile(r"\bos\.environ\b|\bgetenv\(|\bfrom os import\b")

COMPOSITION_ROOT = "wild_workouts/bootstrap.py"
KIT_DEFAULTS_WHEN_NOT_CONFIGURED = {
    "pipeline_kit/firestore/firestore_client.py",
    "pipeline_kit/observability/structured_log.py",
    "pipeline_kit/observability/tracing.py",
    "pipeline_kit/outbox/sent_marker.py",
    "pipeline_kit/pubsub/publisher.py",
}


def _readers() -> set[str]:
    return {
        path.relative_to(FUNCTIONS).as_posix()
        for path in FUNCTIONS.rglob("*.py")
        if "__pycache__" not in path.parts and READS.search(path.read_text())
    }


def test_only_the_composition_root_and_the_kits_unconfigured_defaults_read_the_environment() -> None:
    assert _readers() == {COMPOSITION_ROOT} | KIT_DEFAULTS_WHEN_NOT_CONFIGURED


def test_each_kit_default_has_a_configure_that_the_composition_root_calls() -> None:
    root = (FUNCTIONS / COMPOSITION_ROOT).read_text()
    for module in KIT_DEFAULTS_WHEN_NOT_CONFIGURED:
        assert "def configure(" in (FUNCTIONS / module).read_text(), module
        assert f"{Path(module).stem}.configure(" in root, module
