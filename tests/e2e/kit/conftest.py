"""Fixtures for the kit's end-to-end tests: the counter app behind real Pub/Sub push.

Each test gets fresh topics and subscriptions (uuid names) on the session's emulators and its
own counter app process (functions-framework's production server on a free port). Everything
is deleted/stopped at the end of the test, also when it fails.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from ops.local_stack.local_paths import new_log_dir
from tests.e2e.kit.counter_app_process import AppFactory, CounterAppProcess, start_counter_app
from tests.e2e.kit.counter_pipeline import CounterPipeline, PipelineNames
from tests.e2e.kit.push_tokens import AUDIENCE, PUSH_EMAIL, PushTokenSigner


@pytest.fixture(scope="session")
def kit_log_dir() -> Path:
    return new_log_dir("kit-e2e")


@pytest.fixture(scope="session")
def firestore_db(emulators: RunningEmulators) -> Any:
    from google.cloud import firestore

    return firestore.Client(project=os.environ["GOOGLE_CLOUD_PROJECT"])


@pytest.fixture
def pipeline_names(emulators: RunningEmulators) -> PipelineNames:
    return PipelineNames(project=os.environ["GOOGLE_CLOUD_PROJECT"])


@pytest.fixture
def start_app(pipeline_names: PipelineNames, kit_log_dir: Path) -> Iterator[AppFactory]:
    """Start a counter app for this test's names, with ``overrides`` on its environment."""
    started: list[CounterAppProcess] = []

    def start(overrides: dict[str, str]) -> CounterAppProcess:
        name = f"counter-app-{pipeline_names.suffix}-{len(started)}"
        app = start_counter_app(name, {**pipeline_names.app_environment(), **overrides}, kit_log_dir)
        started.append(app)
        return app

    try:
        yield start
    finally:
        for app in started:
            app.stop()


@pytest.fixture
def counter_app(start_app: AppFactory) -> CounterAppProcess:
    return start_app({})


def _provision(
    names: PipelineNames, firestore_db: Any, app: CounterAppProcess, ordering: bool
) -> Iterator[CounterPipeline]:
    created = CounterPipeline(names, firestore_db)
    try:
        created.create_topics()
        created.create_push_subscription(app.push_url, ordering=ordering)
        yield created
    finally:
        created.close()


@pytest.fixture
def pipeline(
    pipeline_names: PipelineNames, firestore_db: Any, counter_app: CounterAppProcess
) -> Iterator[CounterPipeline]:
    """Topics, pull subscriptions and an ordered push subscription to ``counter_app``."""
    yield from _provision(pipeline_names, firestore_db, counter_app, ordering=True)


@pytest.fixture
def unordered_pipeline(
    pipeline_names: PipelineNames, firestore_db: Any, counter_app: CounterAppProcess
) -> Iterator[CounterPipeline]:
    """Like ``pipeline`` without message ordering: the emulator can only dead-letter those."""
    yield from _provision(pipeline_names, firestore_db, counter_app, ordering=False)


@pytest.fixture(scope="session")
def push_signer() -> PushTokenSigner:
    return PushTokenSigner.generate()


@pytest.fixture
def authenticating_app(
    start_app: AppFactory, push_signer: PushTokenSigner, tmp_path: Path, pipeline: CounterPipeline
) -> CounterAppProcess:
    """A second counter app (same topics) that verifies push OIDC tokens signed by ``push_signer``."""
    key_file = tmp_path / "push-public-key.pem"
    key_file.write_text(push_signer.public_pem)
    return start_app(
        {
            "PUSH_AUTH_DISABLED": "false",
            "TEST_PUSH_PUBLIC_KEY_FILE": str(key_file),
            "TEST_PUSH_KEY_ID": push_signer.kid,
            "TEST_PUSH_AUDIENCE": AUDIENCE,
            "TEST_PUSH_EMAIL": PUSH_EMAIL,
        }
    )
