"""The API app on in-memory dependencies."""

from __future__ import annotations

import pytest

from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from tests.unit.api.api_world import PROJECT, InMemoryWorld
from tests.unit.api.checked_client import CheckedClient


@pytest.fixture(scope="session")
def issuer() -> DevTokenIssuer:
    return DevTokenIssuer(PROJECT)


@pytest.fixture
def world(issuer: DevTokenIssuer) -> InMemoryWorld:
    return InMemoryWorld(issuer)


@pytest.fixture
def client(world: InMemoryWorld) -> CheckedClient:
    return CheckedClient(world.api_app().test_client())
