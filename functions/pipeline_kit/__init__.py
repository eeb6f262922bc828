"""The pipeline kit: push consumers, a transactional outbox and parking on Firestore and Pub/Sub.

The public API is exactly ``__all__`` below (the guide, ``docs/kit.md``, documents each name);
every other module, name and attribute in this package is private and may change in any release.

- declare an event: ``EventRegistry`` (of frozen dataclasses with ``event_type``, ``version`` and
  ``aggregate_id``), ``EventEnvelope``;
- declare a consumer: ``ConsumerSpec``, ``PushConsumer``, ``HandlerContext``, ``MessageHandler``,
  ``PermanentError``, ``TransientError``, served by ``push_response``;
- run a command with the outbox: ``execute_command``, ``UnitOfWorkAttempt``, ``UnitOfWorkResult``,
  ``EventEmitter``, ``firestore_client``;
- publish what the outbox holds: ``sweep_outbox``, ``SweepResult``;
- configure auth: ``PushAuthSettings``, ``build_push_authenticator``, ``PushAuthenticating``,
  ``AccessDenied``;
- configure tracing and logs: ``configure_tracing``, ``TracingSettings``, ``OtlpSettings``,
  ``http_request_context``, ``span``, ``install_logging_bridge``.

Importing this package loads nothing else (cold start): each name loads the module that defines
it on first access (PEP 562); no Google client and no OpenTelemetry SDK is imported until used.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers read it as True)
if TYPE_CHECKING:
    from typing import Any

    from pipeline_kit.auth.access_denied import AccessDenied
    from pipeline_kit.auth.auth_settings import PushAuthSettings
    from pipeline_kit.auth.push_authenticator import PushAuthenticating
    from pipeline_kit.auth.push_authenticator_factory import build_push_authenticator
    from pipeline_kit.errors.handler_errors import PermanentError, TransientError
    from pipeline_kit.events.event_emitter import EventEmitter
    from pipeline_kit.events.event_envelope import EventEnvelope
    from pipeline_kit.events.event_registry import EventRegistry
    from pipeline_kit.firestore.firestore_client import firestore_client
    from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt, UnitOfWorkResult
    from pipeline_kit.http.command_execution import execute_command
    from pipeline_kit.http.push_endpoint import push_response
    from pipeline_kit.http.request_context import http_request_context
    from pipeline_kit.observability.logging_bridge import install_logging_bridge
    from pipeline_kit.observability.tracing import configure as configure_tracing
    from pipeline_kit.observability.tracing import span
    from pipeline_kit.observability.tracing_settings import OtlpSettings, TracingSettings
    from pipeline_kit.outbox.outbox_sweeper import SweepResult, sweep_outbox
    from pipeline_kit.routing.consumer_spec import ConsumerSpec
    from pipeline_kit.routing.message_handler import HandlerContext, MessageHandler
    from pipeline_kit.routing.push_consumer import PushConsumer

__version__ = "0.1.0"

# public name -> (defining module, its name there)
_EXPORTS: dict[str, tuple[str, str]] = {
    "EventRegistry": ("pipeline_kit.events.event_registry", "EventRegistry"),
    "EventEnvelope": ("pipeline_kit.events.event_envelope", "EventEnvelope"),
    "EventEmitter": ("pipeline_kit.events.event_emitter", "EventEmitter"),
    "ConsumerSpec": ("pipeline_kit.routing.consumer_spec", "ConsumerSpec"),
    "PushConsumer": ("pipeline_kit.routing.push_consumer", "PushConsumer"),
    "HandlerContext": ("pipeline_kit.routing.message_handler", "HandlerContext"),
    "MessageHandler": ("pipeline_kit.routing.message_handler", "MessageHandler"),
    "PermanentError": ("pipeline_kit.errors.handler_errors", "PermanentError"),
    "TransientError": ("pipeline_kit.errors.handler_errors", "TransientError"),
    "push_response": ("pipeline_kit.http.push_endpoint", "push_response"),
    "execute_command": ("pipeline_kit.http.command_execution", "execute_command"),
    "UnitOfWorkAttempt": ("pipeline_kit.firestore.optimistic_unit_of_work", "UnitOfWorkAttempt"),
    "UnitOfWorkResult": ("pipeline_kit.firestore.optimistic_unit_of_work", "UnitOfWorkResult"),
    "firestore_client": ("pipeline_kit.firestore.firestore_client", "firestore_client"),
    "sweep_outbox": ("pipeline_kit.outbox.outbox_sweeper", "sweep_outbox"),
    "SweepResult": ("pipeline_kit.outbox.outbox_sweeper", "SweepResult"),
    "AccessDenied": ("pipeline_kit.auth.access_denied", "AccessDenied"),
    "PushAuthSettings": ("pipeline_kit.auth.auth_settings", "PushAuthSettings"),
    "PushAuthenticating": ("pipeline_kit.auth.push_authenticator", "PushAuthenticating"),
    "build_push_authenticator": ("pipeline_kit.auth.push_authenticator_factory", "build_push_authenticator"),
    "configure_tracing": ("pipeline_kit.observability.tracing", "configure"),
    "TracingSettings": ("pipeline_kit.observability.tracing_settings", "TracingSettings"),
    "OtlpSettings": ("pipeline_kit.observability.tracing_settings", "OtlpSettings"),
    "http_request_context": ("pipeline_kit.http.request_context", "http_request_context"),
    "span": ("pipeline_kit.observability.tracing", "span"),
    "install_logging_bridge": ("pipeline_kit.observability.logging_bridge", "install_logging_bridge"),
}


if not TYPE_CHECKING:  # hidden from type checkers: they see the imports above, and a typo stays an error

    def __getattr__(name: str) -> Any:
        """Load the module that defines ``name`` on first access and remember the value."""
        where = _EXPORTS.get(name)
        if where is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[0]), where[1])
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])


__all__ = [
    "AccessDenied",
    "ConsumerSpec",
    "EventEmitter",
    "EventEnvelope",
    "EventRegistry",
    "HandlerContext",
    "MessageHandler",
    "OtlpSettings",
    "PermanentError",
    "PushAuthSettings",
    "PushAuthenticating",
    "PushConsumer",
    "SweepResult",
    "TracingSettings",
    "TransientError",
    "UnitOfWorkAttempt",
    "UnitOfWorkResult",
    "build_push_authenticator",
    "configure_tracing",
    "execute_command",
    "firestore_client",
    "http_request_context",
    "install_logging_bridge",
    "push_response",
    "span",
    "sweep_outbox",
]
