"""The scheduling, cancel and reschedule sagas under every delivery order, with duplicates.

For each scenario, every order in which the in-flight messages can arrive (each consumer
sees the other modules' events in any order, an extra duplicate injected anywhere) must
end in the same business state, satisfy domain.md's invariants, and stay there when every
message is delivered once more, late.
"""

import random
from datetime import timedelta

import pytest

from tests.unit.wild_workouts.fakes import FakeUsersUnitOfWork, run_trainer, run_trainings
from tests.unit.wild_workouts.saga.saga_world import (
    SagaWorld,
    business_state,
    check_invariants,
    explore,
    redeliver_everything,
)
from tests.unit.wild_workouts.sample_values import ADMIN, ALICE, BOB, TOMORROW_13, TRAINER, at
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.trainer.app.hour_availability import (
    MakeHoursAvailable,
    handle_make_hours_available,
)
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainings.app.cancel_training import CancelTraining, handle_cancel_training
from wild_workouts.trainings.app.reschedule_training import (
    RescheduleTraining,
    handle_reschedule_training,
)
from wild_workouts.trainings.app.schedule_training import ScheduleTraining, handle_schedule_training
from wild_workouts.trainings.domain.training_status import TrainingStatus
from wild_workouts.users.app.grant_trainings import GrantTrainings, handle_grant_trainings

pytestmark = pytest.mark.unit

LATER = at(3, 15)


def _world(available: tuple[object, ...], grants: dict[str, int]) -> SagaWorld:
    world = SagaWorld()
    if available:
        command = MakeHoursAvailable(TRAINER, available)  # type: ignore[arg-type]
        run_trainer(
            world.trainer,
            lambda uow: handle_make_hours_available(command, uow, world.clock, HourPolicy()),
        )
    for user_id, amount in grants.items():
        if not amount:
            continue
        uow = FakeUsersUnitOfWork(world.users)
        handle_grant_trainings(GrantTrainings(ADMIN, user_id, amount), uow)
        uow.commit()
    world.granted = dict(grants)
    world.trainer.outbox.clear()
    world.users.outbox.clear()
    return world


def _book(world: SagaWorld, caller: Caller, training_id: str) -> None:
    command = ScheduleTraining(caller, training_id, TOMORROW_13, "")
    run_trainings(world.trainings, lambda uow: handle_schedule_training(command, uow, world.clock))
    world.route_new_events()


def _explore_all(world: SagaWorld, duplicates: int, prune: bool = False) -> list[SagaWorld]:
    ends = list(explore(world, duplicates, set() if prune else None))
    assert ends, "no end state explored"
    for end in ends:
        check_invariants(end)
        late = redeliver_everything(end)
        check_invariants(late)
        assert business_state(late) == business_state(end)
    states = {repr(business_state(end)) for end in ends}
    assert len(states) == 1, f"{len(states)} different end states"
    return ends


@pytest.mark.parametrize(
    ("hour_open", "balance", "status", "reasons"),
    [
        (True, 1, TrainingStatus.SCHEDULED, set()),
        (False, 1, TrainingStatus.REJECTED, {"hour"}),
        (True, 0, TrainingStatus.REJECTED, {"balance"}),
        (False, 0, TrainingStatus.REJECTED, {"hour", "balance"}),
    ],
)
def test_scheduling_converges_in_every_order(
    hour_open: bool, balance: int, status: TrainingStatus, reasons: set[str]
) -> None:
    world = _world((TOMORROW_13,) if hour_open else (), {"alice": balance})
    _book(world, ALICE, "t1")
    ends = _explore_all(world, duplicates=1)
    assert len(ends) >= 40  # the exploration really branched
    seen_reasons: set[str] = set()
    for end in ends:
        training = end.trainings.trainings["t1"]
        assert training.status is status
        if training.rejection_reason is not None:
            seen_reasons.add("balance" if "balance" in training.rejection_reason else "hour")
        hour = end.trainer.hours.get(TOMORROW_13)
        expected_hour = Availability.TRAINING_SCHEDULED if status is TrainingStatus.SCHEDULED else None
        if expected_hour is not None:
            assert hour is not None
            assert hour.availability is expected_hour
        elif hour_open:
            assert hour is not None
            assert hour.availability is Availability.AVAILABLE
        assert end.users.accounts["alice"].balance == (0 if status is TrainingStatus.SCHEDULED else balance)
    assert seen_reasons == reasons


@pytest.mark.parametrize(("hour_open", "balance"), [(True, 1), (False, 1), (True, 0), (False, 0)])
def test_duplicates_of_two_messages_still_converge(hour_open: bool, balance: int) -> None:
    world = _world((TOMORROW_13,) if hour_open else (), {"alice": balance})
    _book(world, ALICE, "t1")
    ends = _explore_all(world, duplicates=2, prune=True)
    statuses = {end.trainings.trainings["t1"].status for end in ends}
    ok = hour_open and balance
    assert statuses == {TrainingStatus.SCHEDULED if ok else TrainingStatus.REJECTED}


def _scheduled_world(*available: object) -> SagaWorld:
    world = _world((TOMORROW_13, *available), {"alice": 1})
    _book(world, ALICE, "t1")
    world.run_to_quiescence()
    assert world.trainings.trainings["t1"].status is TrainingStatus.SCHEDULED
    return world


@pytest.mark.parametrize(("canceler", "before", "refund"), [(ALICE, 48, 1), (ALICE, 2, 0), (TRAINER, 2, 2)])
def test_cancel_converges_in_every_order(canceler: Caller, before: int, refund: int) -> None:
    world = _scheduled_world()
    world.clock.current = TOMORROW_13 - timedelta(hours=before)
    command = CancelTraining(canceler, "t1")
    run_trainings(world.trainings, lambda uow: handle_cancel_training(command, uow, world.clock))
    world.route_new_events()
    for end in _explore_all(world, duplicates=1):
        assert end.users.accounts["alice"].balance == refund
        assert end.trainer.hours[TOMORROW_13].availability is Availability.AVAILABLE


@pytest.mark.parametrize("new_hour_open", [True, False])
def test_reschedule_converges_in_every_order(new_hour_open: bool) -> None:
    world = _scheduled_world(*((LATER,) if new_hour_open else ()))
    command = RescheduleTraining(ALICE, "t1", LATER)
    run_trainings(world.trainings, lambda uow: handle_reschedule_training(command, uow, world.clock))
    world.route_new_events()
    for end in _explore_all(world, duplicates=1):
        training = end.trainings.trainings["t1"]
        kept, other = (LATER, TOMORROW_13) if new_hour_open else (TOMORROW_13, LATER)
        assert training.hour == kept
        assert end.trainer.hours[kept].training_id == "t1"
        assert (training.last_reschedule_failure is None) == new_hour_open
        if other in end.trainer.hours:
            assert end.trainer.hours[other].availability is not Availability.TRAINING_SCHEDULED


def test_cancel_racing_a_reschedule_converges_and_frees_both_hours() -> None:
    world = _scheduled_world(LATER)
    move = RescheduleTraining(TRAINER, "t1", LATER)
    run_trainings(world.trainings, lambda uow: handle_reschedule_training(move, uow, world.clock))
    cancel = CancelTraining(ALICE, "t1")
    run_trainings(world.trainings, lambda uow: handle_cancel_training(cancel, uow, world.clock))
    world.route_new_events()
    for end in _explore_all(world, duplicates=1):
        assert end.trainings.trainings["t1"].status is TrainingStatus.CANCELED
        assert {hour.availability for hour in end.trainer.hours.values()} == {Availability.AVAILABLE}
        assert end.users.accounts["alice"].balance == 1


@pytest.mark.parametrize("seed", range(40))
def test_two_attendees_racing_for_one_hour(seed: int) -> None:
    """Random orders (the full space is too big): exactly one booking wins, the loser is
    refunded, and the invariants hold."""
    rng = random.Random(seed)
    world = _world((TOMORROW_13,), {"alice": 1, "bob": 1})
    _book(world, ALICE, "t1")
    _book(world, BOB, "t2")
    while world.in_flight:
        index = rng.randrange(len(world.in_flight))
        if rng.random() < 0.2:
            world.deliver(world.in_flight[index])  # a duplicate: stays in flight
        else:
            world.deliver(world.in_flight.pop(index))
    check_invariants(world)
    statuses = sorted(t.status.value for t in world.trainings.trainings.values())
    assert statuses in (["rejected", "scheduled"], ["rejected", "rejected"])
    late = redeliver_everything(world)
    check_invariants(late)
    assert business_state(late) == business_state(world)
