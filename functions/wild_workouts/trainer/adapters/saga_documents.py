"""The documents a trainer saga handler reads, known from the event alone (prefetched in one read):
the training's reservations and every hour the event names."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from pipeline_kit.firestore.optimistic_unit_of_work import UnitOfWorkAttempt
from wild_workouts.shared_kernel.utc_hour import hour_id
from wild_workouts.trainer.adapters.firestore_hour_repository import HOURS_COLLECTION
from wild_workouts.trainer.adapters.firestore_training_reservations_repository import RESERVATIONS_COLLECTION


def trainer_saga_documents(event: Any, attempt: UnitOfWorkAttempt) -> list[Any]:
    client = attempt.client
    refs = [client.collection(RESERVATIONS_COLLECTION).document(event.training_id)]
    for field in dataclasses.fields(event):
        value = getattr(event, field.name)
        if isinstance(value, datetime):
            refs.append(client.collection(HOURS_COLLECTION).document(hour_id(value)))
    return refs
