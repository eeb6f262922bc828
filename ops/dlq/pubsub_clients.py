"""Pub/Sub clients for the ops commands. The library picks the emulator from
``PUBSUB_EMULATOR_HOST`` (checked first, so an unreachable emulator is one clear line);
without it, Google Cloud with the application default credentials."""

from __future__ import annotations

from typing import Any

from ops.cli_support.emulator_reachability import require_reachable

CALL_TIMEOUT_SECONDS = 30.0


def subscriber_client() -> Any:
    require_reachable("PUBSUB_EMULATOR_HOST")
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    return pubsub_v1.SubscriberClient()


def publisher_client() -> Any:
    """Ordering enabled, so a redriven message keeps its ordering key."""
    require_reachable("PUBSUB_EMULATOR_HOST")
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    return pubsub_v1.PublisherClient(
        publisher_options=pubsub_v1.types.PublisherOptions(enable_message_ordering=True),
    )
