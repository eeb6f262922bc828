"""Applying one saga answer to a training (shared by the answer handlers).

An answer for an unknown training is ignored (it cannot be ours: trainings are stored
before their request is published). The training is saved only if the answer changed it
(a duplicate or late answer writes nothing); the events the aggregate raises are published
in the same transaction.
"""

from collections.abc import Callable
from dataclasses import replace

from wild_workouts.contracts.trainings_events import TrainingsEvent
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork
from wild_workouts.trainings.domain.training import Training


def record_answer(
    training_id: str,
    uow: TrainingsUnitOfWork,
    apply: Callable[[Training], list[TrainingsEvent]],
) -> None:
    training = uow.trainings.get(training_id)
    if training is None:
        return
    before = replace(training)
    events = apply(training)
    if training == before:
        return
    uow.trainings.save(training)
    for event in events:
        uow.publish(event)
