"""Wire the application: the event registry, the emitter, the push authenticator and the
push consumers. Everything is built on first use and cached for the life of the process."""

from __future__ import annotations

import importlib
import os
from functools import cache
from typing import Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry, payload_types_of
from pipeline_kit.routing.push_consumer import PushConsumer
from wild_workouts.topics import PUBLISHED_BY_MODULE, topic_of_module


class UnknownConsumer(KeyError):
    pass


def published_event_types() -> dict[str, list[type[Any]]]:
    """module -> the event payload classes it publishes (imports every contracts module)."""
    return {
        module: payload_types_of(importlib.import_module(contracts))
        for module, contracts in PUBLISHED_BY_MODULE.items()
    }


@cache
def event_registry() -> EventRegistry:
    """Every module's published events, each contracts module loaded when first needed: a
    service loads only the contracts of the events it receives and raises (cold start)."""
    from wild_workouts.contracts.event_upcasters import UPCASTERS

    registry = EventRegistry()
    for contracts in PUBLISHED_BY_MODULE.values():
        registry.register_module(contracts)
    for event_type, from_version, upcaster in UPCASTERS:
        registry.register_upcaster(event_type, from_version, upcaster)
    return registry


_MODULE_OF_CONTRACTS = {contracts: module for module, contracts in PUBLISHED_BY_MODULE.items()}


def topic_of_event(event_type: str) -> str:
    """The topic of the module whose contracts define ``event_type``."""
    return topic_of_module(_MODULE_OF_CONTRACTS[event_registry().payload_type(event_type).__module__])


@cache
def event_emitter() -> EventEmitter:
    return EventEmitter(event_registry(), topic_of_event)


@cache
def push_authenticator(scope: str | None = None) -> Any:
    """The authenticator of ``scope``'s requests: a push consumer's name or a scheduler trigger's
    (``outbox_sweeper``, ``saga_timeouts``). In the monolith each scope has its own list of
    allowed callers (``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``); a per-function service has one."""
    from pipeline_kit.auth import push_authenticator_from_env

    return push_authenticator_from_env(os.environ, scope=scope)


@cache
def push_consumer(name: str) -> PushConsumer:
    from wild_workouts.consumers import consumer_spec

    try:
        spec = consumer_spec(name)
    except KeyError:
        raise UnknownConsumer(name) from None
    return PushConsumer(spec, event_registry(), event_emitter(), push_authenticator(name))
