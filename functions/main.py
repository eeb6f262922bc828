"""Cloud Run entry points. ``FUNCTION_TARGET`` picks one; every service runs the same image.

functions-framework looks a target up by name in this module and wants a plain function, so
each target is one line of the table below, named like the target; each hands its request to
the composition root (``wild_workouts.bootstrap``), which builds what it needs on the first
request. Importing this module is cheap on purpose (cold start): it reads the settings once,
refuses a local-only switch on Cloud Run, configures the kit and defines the table.

Targets:
- ``api``                  the public HTTP API (commands and queries)
- ``outbox_sweeper``       republishes outbox records left unsent (Cloud Scheduler, OIDC)
- ``saga_timeouts``        rejects pending trainings past their saga deadline (Cloud Scheduler, OIDC)
- one per push consumer, named by its declaration (``trainer_on_trainings``, ``trainer_calendar``,
  ``users_on_trainings``, ``trainings_on_trainer``, ``trainings_on_users``, ``attendee_trainings``)
- ``<consumer>_event``      the same consumers behind an Eventarc Pub/Sub trigger (``gcloud functions
                            deploy --trigger-topic``): a CloudEvent target per push consumer
                            (``trainer_calendar_event``, …), the same chain and outcome table
- ``monolith``             everything in one service: ``/push/<consumer>``, ``/outbox_sweeper``,
                            ``/saga_timeouts``, ``/healthz``, and the API on every other path

Why a table and not a loop into ``globals()``: grep, go-to-definition and mypy see every target,
and each line names its declaration (``tests/unit/test_main_targets.py`` checks the table holds
exactly ``bootstrap.CONSUMERS``, their CloudEvent twins and the four others).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import functions_framework

from pipeline_kit import install_logging_bridge
from pipeline_kit.http.first_request import gc_paused_on_first_request
from wild_workouts import bootstrap
from wild_workouts.adapters_common.push_consumer_declaration import PushConsumerDeclaration
from wild_workouts.trainer.entrypoints import push_consumers as trainer
from wild_workouts.trainings.entrypoints import push_consumers as trainings
from wild_workouts.users.entrypoints import push_consumers as users

install_logging_bridge()  # library warnings as structured lines, with the request's trace (cheap)
bootstrap.start()  # settings read once; local switches refused on Cloud Run; kit configured; JSON 404/405


def _entry_point(target: str, handle: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A plain function named ``target`` (functions-framework registers a target by its
    ``__name__``, so the name is set before it is registered) that hands its request to ``handle``."""

    def entry(request: Any) -> Any:
        return handle(request)

    entry.__name__ = entry.__qualname__ = target
    registered: Callable[[Any], Any] = functions_framework.http(gc_paused_on_first_request(entry))
    return registered


def _push_entry_point(consumer: PushConsumerDeclaration) -> Callable[[Any], Any]:
    return _entry_point(consumer.target, functools.partial(bootstrap.handle_push, consumer))


def _event_entry_point(consumer: PushConsumerDeclaration) -> Callable[[Any], None]:
    """A plain function named ``consumer.event_target``, registered as a CloudEvent target, that
    hands its event to the consumer's chain (returns on ack, raises an HTTP error on a nack)."""

    def entry(event: Any) -> None:
        bootstrap.handle_cloud_event(consumer, event)

    entry.__name__ = entry.__qualname__ = consumer.event_target
    registered: Callable[[Any], None] = functions_framework.cloud_event(gc_paused_on_first_request(entry))
    return registered


api = _entry_point("api", bootstrap.handle_api_request)
outbox_sweeper = _entry_point("outbox_sweeper", bootstrap.handle_outbox_sweeper)
saga_timeouts = _entry_point("saga_timeouts", bootstrap.handle_saga_timeouts)
monolith = _entry_point("monolith", bootstrap.handle_monolith)

trainer_on_trainings = _push_entry_point(trainer.TRAINER_ON_TRAININGS)
trainer_calendar = _push_entry_point(trainer.TRAINER_CALENDAR)
users_on_trainings = _push_entry_point(users.USERS_ON_TRAININGS)
trainings_on_trainer = _push_entry_point(trainings.TRAININGS_ON_TRAINER)
trainings_on_users = _push_entry_point(trainings.TRAININGS_ON_USERS)
attendee_trainings = _push_entry_point(trainings.ATTENDEE_TRAININGS)

trainer_on_trainings_event = _event_entry_point(trainer.TRAINER_ON_TRAININGS)
trainer_calendar_event = _event_entry_point(trainer.TRAINER_CALENDAR)
users_on_trainings_event = _event_entry_point(users.USERS_ON_TRAININGS)
trainings_on_trainer_event = _event_entry_point(trainings.TRAININGS_ON_TRAINER)
trainings_on_users_event = _event_entry_point(trainings.TRAININGS_ON_USERS)
attendee_trainings_event = _event_entry_point(trainings.ATTENDEE_TRAININGS)
