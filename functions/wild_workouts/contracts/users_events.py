"""Events published by the users module (topic ``users-events``).

The aggregate id (and ordering key) of every users event is the attendee's user id.
"""

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True, slots=True)
class TrainingsGranted:
    event_type: ClassVar[str] = "TrainingsGranted"
    version: ClassVar[int] = 1

    user_id: str
    amount: int
    new_balance: int

    @property
    def aggregate_id(self) -> str:
        return self.user_id


@dataclass(frozen=True, slots=True)
class TrainingBalanceDebited:
    """One training was taken from the balance for the training (answer to a schedule request)."""

    event_type: ClassVar[str] = "TrainingBalanceDebited"
    version: ClassVar[int] = 1

    user_id: str
    training_id: str
    new_balance: int

    @property
    def aggregate_id(self) -> str:
        return self.user_id


@dataclass(frozen=True, slots=True)
class TrainingBalanceDebitRejected:
    """The balance could not pay for the training; ``reason`` says why, ``reason_code``
    classifies it (``insufficient_balance``, ``training_closed``)."""

    event_type: ClassVar[str] = "TrainingBalanceDebitRejected"
    version: ClassVar[int] = 2

    user_id: str
    training_id: str
    reason: str
    reason_code: str
    """A ``RejectionCode`` value (version 2; version 1 had only ``reason``)."""

    @property
    def aggregate_id(self) -> str:
        return self.user_id


@dataclass(frozen=True, slots=True)
class TrainingBalanceCredited:
    """Trainings were given back for the training.

    ``reason`` is ``"rejected"`` (the debit of a rejected training is compensated, amount 1)
    or ``"canceled"`` (the cancellation refund, amount 1 or 2).
    """

    event_type: ClassVar[str] = "TrainingBalanceCredited"
    version: ClassVar[int] = 1

    user_id: str
    training_id: str
    amount: int
    new_balance: int
    reason: str

    @property
    def aggregate_id(self) -> str:
        return self.user_id


UsersEvent = TrainingsGranted | TrainingBalanceDebited | TrainingBalanceDebitRejected | TrainingBalanceCredited

USERS_EVENT_TYPES: tuple[type[UsersEvent], ...] = (
    TrainingsGranted,
    TrainingBalanceDebited,
    TrainingBalanceDebitRejected,
    TrainingBalanceCredited,
)
