"""Cold start: a push consumer's service loads only what its first message needs.

Checked in a fresh interpreter: importing ``main`` (as functions-framework does) and building a
consumer (as its first request does) must not load the contracts of modules it neither
receives nor raises, the handlers of other consumers, the JWT code (ours or PyJWT) when push
auth is off, Pub/Sub for a consumer that raises nothing, the tracing SDK, pydantic, or the
API's JSON Schema validator. The consumer declarations ``main`` imports hold their handler
imports inside their ``handlers`` functions: this test is what keeps them there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

FUNCTIONS = Path(__file__).resolve().parents[3] / "functions"

BUILD = """
import json, sys
import main
from wild_workouts import bootstrap
bootstrap.push_consumer(bootstrap.CONSUMERS_BY_NAME[sys.argv[1]])
print(json.dumps(sorted(sys.modules)))
"""

NEVER = (
    "pydantic",
    "opentelemetry.sdk",
    "opentelemetry.exporter",
    "pipeline_kit.auth.dev_token_issuer",
    "pipeline_kit.auth.firebase_id_token_verifier",
    "jwt",
    "jsonschema_rs",
)


def _modules_after_building(consumer: str, tracing: dict[str, str] | None = None) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(FUNCTIONS), "PUSH_AUTH_DISABLED": "true"}
    env.pop("K_SERVICE", None)
    env.update(tracing or {"TRACE_EXPORTER": "console"})
    out = subprocess.run(
        [sys.executable, "-c", BUILD, consumer], env=env, cwd=FUNCTIONS, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout))


@pytest.mark.parametrize(
    ("consumer", "absent"),
    [
        (
            "trainer-calendar",
            (
                "wild_workouts.contracts.trainings_events",
                "wild_workouts.contracts.users_events",
                "wild_workouts.trainer.app.saga_handlers",
                "pipeline_kit.auth.jwt_verifier",
                "google.cloud.pubsub_v1",
                "google.pubsub_v1",
            ),
        ),
        (
            "users-on-trainings",
            (
                "wild_workouts.contracts.trainer_events",
                "wild_workouts.trainer.domain.hour",
                "pipeline_kit.auth.jwt_verifier",
            ),
        ),
        (
            "attendee-trainings",
            ("wild_workouts.contracts.trainer_events", "wild_workouts.trainings.app.hour_answers"),
        ),
    ],
)
def test_a_consumer_loads_only_what_it_needs(consumer: str, absent: tuple[str, ...]) -> None:
    loaded = _modules_after_building(consumer)
    unexpected = [name for name in (*absent, *NEVER) if any(m == name or m.startswith(name + ".") for m in loaded)]
    assert not unexpected, f"{consumer} loaded {unexpected}"


def test_the_otlp_exporter_is_not_loaded_by_a_consumer_s_first_request() -> None:
    loaded = _modules_after_building("trainer-calendar", {"OTEL_TRACES_EXPORTER": "otlp", "TRACE_EXPORTER": ""})
    assert not [name for name in NEVER if any(m == name or m.startswith(name + ".") for m in loaded)]
