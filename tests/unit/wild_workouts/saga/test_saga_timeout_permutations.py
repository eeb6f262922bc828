"""The scheduling saga with its deadline: a timeout at every position, and answers that never come.

The saga-timeouts trigger is one more delivery in flight (run at the training's deadline), so
the explorer puts it before, between and after every answer, with duplicates. Every end must
satisfy domain.md's invariants with nothing left held: no pending training, no hour held for
a rejected training, no balance lost. Late answers (every delivered message again, and the
messages a lost consumer swallowed, arriving after the timeout) change nothing.
"""

from __future__ import annotations

import random

import pytest

from tests.unit.wild_workouts.fakes import FakeUsersUnitOfWork, run_trainer, run_trainings
from tests.unit.wild_workouts.saga.saga_world import (
    CONSUMERS,
    SagaWorld,
    business_state,
    check_invariants,
    explore,
    redeliver_everything,
)
from tests.unit.wild_workouts.sample_values import ADMIN, ALICE, BOB, TOMORROW_13, TRAINER
from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.trainer.app.hour_availability import MakeHoursAvailable, handle_make_hours_available
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainings.app.schedule_training import ScheduleTraining, handle_schedule_training
from wild_workouts.trainings.domain.training_status import TrainingStatus
from wild_workouts.users.app.grant_trainings import GrantTrainings, handle_grant_trainings

pytestmark = pytest.mark.unit

SAGA_CONSUMERS = ("trainer-on-trainings", "users-on-trainings", "trainings-on-trainer", "trainings-on-users")


def _world(hour_open: bool, grants: dict[str, int], lost: frozenset[str] = frozenset()) -> SagaWorld:
    world = SagaWorld(lost=lost)
    if hour_open:
        command = MakeHoursAvailable(TRAINER, (TOMORROW_13,))
        run_trainer(world.trainer, lambda uow: handle_make_hours_available(command, uow, world.clock, HourPolicy()))
    for user_id, amount in grants.items():
        if amount:
            uow = FakeUsersUnitOfWork(world.users)
            handle_grant_trainings(GrantTrainings(ADMIN, user_id, amount), uow)
            uow.commit()
    world.granted = dict(grants)
    world.trainer.outbox.clear()
    world.users.outbox.clear()
    return world


def _book_with_deadline(world: SagaWorld, caller: Caller, training_id: str) -> None:
    command = ScheduleTraining(caller, training_id, TOMORROW_13, "")
    run_trainings(world.trainings, lambda uow: handle_schedule_training(command, uow, world.clock))
    world.route_new_events()
    world.schedule_timeout(training_id)


def check_nothing_held(world: SagaWorld) -> None:
    """A rejected training holds no hour and costs nothing (its debit, if any, was given back)."""
    for training in world.trainings.trainings.values():
        if training.status is not TrainingStatus.REJECTED:
            continue
        assert training.deadline_at is None
        reservations = world.trainer.reservations.get(training.training_id)
        assert reservations is None or reservations.held_hours == [], f"{training.training_id} holds {reservations}"
        hour = world.trainer.hours.get(training.hour)
        assert hour is None or hour.training_id != training.training_id, f"hour {hour} held by a rejected training"
        entry = world.users.ledger.get((training.user_id, training.training_id))
        assert entry is None or entry.net_charge == 0, f"{training.training_id} still costs {entry}"


def _late_losses_arrive(world: SagaWorld) -> SagaWorld:
    """The lost messages arrive after all (late, after the timeout), then everything once more."""
    late = world.copy()
    late.lost = frozenset()
    late.in_flight.extend(late.dropped)
    late.dropped = []
    late.run_to_quiescence()
    return redeliver_everything(late)


def _timeout_position(world: SagaWorld) -> int:
    """How many saga messages were delivered before the (first) timeout."""
    consumers = [delivery.consumer for delivery in world.delivered]
    return consumers.index("saga-timeouts")


def _check_end(end: SagaWorld) -> None:
    check_invariants(end)
    check_nothing_held(end)
    for late in (redeliver_everything(end), _late_losses_arrive(end)):
        check_invariants(late)
        check_nothing_held(late)
        assert _what_counts(late) == _what_counts(end)


def _what_counts(world: SagaWorld) -> tuple[object, ...]:
    """``business_state`` without bookkeeping that holds nothing: a late request seen by a module
    that missed it the first time leaves an entry of zero charge and no held hour."""
    trainings, hours, balances, charges, held = business_state(world)
    return (
        trainings,
        hours,
        balances,
        [charge for charge in charges if charge[1]],  # type: ignore[attr-defined]
        [hold for hold in held if hold[1]],  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize(
    ("hour_open", "balance", "other_outcome"),
    [
        (True, 1, TrainingStatus.SCHEDULED),
        (False, 1, TrainingStatus.REJECTED),
        (True, 0, TrainingStatus.REJECTED),
        (False, 0, TrainingStatus.REJECTED),
    ],
)
def test_a_timeout_at_every_position_converges(hour_open: bool, balance: int, other_outcome: TrainingStatus) -> None:
    world = _world(hour_open, {"alice": balance})
    _book_with_deadline(world, ALICE, "t1")
    ends = list(explore(world, duplicates=1, visited=set()))
    assert len(ends) >= 10  # distinct ends (identical subtrees are explored once)
    positions = {_timeout_position(end) for end in ends}
    assert positions == set(range(max(positions) + 1)) and max(positions) >= 3, positions
    outcomes: set[tuple[str, str | None]] = set()
    for end in ends:
        _check_end(end)
        training = end.trainings.trainings["t1"]
        code = None if training.rejection_code is None else training.rejection_code.value
        outcomes.add((training.status.value, code))
        assert end.users.accounts["alice"].balance == (0 if training.status is TrainingStatus.SCHEDULED else balance)
        if hour_open:
            expected = Availability.TRAINING_SCHEDULED if training.status is TrainingStatus.SCHEDULED else None
            assert end.trainer.hours[TOMORROW_13].availability is (expected or Availability.AVAILABLE)
    assert ("rejected", RejectionCode.TIMED_OUT.value) in outcomes, "the timeout never won a race"
    assert {status for status, _ in outcomes} == {other_outcome.value, "rejected"}
    if other_outcome is TrainingStatus.SCHEDULED:
        assert ("scheduled", None) in outcomes, "the timeout always won: the answers never did"


@pytest.mark.parametrize("lost", SAGA_CONSUMERS)
def test_an_answer_that_never_comes_is_timed_out_and_compensated(lost: str) -> None:
    """Whichever side never answers (its request or its answer lost), the training is rejected
    as timed out, the hour is free again and the balance whole, in every order."""
    assert lost in CONSUMERS
    world = _world(True, {"alice": 1}, lost=frozenset({lost}))
    _book_with_deadline(world, ALICE, "t1")
    ends = list(explore(world, duplicates=1, visited=set()))
    assert ends
    for end in ends:
        _check_end(end)
        training = end.trainings.trainings["t1"]
        assert (training.status, training.rejection_code) == (TrainingStatus.REJECTED, RejectionCode.TIMED_OUT)
        assert end.trainer.hours[TOMORROW_13].availability is Availability.AVAILABLE
        assert end.users.accounts["alice"].balance == 1
    assert any(end.dropped for end in ends), "nothing was lost"


@pytest.mark.parametrize("seed", range(40))
def test_two_attendees_racing_with_deadlines_and_a_lost_consumer(seed: int) -> None:
    """Random orders (the full space is too big), a random consumer losing every message and both
    timeouts anywhere: the invariants hold, nothing stays held, late arrivals change nothing."""
    rng = random.Random(seed)
    lost = frozenset({rng.choice(SAGA_CONSUMERS)}) if seed % 4 else frozenset()
    world = _world(True, {"alice": 1, "bob": 1}, lost=lost)
    _book_with_deadline(world, ALICE, "t1")
    _book_with_deadline(world, BOB, "t2")
    while world.in_flight:
        index = rng.randrange(len(world.in_flight))
        if rng.random() < 0.2:
            world.deliver(world.in_flight[index])  # a duplicate: stays in flight
        else:
            world.deliver(world.in_flight.pop(index))
    _check_end(world)
    assert sum(t.status is TrainingStatus.SCHEDULED for t in world.trainings.trainings.values()) <= 1
    if lost:  # no training gets both answers; the one that got the hour (if any) can only time out
        assert {t.status for t in world.trainings.trainings.values()} == {TrainingStatus.REJECTED}
        assert RejectionCode.TIMED_OUT in {t.rejection_code for t in world.trainings.trainings.values()}
