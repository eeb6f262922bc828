"""Which topic each module publishes to (must agree with ``infra/topology.tf``; a test checks)."""

from __future__ import annotations

import os

from wild_workouts.contracts import trainer_events, trainings_events, users_events

MODULE_TOPICS = {
    "trainer": "trainer-events",
    "trainings": "trainings-events",
    "users": "users-events",
}

PUBLISHED_BY_MODULE = {
    "trainer": trainer_events,
    "trainings": trainings_events,
    "users": users_events,
}


def topic_of_module(module: str) -> str:
    """The topic name, overridable per deployment with ``TOPIC_<MODULE>`` (e.g. ``TOPIC_TRAINER``)."""
    return os.environ.get(f"TOPIC_{module.upper()}", MODULE_TOPICS[module])
