"""The publisher's settings: what the composition root configures wins over the environment, and a
process that never configures it keeps the environment's defaults (the ops CLI, tests)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pipeline_kit.pubsub import publisher

pytestmark = pytest.mark.unit


@pytest.fixture(autouse=True)
def unconfigured(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(publisher, "_settings", None)
    for name in ("GOOGLE_CLOUD_PROJECT", "GCP_PROJECT", "PUBSUB_EMULATOR_HOST"):
        monkeypatch.delenv(name, raising=False)
    yield
    publisher.reset_publisher()


def test_configured_settings_win_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "from-env")
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", "127.0.0.1:1")
    publisher.configure("configured", "127.0.0.1:8085")
    assert publisher.publisher_settings() == publisher.PublisherSettings("configured", "127.0.0.1:8085")
    assert publisher.topic_path("trainer") == "projects/configured/topics/trainer"


def test_without_configure_the_environment_gives_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GCP_PROJECT", "legacy-name")
    monkeypatch.setenv("PUBSUB_EMULATOR_HOST", "localhost:8085")
    assert publisher.publisher_settings() == publisher.PublisherSettings("legacy-name", "localhost:8085")
    monkeypatch.setenv("GOOGLE_CLOUD_PROJECT", "preferred")
    assert publisher.project_id() == "preferred"


def test_a_bare_topic_needs_a_project() -> None:
    publisher.configure(None)
    assert publisher.topic_path("projects/p/topics/t") == "projects/p/topics/t"
    with pytest.raises(RuntimeError, match="GOOGLE_CLOUD_PROJECT is not set"):
        publisher.topic_path("trainer")


def test_configure_drops_the_client_built_with_older_settings() -> None:
    publisher._publisher = object()  # a client built before start
    publisher.configure("p", "")
    assert publisher._publisher is None
