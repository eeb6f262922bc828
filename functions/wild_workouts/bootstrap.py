"""Wire the application: the event registry, the emitter, the push authenticator and the
push consumers. Everything is built on first use and cached for the life of the process."""

from __future__ import annotations

import importlib
import os
import sys
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline_kit.events.event_emitter import EventEmitter
from pipeline_kit.events.event_registry import EventRegistry, payload_types_of
from pipeline_kit.routing.push_consumer import PushConsumer
from wild_workouts.settings import Settings
from wild_workouts.topics import PUBLISHED_BY_MODULE, topic_of_module

if TYPE_CHECKING:
    from wild_workouts.entrypoints.web_assets import WebServing
    from wild_workouts.trainer.domain.hour_policy import HourPolicy


class UnknownConsumer(KeyError):
    pass


@cache
def settings() -> Settings:
    """The process's settings, read from the environment once (``reset`` forgets them)."""
    return Settings.from_environ(os.environ)


def reset() -> None:
    """Forget every cached setting and component (tests that change the environment)."""
    for cached in (settings, event_registry, event_emitter, push_authenticator, push_consumer):
        cached.cache_clear()
    api_app_module = sys.modules.get("wild_workouts.entrypoints.api_app")
    if api_app_module is not None:
        api_app_module.api_app.cache_clear()


def hour_policy(of: Settings) -> HourPolicy:
    """The trainer's hour policy (``TRAINER_*``; the policy validates the values: ValueError)."""
    from wild_workouts.trainer.domain.hour_policy import HourPolicy

    defaults = HourPolicy()
    return HourPolicy(
        min_utc_hour=defaults.min_utc_hour if of.trainer_min_utc_hour is None else of.trainer_min_utc_hour,
        max_utc_hour=defaults.max_utc_hour if of.trainer_max_utc_hour is None else of.trainer_max_utc_hour,
        max_weeks_ahead=defaults.max_weeks_ahead if of.trainer_max_weeks_ahead is None else of.trainer_max_weeks_ahead,
    )


def saga_timeout(of: Settings) -> timedelta:
    """The scheduling saga's timeout (``SAGA_TIMEOUT_SECONDS``, default 300 s): a booking not
    settled that long after its request is rejected with ``timed_out`` by the ``saga_timeouts``
    trigger. The deadline is stored on the training when it is requested, so a change applies
    to new bookings only. Raises ValueError (``validated_saga_timeout``) on a value out of range."""
    from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT, validated_saga_timeout

    if of.saga_timeout_seconds is None:
        return DEFAULT_SAGA_TIMEOUT
    return validated_saga_timeout(timedelta(seconds=of.saga_timeout_seconds))


def web_serving(of: Settings) -> WebServing:
    """What the API's web routes serve: the built web app and ``/app/config.json`` (ValueError
    on malformed demo users, said at start-up)."""
    from wild_workouts.entrypoints.web_assets import WebServing, dist_dir
    from wild_workouts.entrypoints.web_runtime_config import web_runtime_config

    config = web_runtime_config(
        api_key=of.web_api_key,
        auth_domain=of.web_auth_domain,
        project_id=of.firebase_project_id,
        auth_emulator_host=of.api_auth.auth_emulator_host,
        demo_users_json=of.web_demo_users_json,
        on_cloud_run=of.on_cloud_run,
    )
    return WebServing(dist_dir(of.web_dist_dir), config)


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
