"""Which topic each module publishes to (must agree with ``infra/topology.tf``; a test checks)."""

from __future__ import annotations

import os

MODULE_TOPICS = {
    "trainer": "trainer-events",
    "trainings": "trainings-events",
    "users": "users-events",
}

# module -> the contracts module (by name, imported on first need) defining the events it publishes
PUBLISHED_BY_MODULE = {
    "trainer": "wild_workouts.contracts.trainer_events",
    "trainings": "wild_workouts.contracts.trainings_events",
    "users": "wild_workouts.contracts.users_events",
}


def topic_of_module(module: str) -> str:
    """The topic name, overridable per deployment with ``TOPIC_<MODULE>`` (e.g. ``TOPIC_TRAINER``)."""
    return os.environ.get(f"TOPIC_{module.upper()}", MODULE_TOPICS[module])
