"""Purge a dead-letter subscription: ack everything in it, batch after batch, until it is empty.

Pull-and-ack (not ``seek``) so it works the same on the emulator and on Google Cloud. What is
purged is gone: ``dlq show`` first, or redrive what should live.
"""

from __future__ import annotations

from typing import Any

from ops.dlq.dead_letter_pull import held_dead_letters

_ROUND = 500


def purge(subscriber: Any, subscription_path: str) -> int:
    """Returns how many messages were acked."""
    purged = 0
    while True:
        with held_dead_letters(subscriber, subscription_path, _ROUND) as held:
            if not held.messages:
                return purged
            for message in held.messages:
                held.ack(message)
                purged += 1
