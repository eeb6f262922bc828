"""Errors a handler raises to choose its outcome.

- ``TransientError``: nack with 503; Pub/Sub retries with backoff, then dead-letters.
- ``PermanentError``: the message can never succeed; it is parked in the consumer's
  dead-letter topic with the reason, then acked.
- Any other exception is classified by its family (``routing/error_taxonomy``): deterministic
  ones (domain errors the consumer declares, ``ValueError``, ``TypeError``, ``KeyError``, …,
  Google's ``InvalidArgument``) are permanent; what may pass on a retry (Google's ``Aborted``,
  ``Unavailable``, ``DeadlineExceeded``, …, timeouts, connection errors, anything unknown) is
  transient, so an unexpected failure never loses a message.
"""

from __future__ import annotations


class TransientError(RuntimeError):
    """Retry later (503)."""


class PermanentError(ValueError):
    """Never retry: park with the reason, then ack."""
