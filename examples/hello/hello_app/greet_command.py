"""The command: store a greeting request and emit ``GreetingRequested``, in one commit.

``greet`` is the unit of work's ``work``: it may run more than once (a write conflict re-runs it
on fresh reads), so everything it does goes through ``attempt`` (its writes, its events).
"""

from __future__ import annotations

import uuid

from hello_app.events import GreetingRequested
from pipeline_kit import EventEmitter, UnitOfWorkAttempt

GREETINGS = "hello_greetings"


def greet(attempt: UnitOfWorkAttempt, emitter: EventEmitter, name: str, greeting_id: str | None = None) -> str:
    """Write ``hello_greetings/<greeting_id>`` and put the event in the same commit's outbox."""
    greeting_id = greeting_id or uuid.uuid4().hex
    ref = attempt.client.collection(GREETINGS).document(greeting_id)
    attempt.set(ref, {"name": name, "requested_at": attempt.now})
    emitter.emit(attempt, GreetingRequested(greeting_id=greeting_id, name=name))
    return greeting_id
