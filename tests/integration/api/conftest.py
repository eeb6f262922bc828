"""The API on the real emulators: fresh topics, a development issuer, a Flask test client."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.firestore.firestore_client import reset_firestore_client
from tests.unit.api.checked_client import CheckedClient

MODULES = ("trainer", "trainings", "users")


@dataclass
class ApiClient(CheckedClient):
    """The checked client plus a pull subscription on each module's fresh topic."""

    subscriptions: dict[str, str]


@pytest.fixture
def api(
    emulators: RunningEmulators, tmp_path: Path, unique: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[ApiClient]:
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    project = os.environ["GOOGLE_CLOUD_PROJECT"]
    publisher = pubsub_v1.PublisherClient()
    subscriber = pubsub_v1.SubscriberClient()
    subscriptions: dict[str, str] = {}
    for module in MODULES:
        topic = f"{module}-events-{unique}"
        topic_path = publisher.topic_path(project, topic)
        publisher.create_topic(name=topic_path)
        subscription = subscriber.subscription_path(project, f"{module}-tap-{unique}")
        subscriber.create_subscription(name=subscription, topic=topic_path)
        subscriptions[module] = subscription
        monkeypatch.setenv(f"TOPIC_{module.upper()}", topic)
    monkeypatch.setenv("FIREBASE_PROJECT_ID", project)
    monkeypatch.setenv("API_AUTH_DEV_ISSUER", "true")
    monkeypatch.setenv("API_AUTH_DEV_PRIVATE_KEY_FILE", str(tmp_path / "dev-issuer.pem"))
    reset_firestore_client()

    from tests.integration.api.dev_token import mint_dev_token
    from wild_workouts import bootstrap

    mint_dev_token("warm-up", "trainer", "Warm Up")  # writes the key file the API reads
    app = bootstrap.firestore_api_app(bootstrap.settings())
    yield ApiClient(app.test_client(), subscriptions)
    subscriber.close()
