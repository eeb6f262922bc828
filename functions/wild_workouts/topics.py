"""Which topic each module publishes to (must agree with ``infra/topology.tf``; a test checks).

A deployment may name other topics (``TOPIC_<MODULE>``): ``Settings.topic(module)`` says which.
"""

from __future__ import annotations

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
