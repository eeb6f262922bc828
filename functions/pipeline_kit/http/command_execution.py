"""Run a command from an HTTP trigger: state change + outbox in one commit, then publish.

The command is accepted once its commit succeeded. Publishing right after is the fast path;
if Pub/Sub refuses, the events stay in the outbox and the sweeper publishes them later, so
the answer to the caller is still "accepted" and nothing is lost. Published events are marked
sent off the request path, batched with other requests' (``sent_marker``; a mark that never
lands only costs a republish by the sweeper, acked as a duplicate by the consumers).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from pipeline_kit.firestore.firestore_client import firestore_client
from pipeline_kit.firestore.optimistic_unit_of_work import (
    UnitOfWorkAttempt,
    UnitOfWorkResult,
    run_unit_of_work,
)
from pipeline_kit.observability import structured_log
from pipeline_kit.observability.tracing import span
from pipeline_kit.outbox.outbox_relay import PublishFn, relay

T = TypeVar("T")


def execute_command(
    work: Callable[[UnitOfWorkAttempt], T],
    *,
    client_factory: Callable[[], Any] = firestore_client,
    publish_fn: PublishFn | None = None,
) -> UnitOfWorkResult[T]:
    client = client_factory()
    with span("firestore commit"):
        result = run_unit_of_work(client, work)
    if result.events:
        structured_log.info(  # the command's hop in ``ops trace`` (the request's correlation and trace)
            "command committed " + ", ".join(record.envelope.type for record in result.events),
            outcome="command_committed",
            events=len(result.events),
            labels={"event_type": result.events[0].envelope.type, "event_id": result.events[0].envelope.event_id},
        )
        try:
            with span("publish", kind="producer", events=len(result.events)):
                relay(client, result.events, publish_fn, defer_marking=True)
        except Exception as error:
            structured_log.warning(
                f"publish after commit failed, the outbox sweeper will retry: {type(error).__name__}: {error}"[:500],
                outcome="publish_deferred",
            )
    return result
