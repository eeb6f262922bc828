"""A simulated deployment of the three modules on the fakes, for exploring delivery orders.

Each module commits its handler's changes and outbox events in one fake transaction; every
published event is routed to each consumer subscribed to its type (as in
infra/topology.tf) and waits in flight until the explorer delivers it, in any order,
possibly more than once. A saga timeout (``schedule_timeout``) is one more delivery, to the
``saga-timeouts`` trigger, run at the training's deadline; ``lost`` consumers never get their
messages (an answer that never comes).
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tests.unit.wild_workouts.fakes import (
    FixedClock,
    TrainerStore,
    TrainingsStore,
    UsersStore,
    application_handlers,
    deliver,
    run_trainer,
    run_trainings,
    run_users,
)
from tests.unit.wild_workouts.sample_values import NOW
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainer.domain.availability import Availability
from wild_workouts.trainer.entrypoints import push_consumers as trainer_consumers
from wild_workouts.trainings.app.saga_timeouts import TimeOutSaga, handle_time_out_saga
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT
from wild_workouts.trainings.domain.training_status import TrainingStatus
from wild_workouts.trainings.entrypoints import push_consumers as trainings_consumers
from wild_workouts.users.entrypoints import push_consumers as users_consumers

Handler = Callable[..., None]
"""An application handler: ``(event, uow)``, and ``clock`` if it names one (``deliver``)."""

TRAINER_ON_TRAININGS = application_handlers(trainer_consumers.TRAINER_ON_TRAININGS)
USERS_ON_TRAININGS = application_handlers(users_consumers.USERS_ON_TRAININGS)
TRAININGS_ON_TRAINER = application_handlers(trainings_consumers.TRAININGS_ON_TRAINER)
TRAININGS_ON_USERS = application_handlers(trainings_consumers.TRAININGS_ON_USERS)
"""Each saga consumer's event → application handler table, as its declaration wires it."""


def _time_out_at_the_deadline(command: TimeOutSaga, uow: Any, clock: Clock) -> None:
    handle_time_out_saga(command, uow, FixedClock(clock.now() + DEFAULT_SAGA_TIMEOUT))


SAGA_TIMEOUTS: dict[type, Handler] = {TimeOutSaga: _time_out_at_the_deadline}

# consumer name (as in infra/topology.tf) -> (the module whose store it changes, handlers)
CONSUMERS: dict[str, tuple[str, dict[type, Handler]]] = {
    "trainer-on-trainings": ("trainer", TRAINER_ON_TRAININGS),
    "users-on-trainings": ("users", USERS_ON_TRAININGS),
    "trainings-on-trainer": ("trainings", TRAININGS_ON_TRAINER),
    "trainings-on-users": ("trainings", TRAININGS_ON_USERS),
    "saga-timeouts": ("trainings", SAGA_TIMEOUTS),  # the scheduled trigger, not a subscription
}


@dataclass(frozen=True)
class Delivery:
    consumer: str
    event: Any


@dataclass
class SagaWorld:
    trainer: TrainerStore = field(default_factory=TrainerStore)
    users: UsersStore = field(default_factory=UsersStore)
    trainings: TrainingsStore = field(default_factory=TrainingsStore)
    granted: dict[str, int] = field(default_factory=dict)
    in_flight: list[Delivery] = field(default_factory=list)
    delivered: list[Delivery] = field(default_factory=list)
    clock: FixedClock = field(default_factory=lambda: FixedClock(NOW))
    lost: frozenset[str] = frozenset()
    """Consumers whose messages are lost (acked without effect): their answers never come."""
    dropped: list[Delivery] = field(default_factory=list)
    """The deliveries ``lost`` swallowed (to deliver late, once the loss is over)."""

    def route_new_events(self) -> None:
        """Move every module's outbox into flight, one delivery per subscribed consumer."""
        for outbox in (self.trainer.outbox, self.users.outbox, self.trainings.outbox):
            for event in outbox:
                for name, (_, handlers) in CONSUMERS.items():
                    if type(event) in handlers:
                        (self.dropped if name in self.lost else self.in_flight).append(Delivery(name, event))
            outbox.clear()

    def schedule_timeout(self, training_id: str) -> None:
        """The saga-timeouts trigger runs for ``training_id``, at any point of the exploration."""
        self.in_flight.append(Delivery("saga-timeouts", TimeOutSaga(training_id)))

    def deliver(self, delivery: Delivery) -> None:
        module, handlers = CONSUMERS[delivery.consumer]
        handler = handlers[type(delivery.event)]
        if module == "trainer":
            run_trainer(self.trainer, lambda uow: deliver(handler, delivery.event, uow=uow, clock=self.clock))
        elif module == "users":
            run_users(self.users, lambda uow: deliver(handler, delivery.event, uow=uow, clock=self.clock))
        else:
            run_trainings(self.trainings, lambda uow: deliver(handler, delivery.event, uow=uow, clock=self.clock))
        self.delivered.append(delivery)
        self.route_new_events()
        check_never_negative(self)

    def run_to_quiescence(self) -> None:
        while self.in_flight:
            self.deliver(self.in_flight.pop(0))

    def copy(self) -> SagaWorld:
        return copy.deepcopy(self)


def explore(world: SagaWorld, duplicates: int, visited: set[str] | None = None) -> Iterator[SagaWorld]:
    """Every quiescent end world, over all delivery orders, with up to ``duplicates`` extra
    deliveries of any message at any point.

    With ``visited``, a world already explored (same stores, same messages in flight, same
    duplicates left) is not explored again: its subtree would be identical.
    """
    if visited is not None:
        key = _fingerprint(world, duplicates)
        if key in visited:
            return
        visited.add(key)
    if not world.in_flight:
        yield world
        return
    for index, delivery in enumerate(world.in_flight):
        if delivery in world.in_flight[:index]:
            continue  # the same message twice in flight: one branch is enough
        successor = world.copy()
        successor.deliver(successor.in_flight.pop(index))
        yield from explore(successor, duplicates, visited)
        if duplicates:
            again = world.copy()
            again.deliver(again.in_flight[index])  # delivered, and still in flight
            yield from explore(again, duplicates - 1, visited)


def _fingerprint(world: SagaWorld, duplicates: int) -> str:
    stores = (
        world.trainer.hours,
        world.trainer.reservations,
        world.users.accounts,
        world.users.ledger,
        world.trainings.trainings,
    )
    state = [sorted(repr(item) for item in store.items()) for store in stores]
    return repr((state, sorted(map(repr, world.in_flight)), sorted(map(repr, world.dropped)), duplicates))


def business_state(world: SagaWorld) -> tuple[object, ...]:
    """What must be the same whatever the order: statuses, hours, balances, net charges."""
    trainings = sorted((t.training_id, t.status.value, t.hour, t.refund) for t in world.trainings.trainings.values())
    hours = sorted((h.time, h.availability.value, h.training_id) for h in world.trainer.hours.values())
    balances = sorted((a.user_id, a.balance) for a in world.users.accounts.values())
    charges = sorted((key, entry.net_charge) for key, entry in world.users.ledger.items())
    held = sorted((r.training_id, tuple(sorted(r.held_hours))) for r in world.trainer.reservations.values())
    return (trainings, hours, balances, charges, held)


def check_never_negative(world: SagaWorld) -> None:
    for account in world.users.accounts.values():
        assert account.balance >= 0, f"negative balance {account}"


def check_invariants(world: SagaWorld) -> None:
    """domain.md's invariants, at quiescence."""
    check_never_negative(world)
    trainings = world.trainings.trainings.values()
    for training in trainings:
        assert training.status is not TrainingStatus.PENDING, f"{training.training_id} is stuck"
    scheduled = [t for t in trainings if t.status is TrainingStatus.SCHEDULED]
    for hour in world.trainer.hours.values():
        in_it = [t for t in scheduled if t.hour == hour.time]
        if hour.availability is Availability.TRAINING_SCHEDULED:
            assert [t.training_id for t in in_it] == [hour.training_id], f"hour {hour}"
        else:
            assert in_it == [], f"hour {hour} is {hour.availability} with {in_it}"
    for training in scheduled:
        assert training.hour in world.trainer.hours, f"{training.training_id} has no hour"
    for user_id, granted in world.granted.items():
        mine = [t for t in trainings if t.user_id == user_id]
        expected = (
            granted
            - sum(t.status is TrainingStatus.SCHEDULED for t in mine)
            - sum(t.status is TrainingStatus.CANCELED for t in mine)
            + sum(t.refund or 0 for t in mine if t.status is TrainingStatus.CANCELED)
        )
        account = world.users.accounts.get(user_id)
        assert (account.balance if account else 0) == expected, f"balance of {user_id}"


def redeliver_everything(world: SagaWorld) -> SagaWorld:
    """The same world after every delivered message arrives once more, late, newest first."""
    late = world.copy()
    for delivery in reversed(list(late.delivered)):
        late.deliver(delivery)
    late.run_to_quiescence()
    return late
