"""Shared fixtures: one pair of official emulators per test session (started on first use)."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator

import pytest

from ops.local_stack.emulators import RunningEmulators, start_emulators
from ops.local_stack.local_paths import new_log_dir
from ops.local_stack.required_tools import find_emulators
from ops.local_stack.stack import forget_kit_clients


@pytest.fixture(scope="session")
def emulators() -> Iterator[RunningEmulators]:
    """Pub/Sub + Firestore emulators for the whole session; the environment points at them."""
    running = start_emulators(find_emulators(), new_log_dir("tests"))
    saved = {
        key: os.environ.get(key) for key in ("PUBSUB_EMULATOR_HOST", "FIRESTORE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT")
    }
    os.environ.update(running.environment())
    os.environ["GOOGLE_CLOUD_PROJECT"] = "wild-workouts-test"
    forget_kit_clients()
    try:
        yield running
    finally:
        running.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        forget_kit_clients()


@pytest.fixture(autouse=True)
def settings_read_per_test() -> Iterator[None]:
    """The composition root reads the environment once per process; a test that changes the
    environment gets it read again (``bootstrap.reset``; a test that changes it in the middle
    calls ``reset`` itself). Nothing is imported for a test that never loaded it."""
    _reset_bootstrap()
    yield
    _reset_bootstrap()


def _reset_bootstrap() -> None:
    bootstrap = sys.modules.get("wild_workouts.bootstrap")
    if bootstrap is not None:
        bootstrap.reset()


@pytest.fixture
def unique() -> str:
    """A random suffix: tests use fresh names instead of cleaning up."""
    return uuid.uuid4().hex[:10]
