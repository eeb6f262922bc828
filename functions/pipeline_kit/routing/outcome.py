"""The outcome of one push request and the HTTP status Pub/Sub sees.

| outcome        | status | meaning for Pub/Sub |
| -------------- | ------ | ------------------- |
| handled        | 204    | ack                 |
| duplicate      | 204    | ack, no effect (already processed), counted |
| ignored        | 204    | ack: an event type this consumer does not handle (filters are not applied by the emulator) |
| retry          | 503    | nack: transient error; Pub/Sub retries with backoff and dead-letters after max attempts |
| parked         | 204    | ack after the original message and the reason were published to the dead-letter topic |
| park_failed    | 503    | nack: nothing is acked unless its effect or its parked copy is stored |
| unauthenticated| 401    | missing or invalid token: nothing else happens |
| forbidden      | 403    | valid token of a caller that is not allowed: nothing else happens |
| too_large      | 413    | body or data over Pub/Sub's message size: refused before any work, not parked |

The local emulator acks only 200, 201 and 204 (not 202), hence 204.
"""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    HANDLED = "handled"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    RETRY = "retry"
    PARKED = "parked"
    PARK_FAILED = "park_failed"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    TOO_LARGE = "too_large"

    @property
    def status(self) -> int:
        return _STATUS[self]

    @property
    def acks(self) -> bool:
        return self.status in (200, 201, 204)


_STATUS = {
    Outcome.HANDLED: 204,
    Outcome.DUPLICATE: 204,
    Outcome.IGNORED: 204,
    Outcome.RETRY: 503,
    Outcome.PARKED: 204,
    Outcome.PARK_FAILED: 503,
    Outcome.UNAUTHENTICATED: 401,
    Outcome.FORBIDDEN: 403,
    Outcome.TOO_LARGE: 413,
}
