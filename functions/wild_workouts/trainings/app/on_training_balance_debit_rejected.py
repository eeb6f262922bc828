"""Event handler: the attendee could not pay → a pending training is rejected."""

from wild_workouts.contracts.users_events import TrainingBalanceDebitRejected
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.shared_kernel.rejection_code import rejection_code_of
from wild_workouts.trainings.app.saga_answer_recording import record_answer
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


def handle_training_balance_debit_rejected(
    event: TrainingBalanceDebitRejected, uow: TrainingsUnitOfWork, clock: Clock
) -> None:
    record_answer(
        event.training_id,
        uow,
        lambda training: training.record_balance_debit_rejected(event.reason, rejection_code_of(event.reason_code)),
    )
