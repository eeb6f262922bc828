"""Wire the application: the event registry, the emitter, the push authenticator and the
push consumers. Everything is built on first use and cached for the life of the process."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry
from pipeline_kit.routing.push_consumer import PushConsumer
from wild_workouts.topics import PUBLISHED_BY_MODULE, topic_of_module


class UnknownConsumer(KeyError):
    pass


def published_event_types() -> dict[str, list[type[Any]]]:
    """module -> the event payload classes it publishes (every class with an ``event_type``)."""
    result: dict[str, list[type[Any]]] = {}
    for module, contracts in PUBLISHED_BY_MODULE.items():
        result[module] = [
            value
            for value in vars(contracts).values()
            if isinstance(value, type)
            and isinstance(getattr(value, "event_type", None), str)
            and value.__module__ == contracts.__name__
        ]
    return result


@cache
def event_registry() -> EventRegistry:
    registry = EventRegistry()
    for classes in published_event_types().values():
        for payload_type in classes:
            registry.register(payload_type)
    return registry


@cache
def _module_of_event() -> dict[str, str]:
    return {cls.event_type: module for module, classes in published_event_types().items() for cls in classes}


def topic_of_event(event_type: str) -> str:
    return topic_of_module(_module_of_event()[event_type])


@cache
def event_emitter() -> EventEmitter:
    return EventEmitter(event_registry(), topic_of_event)


@cache
def push_authenticator() -> Any:
    from pipeline_kit.auth import push_authenticator_from_env

    return push_authenticator_from_env(os.environ)


@cache
def push_consumer(name: str) -> PushConsumer:
    from wild_workouts.consumers import consumer_spec

    try:
        spec = consumer_spec(name)
    except KeyError:
        raise UnknownConsumer(name) from None
    return PushConsumer(spec, event_registry(), event_emitter(), push_authenticator())
