"""A push consumer, declared once as data: its name, the module it listens to, its handlers
and its ack deadline. The one declaration feeds ``main.py``'s targets, the monolith's
``/push/<name>`` routes and the code ↔ Terraform agreement test.

Run-time imports are the standard library only (``main.py`` imports every declaration at
start-up: cold start); ``handlers`` imports the handlers when it is called. A typed named tuple
rather than a frozen dataclass: as immutable, typed and hashable, and several times cheaper to
define at ``main.py``'s import.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

if TYPE_CHECKING:
    from pipeline_kit import MessageHandler

ModuleName = Literal["trainer", "trainings", "users"]
Handlers = Mapping[type[Any], "MessageHandler"]
"""Event payload class → the kit handler that handles it."""


class PushConsumerDeclaration(NamedTuple):
    """One push consumer = one push subscription in Terraform (same name)."""

    name: str
    """The subscription, ``/push/<name>``, ``DEAD_LETTER_TOPIC_<NAME>``, ``PUSH_AUTH_ALLOWED_EMAILS_<NAME>``."""
    listens_to: ModuleName
    """The module whose topic it subscribes to."""
    handlers: Callable[[], Handlers]
    """Imports the handlers when called (cold start); its keys are the events handled."""
    ack_deadline_seconds: float = 60.0
    """At most Terraform's (agreement test); ``ACK_DEADLINE_SECONDS`` overrides it per deployment."""

    @property
    def target(self) -> str:
        """The functions-framework target and ``main.py`` name (``-`` as ``_``)."""
        return self.name.replace("-", "_")

    @property
    def event_target(self) -> str:
        """The CloudEvent target behind an Eventarc Pub/Sub trigger (``<target>_event``)."""
        return f"{self.target}_event"
