"""The trainer's answers to the saga (consumer ``trainings-on-trainer``).

An answer for the initial hour of a pending training may complete the booking
(``TrainingScheduled``) or reject it (``TrainingRejected``); one for a pending reschedule's new
hour moves the training (``TrainingRescheduled``) or keeps its time
(``TrainingRescheduleFailed``). A duplicate, late or unknown answer has no effect
(``saga_answer_recording``).
"""

from wild_workouts.contracts.trainer_events import HourReservationRejected, HourReserved
from wild_workouts.shared_kernel.rejection_code import rejection_code_of
from wild_workouts.trainings.app.saga_answer_recording import record_answer
from wild_workouts.trainings.app.unit_of_work import TrainingsUnitOfWork


def handle_hour_reserved(event: HourReserved, uow: TrainingsUnitOfWork) -> None:
    record_answer(event.training_id, uow, lambda training: training.record_hour_reserved(event.hour))


def handle_hour_reservation_rejected(event: HourReservationRejected, uow: TrainingsUnitOfWork) -> None:
    record_answer(
        event.training_id,
        uow,
        lambda training: training.record_hour_reservation_rejected(
            event.hour, event.reason, rejection_code_of(event.reason_code)
        ),
    )
