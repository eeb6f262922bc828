"""A process-wide Pub/Sub publisher with ordering keys, created on first use.

``publish`` blocks until Pub/Sub accepted the message (or raises), so callers know an event
is durably in Pub/Sub before they mark it sent or ack anything. With ordering keys, a failed
publish pauses its key in the client library; ``publish`` resumes the key before raising so
the next attempt (a redelivery or the sweeper) can go through.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Mapping
from typing import Any

_lock = threading.Lock()
_publisher: Any = None

PUBLISH_TIMEOUT_SECONDS = 10.0


class PublishFailed(RuntimeError):
    """Pub/Sub did not accept the message. Transient: retry later."""


def project_id() -> str:
    project = os.environ.get("GOOGLE_CLOUD_PROJECT") or os.environ.get("GCP_PROJECT")
    if not project:
        raise RuntimeError("GOOGLE_CLOUD_PROJECT is not set")
    return project


def publisher_client() -> Any:
    global _publisher  # noqa: PLW0603 - one client per process, reused across requests
    if _publisher is None:
        with _lock:
            if _publisher is None:
                from google.cloud import pubsub_v1  # type: ignore[attr-defined]

                _publisher = pubsub_v1.PublisherClient(
                    batch_settings=pubsub_v1.types.BatchSettings(max_messages=100, max_latency=0.001),
                    publisher_options=pubsub_v1.types.PublisherOptions(enable_message_ordering=True),
                )
    return _publisher


def reset_publisher() -> None:
    global _publisher  # noqa: PLW0603
    with _lock:
        _publisher = None


def topic_path(topic: str) -> str:
    return topic if topic.startswith("projects/") else f"projects/{project_id()}/topics/{topic}"


def publish(
    topic: str,
    data: bytes,
    attributes: Mapping[str, str],
    ordering_key: str = "",
    timeout: float = PUBLISH_TIMEOUT_SECONDS,
) -> str:
    """Publish and wait for the server's message id. Raises PublishFailed."""
    from pipeline_kit.routing.delivery_deadline import timeout_within_deadline

    timeout = timeout_within_deadline(timeout) or timeout
    client = publisher_client()
    path = topic_path(topic)
    try:
        future = client.publish(path, data, ordering_key=ordering_key, **dict(attributes))
        return str(future.result(timeout=timeout))
    except Exception as error:
        if ordering_key:
            with contextlib.suppress(Exception):  # resuming is best effort; the error below is what matters
                client.resume_publish(path, ordering_key)
        raise PublishFailed(f"publish to {topic} failed: {type(error).__name__}: {error}") from error
