"""The trainings module's HTTP routes: book, list, read, cancel and reschedule trainings.

Commands commit the training and its event (outbox) in one Firestore commit and answer
**202** with the training id and the correlation id: what follows (hour reservation, balance
debit, refunds, moves) happens asynchronously; ``GET /trainings/{id}`` (the ``Location`` of
every command answer) shows the outcome. With ``Prefer: wait=N`` a command waits for its saga
to settle and answers 200 with the training, when a wait slot of the process is free
(``command_settlement``).
Attendees act on their own trainings only; another attendee's training is 404.
"""

from __future__ import annotations

from wild_workouts.http.api_route import ApiCall, ApiResponse, ApiRoute
from wild_workouts.http.wire_format import parse_date_time
from wild_workouts.shared_kernel.role import Role
from wild_workouts.trainings.app.cancel_training import CancelTraining, handle_cancel_training
from wild_workouts.trainings.app.reschedule_proposals import (
    ApproveReschedule,
    ProposeReschedule,
    RejectReschedule,
    handle_approve_reschedule,
    handle_propose_reschedule,
    handle_reject_reschedule,
)
from wild_workouts.trainings.app.reschedule_training import (
    RescheduleTraining,
    handle_reschedule_training,
)
from wild_workouts.trainings.app.schedule_training import (
    ScheduleTraining,
    handle_schedule_training,
)
from wild_workouts.trainings.app.training_queries import (
    GetTraining,
    ListTrainings,
    handle_get_training,
    handle_list_trainings,
)
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork
from wild_workouts.trainings.entrypoints.command_settlement import (
    SettledWhen,
    command_answer,
    move_settled,
    schedule_settled,
    settled_at_once,
)
from wild_workouts.trainings.entrypoints.route_dependencies import TrainingsRouteDependencies
from wild_workouts.trainings.entrypoints.training_ids import new_training_id
from wild_workouts.trainings.entrypoints.training_json import training_json, training_view_json

ATTENDEE = frozenset({Role.ATTENDEE})
BOTH_SIDES = frozenset({Role.ATTENDEE, Role.TRAINER})
EVENTUAL = {"X-Consistency": "eventual"}


def trainings_routes(deps: TrainingsRouteDependencies) -> list[ApiRoute]:
    def _accepted(call: ApiCall, training_id: str, status: str, settled: SettledWhen, **extra: int) -> ApiResponse:
        body = {"training_id": training_id, "correlation_id": call.correlation_id, "status": status}
        return command_answer(
            call,
            training_id,
            {**body, **extra},
            settled,
            trainings=deps.trainings,
            clock=deps.wait_clock,
            wait_slots=deps.wait_slots,
        )

    def schedule(call: ApiCall) -> ApiResponse:
        training_id = new_training_id(call.caller.user_id, call.headers.get("Idempotency-Key"))
        command = ScheduleTraining(
            call.caller,
            training_id,
            parse_date_time(call.body["hour"]),
            call.body.get("notes", ""),
            deps.saga_timeout,
        )

        def work(uow: TrainingsUnitOfWork) -> str:
            return handle_schedule_training(command, uow, deps.clock)

        return _accepted(call, deps.run_command(work), "pending", schedule_settled)

    def list_all(call: ApiCall) -> ApiResponse:
        views = handle_list_trainings(ListTrainings(call.caller), deps.training_views())
        body = {"consistency": "eventual", "trainings": [training_view_json(v) for v in views]}
        return ApiResponse(200, body, EVENTUAL)

    def get_one(call: ApiCall) -> ApiResponse:
        query = GetTraining(call.caller, call.path["training_id"])
        return ApiResponse(200, training_json(handle_get_training(query, deps.trainings())))

    def cancel(call: ApiCall) -> ApiResponse:
        command = CancelTraining(call.caller, call.path["training_id"])

        def work(uow: TrainingsUnitOfWork) -> int:
            return handle_cancel_training(command, uow, deps.clock)

        refund = deps.run_command(work)
        return _accepted(call, command.training_id, "canceled", settled_at_once, refund=refund)

    def reschedule(call: ApiCall) -> ApiResponse:
        command = RescheduleTraining(call.caller, call.path["training_id"], parse_date_time(call.body["hour"]))

        def work(uow: TrainingsUnitOfWork) -> None:
            handle_reschedule_training(command, uow, deps.clock)

        deps.run_command(work)
        return _accepted(call, command.training_id, "reschedule_requested", move_settled)

    def propose(call: ApiCall) -> ApiResponse:
        command = ProposeReschedule(call.caller, call.path["training_id"], parse_date_time(call.body["hour"]))

        def work(uow: TrainingsUnitOfWork) -> None:
            handle_propose_reschedule(command, uow, deps.clock)

        deps.run_command(work)
        return _accepted(call, command.training_id, "reschedule_proposed", settled_at_once)

    def approve(call: ApiCall) -> ApiResponse:
        command = ApproveReschedule(call.caller, call.path["training_id"])

        def work(uow: TrainingsUnitOfWork) -> None:
            handle_approve_reschedule(command, uow, deps.clock)

        deps.run_command(work)
        return _accepted(call, command.training_id, "reschedule_requested", move_settled)

    def reject(call: ApiCall) -> ApiResponse:
        command = RejectReschedule(call.caller, call.path["training_id"])

        def work(uow: TrainingsUnitOfWork) -> None:
            handle_reject_reschedule(command, uow)

        deps.run_command(work)
        return _accepted(call, command.training_id, "reschedule_proposal_rejected", settled_at_once)

    proposals = "/trainings/{training_id}/reschedule-proposals"
    return [
        ApiRoute("POST", "/trainings", "scheduleTraining", ATTENDEE, schedule),
        ApiRoute("GET", "/trainings", "listTrainings", BOTH_SIDES, list_all),
        ApiRoute("GET", "/trainings/{training_id}", "getTraining", BOTH_SIDES, get_one),
        ApiRoute("POST", "/trainings/{training_id}/cancel", "cancelTraining", BOTH_SIDES, cancel),
        ApiRoute(
            "POST",
            "/trainings/{training_id}/reschedule",
            "rescheduleTraining",
            BOTH_SIDES,
            reschedule,
        ),
        ApiRoute("POST", proposals, "proposeReschedule", BOTH_SIDES, propose),
        ApiRoute("POST", f"{proposals}/approve", "approveReschedule", BOTH_SIDES, approve),
        ApiRoute("POST", f"{proposals}/reject", "rejectReschedule", BOTH_SIDES, reject),
    ]
