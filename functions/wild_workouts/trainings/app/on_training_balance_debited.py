"""Event handler: the attendee paid for a pending training → may complete the booking."""

from wild_workouts.contracts.users_events import TrainingBalanceDebited
from wild_workouts.shared_kernel.clock import Clock
from wild_workouts.trainings.app.saga_answer_recording import record_answer
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


def handle_training_balance_debited(event: TrainingBalanceDebited, uow: TrainingsUnitOfWork, clock: Clock) -> None:
    record_answer(event.training_id, uow, lambda training: training.record_balance_debited())
