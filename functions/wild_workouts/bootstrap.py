"""The composition root: the one place that reads the settings and wires the application.

``main.py`` calls ``start()`` at import and hands every request to one ``handle_*`` function
here. What is built here, each once per process on first use and cached (``reset`` forgets it
all, for tests that change the environment):

- ``settings()``: the environment, parsed once (``wild_workouts.settings``);
- ``CONSUMERS``: every push consumer, as declared by its module (``*/entrypoints/push_consumers.py``);
  ``consumer_spec`` and ``push_consumer`` turn a declaration into the kit's consumer;
- ``event_registry()``, ``event_emitter()``: the events each module publishes, and where;
- ``push_authenticator(scope)``: who may call a push consumer or a scheduler trigger;
- ``api_app()``: the HTTP API on Firestore, with its hour policy, saga timeout and web app.

Cold start: importing this module loads the settings, the consumer declarations and the
standard library only; each builder imports what it builds (a push service never loads the
API, a consumer never loads another consumer's handlers).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from wild_workouts.adapters_common.push_consumer_declaration import ModuleName, PushConsumerDeclaration
from wild_workouts.settings import InvalidSetting, Settings
from wild_workouts.topics import PUBLISHED_BY_MODULE
from wild_workouts.trainer.entrypoints import push_consumers as trainer
from wild_workouts.trainings.entrypoints import push_consumers as trainings
from wild_workouts.users.entrypoints import push_consumers as users

if TYPE_CHECKING:
    from flask import Flask

    from pipeline_kit import ConsumerSpec, EventEmitter, EventRegistry, PushAuthenticating, PushConsumer
    from pipeline_kit.http.wait_slots import WaitSlots
    from wild_workouts.http.caller_auth import TokenVerifier
    from wild_workouts.http.web_assets import WebServing
    from wild_workouts.trainer.domain.hour_policy import HourPolicy
    from wild_workouts.trainer.entrypoints.route_dependencies import TrainerRouteDependencies
    from wild_workouts.trainings.entrypoints.route_dependencies import TrainingsRouteDependencies
    from wild_workouts.users.entrypoints.route_dependencies import UsersRouteDependencies

CONSUMERS: tuple[PushConsumerDeclaration, ...] = (
    trainer.TRAINER_ON_TRAININGS,
    trainer.TRAINER_CALENDAR,
    users.USERS_ON_TRAININGS,
    trainings.TRAININGS_ON_TRAINER,
    trainings.TRAININGS_ON_USERS,
    trainings.ATTENDEE_TRAININGS,
)
"""Every push consumer (each one push subscription in Terraform, same name)."""

CONSUMERS_BY_NAME: Mapping[str, PushConsumerDeclaration] = {consumer.name: consumer for consumer in CONSUMERS}


# --- settings and start-up -----------------------------------------------------------------


@cache
def settings() -> Settings:
    """The process's settings, read from the environment once (``reset`` forgets them)."""
    return Settings.from_environ(os.environ)


_observability_configured_with: Settings | None = None
_backends_configured_with: Settings | None = None


def start() -> None:
    """At ``main.py``'s import: read the settings (a malformed value raises InvalidSetting), refuse
    the local-only switches on Cloud Run (RuntimeError), configure the kit's logs and traces
    from the settings, and answer functions-framework's unroutable paths in JSON. Cheap: no
    Google client, Flask app or handler is loaded; the kit's backends (Firestore, Pub/Sub, the
    outbox's sent marker) are configured by the first request that uses them (cold start)."""
    from pipeline_kit.http.unroutable_paths import answer_unroutable_paths_in_json

    current = settings()
    current.refuse_local_switches_on_cloud_run()
    _configure_observability(current)
    answer_unroutable_paths_in_json()


def _configure_observability(current: Settings) -> None:
    global _observability_configured_with  # noqa: PLW0603 - once per process (again after reset)
    from pipeline_kit.observability import structured_log, tracing

    structured_log.configure(current.log_level, current.log_project)
    traces = current.tracing
    tracing.configure(traces.exporter, traces.service_name, traces.defer_seconds, otlp=traces.otlp)
    _observability_configured_with = current


def _configure_backends(current: Settings) -> None:
    global _backends_configured_with  # noqa: PLW0603 - once per process (again after reset)
    from pipeline_kit.firestore import firestore_client
    from pipeline_kit.outbox import sent_marker
    from pipeline_kit.pubsub import publisher

    publisher.configure(current.project_id, current.pubsub_emulator_host)
    firestore_client.configure(current.project_id)
    sent_marker.configure(inline=current.outbox_mark_sent_inline)
    _backends_configured_with = current


def _backends_configured() -> None:
    """Before a request's work: the kit's backends configured from the settings (once)."""
    current = settings()
    if _backends_configured_with is not current:
        _configure_backends(current)


def reset() -> None:
    """Forget every cached setting and component (tests that change the environment); the
    parts of the kit configured from the settings are configured again from the environment
    as it is now."""
    for cached in (settings, event_registry, event_emitter, push_authenticator, push_consumer, event_consumer, api_app):
        cached.cache_clear()
    if _observability_configured_with is None and _backends_configured_with is None:
        return
    try:
        current = Settings.from_environ(os.environ)  # not cached: the test may change it next
    except InvalidSetting:  # said again by the next settings() call
        return
    if _observability_configured_with is not None and current != _observability_configured_with:
        _configure_observability(current)
    if _backends_configured_with is not None and current != _backends_configured_with:
        _configure_backends(current)


# --- events --------------------------------------------------------------------------------


def published_event_types() -> dict[str, list[type[Any]]]:
    """module -> the event payload classes it publishes (imports every contracts module)."""
    import importlib

    from pipeline_kit.events.event_registry import payload_types_of

    return {
        module: payload_types_of(importlib.import_module(contracts))
        for module, contracts in PUBLISHED_BY_MODULE.items()
    }


@cache
def event_registry() -> EventRegistry:
    """Every module's published events, each contracts module loaded when first needed: a
    service loads only the contracts of the events it receives and raises (cold start)."""
    from pipeline_kit import EventRegistry
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
    module = _MODULE_OF_CONTRACTS[event_registry().payload_type(event_type).__module__]
    return settings().topic(cast(ModuleName, module))


@cache
def event_emitter() -> EventEmitter:
    from pipeline_kit import EventEmitter

    return EventEmitter(event_registry(), topic_of_event)


# --- push consumers and triggers -----------------------------------------------------------


@cache
def push_authenticator(scope: str | None = None) -> PushAuthenticating:
    """The authenticator of ``scope``'s requests: a push consumer's name or a scheduler trigger's
    (``outbox_sweeper``, ``saga_timeouts``). In the monolith each scope has its own list of
    allowed callers (``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``); a per-function service has one."""
    from pipeline_kit import build_push_authenticator

    return build_push_authenticator(settings().push_auth, scope=scope)


def consumer_spec(declaration: PushConsumerDeclaration) -> ConsumerSpec:
    """The kit's spec of ``declaration`` in this deployment: its topic (``TOPIC_<MODULE>``), its
    dead-letter topic (``DEAD_LETTER_TOPIC_<NAME>``), its ack deadline (``ACK_DEADLINE_SECONDS``,
    else the declaration's); domain errors are permanent (parked). Imports its handlers."""
    from pipeline_kit import ConsumerSpec
    from wild_workouts.shared_kernel.domain_errors import DomainError

    current = settings()
    return ConsumerSpec(
        name=declaration.name,
        source_topic=current.topic(declaration.listens_to),
        dead_letter_topic=current.dead_letter_topic(declaration.name),
        handlers={payload.event_type: handler for payload, handler in declaration.handlers().items()},
        permanent_errors=(DomainError,),
        ack_deadline_seconds=current.ack_deadline_seconds or declaration.ack_deadline_seconds,
    )


@cache
def push_consumer(declaration: PushConsumerDeclaration) -> PushConsumer:
    """The consumer of ``declaration``, built on its first request."""
    from pipeline_kit import PushConsumer

    return PushConsumer(
        consumer_spec(declaration), event_registry(), event_emitter(), push_authenticator(declaration.name)
    )


@cache
def event_consumer(declaration: PushConsumerDeclaration) -> PushConsumer:
    """The consumer of ``declaration`` behind Eventarc (its CloudEvent target): the same chain,
    with the caller checked by Cloud Run IAM instead of the kit (no headers reach it)."""
    from pipeline_kit import PushConsumer
    from pipeline_kit.http.cloud_event_endpoint import CLOUD_RUN_IAM

    return PushConsumer(consumer_spec(declaration), event_registry(), event_emitter(), CLOUD_RUN_IAM)


def handle_cloud_event(declaration: PushConsumerDeclaration, event: Any) -> None:
    """One Eventarc CloudEvent for ``declaration``'s consumer (``pipeline_kit.http.cloud_event_endpoint``):
    returns on ack, raises an HTTP error (a nack) otherwise."""
    from pipeline_kit.http.cloud_event_endpoint import handle_cloud_event as handle

    _backends_configured()
    handle(event_consumer(declaration), event)


def handle_push(declaration: PushConsumerDeclaration, request: Any) -> Any:
    """One push request for ``declaration``'s consumer (``pipeline_kit.http.push_endpoint``)."""
    from pipeline_kit import push_response

    _backends_configured()
    return push_response(push_consumer(declaration), request)


def handle_outbox_sweeper(request: Any) -> Any:
    """The scheduler's outbox sweep (its body left unread)."""
    from pipeline_kit.http.unroutable_paths import without_body
    from wild_workouts.http.outbox_sweeper_trigger import handle_sweep_request

    _backends_configured()
    return handle_sweep_request(without_body(request), push_authenticator)


def handle_saga_timeouts(request: Any) -> Any:
    """The scheduler's saga timeouts (its body left unread)."""
    from pipeline_kit.http.unroutable_paths import without_body
    from wild_workouts.trainings.entrypoints.saga_timeouts_trigger import handle_saga_timeouts_request

    _backends_configured()
    return handle_saga_timeouts_request(without_body(request), push_authenticator, event_emitter)


# --- the HTTP API --------------------------------------------------------------------------


def hour_policy(of: Settings) -> HourPolicy:
    """The trainer's hour policy (``TRAINER_*``; the policy validates the values)."""
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


def prefer_wait_slots(of: Settings) -> WaitSlots:
    """How many commands of the process may wait at once for ``Prefer: wait``: half of its
    request threads (``THREADS``), at least one, so the other half stays free for the push
    deliveries that settle the sagas (monolith) and for the other API calls. A command that
    finds every slot taken answers 202 at once (``command_settlement``)."""
    from pipeline_kit.http.wait_slots import WaitSlots, slots_for_threads

    return WaitSlots(slots_for_threads(of.server_threads))


def web_serving(of: Settings) -> WebServing:
    """What the API's web routes serve: the built web app and ``/app/config.json`` (ValueError
    on malformed demo users, said at start-up)."""
    from wild_workouts.http.web_assets import WebServing, dist_dir
    from wild_workouts.http.web_runtime_config import web_runtime_config

    config = web_runtime_config(
        api_key=of.web_api_key,
        auth_domain=of.web_auth_domain,
        project_id=of.firebase_project_id,
        auth_emulator_host=of.api_auth.auth_emulator_host,
        demo_users_json=of.web_demo_users_json,
        on_cloud_run=of.on_cloud_run,
    )
    return WebServing(dist_dir(of.web_dist_dir), config)


def api_app_of(
    trainer: TrainerRouteDependencies,
    trainings: TrainingsRouteDependencies,
    users: UsersRouteDependencies,
    verifier: TokenVerifier,
    web: WebServing,
) -> Flask:
    """The API app serving every module's routes on their dependencies (unit tests pass fakes)."""
    from wild_workouts.http.api_flask_app import build_api_app
    from wild_workouts.http.openapi_document import openapi_document
    from wild_workouts.trainer.entrypoints.http_routes import trainer_routes
    from wild_workouts.trainings.entrypoints.http_routes import trainings_routes
    from wild_workouts.users.entrypoints.http_routes import users_routes

    routes = [*trainer_routes(trainer), *trainings_routes(trainings), *users_routes(users)]
    return build_api_app(routes, verifier, openapi_document(), web)


def firestore_api_app(of: Settings, wait_slots: WaitSlots | None = None) -> Flask:
    """The API app on Firestore, the process-wide emitter, the real clock and the token verifier,
    hour policy, saga timeout, wait slots (``prefer_wait_slots``; a test passes its own to watch
    them) and web app ``of`` asks for (raises InsecureConfiguration on unsafe auth settings,
    ValueError on a policy out of range)."""
    from pipeline_kit.auth.api_token_verifier_factory import build_api_token_verifier
    from wild_workouts.adapters_common.system_clock import SystemClock
    from wild_workouts.trainer.entrypoints.route_dependencies import firestore_trainer_route_dependencies
    from wild_workouts.trainings.entrypoints.route_dependencies import firestore_trainings_route_dependencies
    from wild_workouts.users.entrypoints.route_dependencies import firestore_users_route_dependencies

    verifier = build_api_token_verifier(of.api_auth)
    clock, emitter = SystemClock(), event_emitter()
    trainer = firestore_trainer_route_dependencies(clock, hour_policy(of), emitter)
    slots = prefer_wait_slots(of) if wait_slots is None else wait_slots
    trainings = firestore_trainings_route_dependencies(clock, saga_timeout(of), emitter, slots)
    users = firestore_users_route_dependencies(clock, emitter)
    return api_app_of(trainer, trainings, users, verifier, web_serving(of))


@cache
def api_app() -> Flask:
    """The process-wide API app on Firestore, built on its first request (``firestore_api_app``)."""
    return firestore_api_app(settings())


def handle_api_request(request: Any) -> Any:
    """One request to the HTTP API (``http/api_request.handle_api_request``)."""
    from wild_workouts.http.api_request import handle_api_request as api_request

    _backends_configured()
    return api_request(api_app(), request)


def handle_monolith(request: Any) -> Any:
    """Everything in one service: ``/push/<consumer>``, ``/outbox_sweeper``, ``/saga_timeouts``,
    ``/healthz``, and the API on every other path."""
    path: str = request.path
    if path.startswith("/push/"):
        name = path.removeprefix("/push/").strip("/")
        declaration = CONSUMERS_BY_NAME.get(name)
        if declaration is None:
            from pipeline_kit.http.unroutable_paths import without_body

            without_body(request)
            return {"code": "not_found", "message": f"no push consumer named {name[:100]!r}"}, 404
        return handle_push(declaration, request)
    if path.rstrip("/") == "/outbox_sweeper":
        return handle_outbox_sweeper(request)
    if path.rstrip("/") == "/saga_timeouts":
        return handle_saga_timeouts(request)
    if path == "/healthz":
        from pipeline_kit.http.unroutable_paths import without_body

        without_body(request)
        return {"status": "ok"}
    return handle_api_request(request)
