"""Errors a handler raises to choose its outcome.

- ``TransientError`` (and Google API errors such as Aborted, Unavailable, DeadlineExceeded,
  timeouts): nack with 503; Pub/Sub retries with backoff, then dead-letters.
- ``PermanentError`` (and the exception types a consumer declares permanent, e.g. its domain
  errors): the message can never succeed; it is parked in the consumer's dead-letter topic
  with the reason, then acked.
- Any other exception is treated as transient: retried, and dead-lettered by Pub/Sub after
  the maximum attempts, so an unexpected bug never loses a message.
"""

from __future__ import annotations


class TransientError(RuntimeError):
    """Retry later (503)."""


class PermanentError(ValueError):
    """Never retry: park with the reason, then ack."""
