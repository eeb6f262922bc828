"""Hold a batch of dead letters while an operator looks at them or acts on them.

``held_dead_letters`` pulls up to ``limit`` messages, extends their lease so they are not
redelivered meanwhile, and on exit releases every message that was not acked (ack deadline 0),
so ``list``/``show``/``--dry-run`` leave the subscription exactly as they found it. Only
``ack`` removes a message, and callers ack only after its copy is safely published. ``release``
hands back at once the messages a command will not act on (``redrive --group``: the other causes
are redelivered as if never pulled), and ``renew_lease_if_due`` keeps a long, rate-limited redrive
from losing the lease on the messages it has not reached yet.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from ops.cli_support.operator_error import OperatorError
from ops.dlq.dead_letter_message import DeadLetterMessage
from ops.dlq.pubsub_clients import CALL_TIMEOUT_SECONDS

LEASE_SECONDS = 600
_BATCH = 100
_EMPTY_PULLS_TO_STOP = 2


@dataclass
class HeldDeadLetters:
    subscriber: Any
    subscription_path: str
    messages: list[DeadLetterMessage] = field(default_factory=list)
    _acked: set[str] = field(default_factory=set)
    _released: set[str] = field(default_factory=set)
    _leased_at: float = field(default_factory=time.monotonic)

    def ack(self, message: DeadLetterMessage) -> None:
        self.subscriber.acknowledge(
            request={"subscription": self.subscription_path, "ack_ids": [message.ack_id]},
            timeout=CALL_TIMEOUT_SECONDS,
        )
        self._acked.add(message.ack_id)

    def release(self, messages: list[DeadLetterMessage]) -> None:
        """Give these back now (ack deadline 0): Pub/Sub redelivers them as if never pulled."""
        ids = [m.ack_id for m in messages if m.ack_id not in self._acked and m.ack_id not in self._released]
        self._released.update(ids)
        for start in range(0, len(ids), _BATCH):
            with suppress(Exception):  # best effort: the lease runs out by itself anyway
                self._set_deadline(ids[start : start + _BATCH], 0)

    def release_unacked(self) -> None:
        self.release(self.messages)

    def renew_lease_if_due(self) -> None:
        """Extend the lease of the messages still held once half of it has passed."""
        if time.monotonic() - self._leased_at < LEASE_SECONDS / 2:
            return
        held = [m.ack_id for m in self.messages if m.ack_id not in self._acked and m.ack_id not in self._released]
        for start in range(0, len(held), _BATCH):
            self._set_deadline(held[start : start + _BATCH], LEASE_SECONDS)
        self._leased_at = time.monotonic()

    def _set_deadline(self, ack_ids: list[str], seconds: int) -> None:
        self.subscriber.modify_ack_deadline(
            request={"subscription": self.subscription_path, "ack_ids": ack_ids, "ack_deadline_seconds": seconds},
            timeout=CALL_TIMEOUT_SECONDS,
        )


def require_subscription(subscriber: Any, subscription_path: str) -> None:
    from google.api_core.exceptions import NotFound

    try:
        subscriber.get_subscription(request={"subscription": subscription_path}, timeout=CALL_TIMEOUT_SECONDS)
    except NotFound:
        raise OperatorError(
            f"unknown dead-letter subscription {subscription_path} (see `python -m ops dlq list`)"
        ) from None


@contextmanager
def held_dead_letters(subscriber: Any, subscription_path: str, limit: int) -> Iterator[HeldDeadLetters]:
    require_subscription(subscriber, subscription_path)
    held = HeldDeadLetters(subscriber, subscription_path)
    try:
        _pull_into(held, limit)
        yield held
    finally:
        held.release_unacked()


def _pull_into(held: HeldDeadLetters, limit: int) -> None:
    seen: set[str] = set()
    empty_pulls = 0
    while len(held.messages) < limit and empty_pulls < _EMPTY_PULLS_TO_STOP:
        with warnings.catch_warnings():
            # return_immediately is deprecated but still honoured by Pub/Sub and the emulator, and it
            # is what lets a one-shot command see "empty" without waiting out a long pull.
            warnings.simplefilter("ignore", DeprecationWarning)
            response = held.subscriber.pull(
                request={
                    "subscription": held.subscription_path,
                    "max_messages": min(_BATCH, limit - len(held.messages)),
                    "return_immediately": True,
                },
                timeout=CALL_TIMEOUT_SECONDS,
            )
        received = list(response.received_messages)
        if not received:
            empty_pulls += 1
            time.sleep(0.2)
            continue
        empty_pulls = 0
        held._set_deadline([r.ack_id for r in received], LEASE_SECONDS)
        held._leased_at = time.monotonic()
        for item in received:
            message = DeadLetterMessage.from_received(item)
            if message.message_id in seen:
                continue
            seen.add(message.message_id)
            held.messages.append(message)
