"""A process-wide Pub/Sub publisher, created on first use: one synchronous Publish call per message.

``publish`` returns once Pub/Sub accepted the message (or raises ``PublishFailed``), so callers
know an event is durably in Pub/Sub before they mark it sent or ack anything.

It uses the generated client (``google.pubsub_v1.PublisherClient``), not the batching one from
``google.cloud.pubsub_v1``: the kit publishes one message at a time and waits for it, so
batching buys nothing, and its machinery (a batch thread, futures, a sequencer per ordering
key that pauses the key after a failure) cost about three times the CPU and four times the wall
time of a plain call per message (measured on the emulator), plus a heavier import on the
first publish of a cold instance.

Ordering: every message carries its ordering key (the aggregate id), for subscriptions that
deliver in order. Callers publish one after the other what must stay in order (the records of
one unit of work, the sweeper's oldest-first batch), each call waiting for the one before.

Retries: transient errors are retried by the kit with backoff (the generated client's own retry
is off), each attempt and all of them within ``timeout`` and the delivery's remaining budget when
there is one (``deadline/budgeted_call``); past that it raises, and the message's redelivery or
the outbox sweeper publishes it later.

Configuration: the composition root calls ``configure(project_id, emulator_host)`` once at start
(from its settings). A process that never calls it (the ops CLI, a test) gets today's defaults
from its environment: ``GOOGLE_CLOUD_PROJECT`` or ``GCP_PROJECT``, and ``PUBSUB_EMULATOR_HOST``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_lock = threading.Lock()
_publisher: Any = None

PUBLISH_TIMEOUT_SECONDS = 10.0


class PublishFailed(RuntimeError):
    """Pub/Sub did not accept the message. Transient: retry later."""


@dataclass(frozen=True)
class PublisherSettings:
    """Where messages go: the project of bare topic names, and the emulator's ``host:port`` (or "")."""

    project_id: str | None
    emulator_host: str = ""


_settings: PublisherSettings | None = None


def configure(project_id: str | None, emulator_host: str = "") -> None:
    """Use these settings from now on (the next client is built with them)."""
    global _settings  # noqa: PLW0603 - set once by the composition root
    _settings = PublisherSettings(project_id=project_id or None, emulator_host=emulator_host)
    reset_publisher()


def publisher_settings() -> PublisherSettings:
    """The configured settings, else the environment's (a process that never called ``configure``)."""
    if _settings is not None:
        return _settings
    return PublisherSettings(
        project_id=os.environ.get("GOOGLE_CLOUD_PROJECT") or os.environ.get("GCP_PROJECT") or None,
        emulator_host=os.environ.get("PUBSUB_EMULATOR_HOST", ""),
    )


def project_id() -> str:
    project = publisher_settings().project_id
    if not project:
        raise RuntimeError("GOOGLE_CLOUD_PROJECT is not set")
    return project


def publisher_client() -> Any:
    """The process-wide generated publisher client (the emulator's when an emulator host is set)."""
    global _publisher  # noqa: PLW0603 - one client per process, reused across requests
    if _publisher is None:
        with _lock:
            if _publisher is None:
                from google.pubsub_v1 import PublisherClient

                emulator = publisher_settings().emulator_host
                if emulator:
                    import grpc
                    from google.pubsub_v1.services.publisher.transports.grpc import PublisherGrpcTransport

                    channel = grpc.insecure_channel(emulator)
                    _publisher = PublisherClient(transport=PublisherGrpcTransport(channel=channel))
                else:
                    _publisher = PublisherClient()
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
    """Publish and wait for the server's message id, within ``timeout`` and the delivery's
    remaining budget (retries included). Raises PublishFailed."""
    from google.pubsub_v1.types import PublishRequest, PubsubMessage

    from pipeline_kit.deadline.budgeted_call import call_within_budget

    # The request built on the raw protobuf classes (the generated client takes it as is): the
    # proto-plus wrappers cost several times the CPU for the same message.
    message = PubsubMessage.pb()(data=data, attributes=attributes, ordering_key=ordering_key)
    request = PublishRequest(PublishRequest.pb()(topic=topic_path(topic), messages=[message]))
    try:
        response = call_within_budget(
            lambda options: publisher_client().publish(request=request, **options),
            default_timeout=timeout,
            retryable=_is_transient,
        )
        return str(response.message_ids[0])
    except Exception as error:
        raise PublishFailed(f"publish to {topic} failed: {type(error).__name__}: {error}") from error


def _is_transient(error: BaseException) -> bool:
    """The errors a publish is retried on (those the generated client's defaults retry)."""
    from google.api_core import exceptions

    return isinstance(
        error,
        (
            exceptions.Aborted,
            exceptions.DeadlineExceeded,
            exceptions.InternalServerError,
            exceptions.ResourceExhausted,
            exceptions.ServiceUnavailable,
            exceptions.Unknown,
        ),
    )
