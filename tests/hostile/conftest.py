"""A local stack (emulators, the real functions, the topology) per hostile-input test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ops.demo.dev_tokens import dev_token_environment
from ops.local_stack.stack import LocalStack, StackSettings


@pytest.fixture(scope="module")
def stack() -> Iterator[LocalStack]:
    with LocalStack(StackSettings(extra_env=dev_token_environment(), sweep_interval_seconds=2.0)) as running:
        yield running
