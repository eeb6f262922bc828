"""The cause of a dead letter, as a fingerprint and a short group id, so failures group by cause.

Contract:
- a message the kit parked: error class + the message *template* (its error message with
  quoted values, UUIDs, timestamps, ids and numbers replaced by placeholders) + event type;
- a message Pub/Sub dead-lettered itself (no ``error_class``): "dead-lettered by Pub/Sub after N
  attempts" (N from ``CloudPubSubDeadLetterSourceDeliveryCount``, ``?`` when absent) + event type;
- the group id is the first 8 hex digits of the SHA-256 of the fingerprint: the same cause gives
  the same id on every run, every machine and every project, so an id read from ``dlq list`` can be
  given to ``dlq show --group`` / ``dlq redrive --group`` later.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ops.dlq.dead_letter_reason import PUBSUB_DELIVERY_COUNT

GROUP_ID_LENGTH = 8

# In order: a quoted value may hold anything; UUIDs and timestamps before the generic ids they
# contain; a token with a digit in it (event-1, t-42, 3f2a9c1b, v2) is an id; what is left of
# plain numbers last.
_PLACEHOLDERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?<!\w)'[^'\n]*'(?!\w)"), "'<v>'"),
    (re.compile(r'"[^"\n]*"'), '"<v>"'),
    (re.compile(r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"), "<uuid>"),
    (
        re.compile(
            r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)"
            r"|\b\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?!\d)"
        ),
        "<ts>",
    ),
    (re.compile(r"(?<![\w.])[-+]?\d+\.\d+(?![\d.])"), "<n>"),
    (re.compile(r"\b[A-Za-z_][\w-]*\d[\w-]*|\b\d+[A-Za-z_-][\w-]*"), "<id>"),
    (re.compile(r"(?<![\w<])[-+]?\d+(?:\.\d+)?\b"), "<n>"),
)
PLACEHOLDER_LEGEND = (
    "In a cause, '<v>' and \"<v>\" stand for a quoted value, <uuid> a UUID, <ts> a timestamp, <id> an id, <n> a"
    " number: replaced so that the same cause groups (`dlq show --group ID` prints the messages as they are)."
)


@dataclass(frozen=True)
class Cause:
    group_id: str
    parked_by: str  # "kit" or "pubsub"
    error_class: str
    template: str
    event_type: str

    @property
    def label(self) -> str:
        """What an operator reads: ``ErrorClass: template`` or the Pub/Sub sentence."""
        return f"{self.error_class}: {self.template}" if self.parked_by == "kit" else self.template


def message_template(text: str) -> str:
    """The error message with its variable parts replaced by placeholders (see the module doc)."""
    for pattern, placeholder in _PLACEHOLDERS:
        text = pattern.sub(placeholder, text)
    return " ".join(text.split())


def cause_of(attributes: Mapping[str, str]) -> Cause:
    event_type = attributes.get("event_type", "")
    error_class = attributes.get("error_class", "").strip()
    if error_class:
        parked_by, template = "kit", message_template(attributes.get("error_message", ""))
    else:
        attempts = attributes.get(PUBSUB_DELIVERY_COUNT, "").strip() or "?"
        parked_by, template = "pubsub", f"dead-lettered by Pub/Sub after {attempts} attempts"
    fingerprint = "\x1f".join((parked_by, error_class, template, event_type))
    group_id = hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:GROUP_ID_LENGTH]
    return Cause(group_id, parked_by, error_class, template, event_type)
