"""The users module's answers to the saga (consumer ``trainings-on-users``).

The attendee paid → a pending training may complete the booking (``TrainingScheduled``); the
attendee could not pay → a pending training is rejected (``TrainingRejected``). A duplicate,
late or unknown answer has no effect (``saga_answer_recording``).
"""

from wild_workouts.contracts.users_events import TrainingBalanceDebited, TrainingBalanceDebitRejected
from wild_workouts.shared_kernel.rejection_code import rejection_code_of
from wild_workouts.trainings.app.saga_answer_recording import record_answer
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


def handle_training_balance_debited(event: TrainingBalanceDebited, uow: TrainingsUnitOfWork) -> None:
    record_answer(event.training_id, uow, lambda training: training.record_balance_debited())


def handle_training_balance_debit_rejected(event: TrainingBalanceDebitRejected, uow: TrainingsUnitOfWork) -> None:
    record_answer(
        event.training_id,
        uow,
        lambda training: training.record_balance_debit_rejected(event.reason, rejection_code_of(event.reason_code)),
    )
