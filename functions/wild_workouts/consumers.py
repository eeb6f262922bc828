"""Every push consumer of the application, by name (= its subscription name in Terraform).

Specs are built lazily: a service imports only the modules of the consumer it serves.
"""

from __future__ import annotations

import importlib

from pipeline_kit.routing.consumer_spec import ConsumerSpec

# consumer name -> "module.path:factory"
CONSUMER_FACTORIES = {
    "trainer-on-trainings": "wild_workouts.trainer.entrypoints.saga_consumer:trainer_on_trainings",
    "trainer-calendar": "wild_workouts.trainer.entrypoints.calendar_consumer:trainer_calendar",
    "users-on-trainings": "wild_workouts.users.entrypoints.saga_consumer:users_on_trainings",
    "trainings-on-trainer": "wild_workouts.trainings.entrypoints.saga_consumers:trainings_on_trainer",
    "trainings-on-users": "wild_workouts.trainings.entrypoints.saga_consumers:trainings_on_users",
    "attendee-trainings": "wild_workouts.trainings.entrypoints.attendee_trainings_consumer:attendee_trainings",
}


def consumer_spec(name: str) -> ConsumerSpec:
    """The spec of consumer ``name``; KeyError when there is none."""
    module_name, factory_name = CONSUMER_FACTORIES[name].split(":")
    factory = getattr(importlib.import_module(module_name), factory_name)
    spec: ConsumerSpec = factory()
    return spec
