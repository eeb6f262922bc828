"""How a trainings command answers: ``Location`` always, and ``Prefer: wait=N`` honoured.

Every command answer carries ``Location: /trainings/{training_id}``. Without a ``wait``
preference (or with a malformed one) the answer is the command's own 202 body. With
``Prefer: wait=N`` (RFC 7240, whole seconds, capped at ``MAX_PREFER_WAIT_SECONDS``) the API
re-reads the training aggregate (strongly consistent, backed-off reads; see
``pipeline_kit.http.settle_wait``) until the command's saga has *settled*:

- schedule: the status is no longer ``pending`` (``scheduled`` or ``rejected``);
- reschedule and approve: ``pending_reschedule`` is null again (moved, or failed with a reason);
- cancel, propose and reject a proposal: settled at once (their effect is in the commit).

Settled in time → **200** with the ``Training`` JSON (as ``GET /trainings/{id}``) plus
``correlation_id`` and ``Preference-Applied: wait=<the wait applied, after the cap>``. Not
settled by the deadline → the same 202 as without the preference. The wait only reads
Firestore, so it behaves the same in the monolith and in the per-function ``api`` service.

A wait holds a server thread, and in the monolith the push deliveries that settle the sagas
are served by the same threads. So only a bounded number of commands of a process wait at
once (``wait_slots``, a ``pipeline_kit.http.wait_slots.WaitSlots``; the composition root sizes
it to half of ``THREADS``, at least one). When every slot is taken the command does not wait:
it answers at once the same 202 as without the preference, without ``Preference-Applied``
(RFC 7240 lets a server decline a preference). A client that got a 202 polls ``Location``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pipeline_kit.http.prefer_header import PREFER_HEADER, PREFERENCE_APPLIED_HEADER, wait_preference
from pipeline_kit.http.settle_wait import WaitClock, wait_until_settled
from pipeline_kit.http.wait_slots import WaitSlots
from wild_workouts.http.api_route import ApiCall, ApiResponse
from wild_workouts.trainings.app.repositories import TrainingRepository
from wild_workouts.trainings.app.training_queries import GetTraining, handle_get_training
from wild_workouts.trainings.domain.training import Training
from wild_workouts.trainings.domain.training_status import TrainingStatus
from wild_workouts.trainings.entrypoints.training_json import training_json

MAX_PREFER_WAIT_SECONDS = 10
"""The longest a command waits for its saga, whatever the client prefers."""

SettledWhen = Callable[[Training], bool]


def schedule_settled(training: Training) -> bool:
    return training.status is not TrainingStatus.PENDING


def move_settled(training: Training) -> bool:
    return training.pending_reschedule is None


def settled_at_once(training: Training) -> bool:
    return True


def training_location(training_id: str) -> dict[str, str]:
    return {"Location": f"/trainings/{training_id}"}


def command_answer(
    call: ApiCall,
    training_id: str,
    accepted_body: Mapping[str, Any],
    settled: SettledWhen,
    *,
    trainings: Callable[[], TrainingRepository],
    clock: WaitClock,
    wait_slots: WaitSlots,
) -> ApiResponse:
    """The answer to a committed command on ``training_id`` (see the module contract): it waits
    only in a slot of ``wait_slots``, given back when the wait ends (on an error too)."""
    location = training_location(training_id)
    wait = wait_preference(call.headers.get(PREFER_HEADER))
    slot = None if wait is None else wait_slots.try_acquire()
    if wait is None or slot is None:
        return ApiResponse(202, dict(accepted_body), location)
    applied = min(wait, MAX_PREFER_WAIT_SECONDS)
    query = GetTraining(call.caller, training_id)
    with slot:
        outcome = wait_until_settled(
            lambda: handle_get_training(query, trainings()),
            settled,
            applied,
            clock=clock,
        )
    if not outcome.settled:
        return ApiResponse(202, dict(accepted_body), location)
    body = {**training_json(outcome.value), "correlation_id": call.correlation_id}
    return ApiResponse(200, body, {**location, PREFERENCE_APPLIED_HEADER: f"wait={applied}"})
