"""Typed errors of the trainings module."""

from wild_workouts.shared_kernel.domain_errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
)


class TrainingNotFoundError(NotFoundError):
    code = "training_not_found"


class NotesTooLongError(InvalidInputError):
    code = "notes_too_long"


class InvalidTrainingHourError(InvalidInputError):
    code = "invalid_training_hour"


class TrainingAlreadyExistsError(ConflictError):
    code = "training_already_exists"


class TrainingNotScheduledError(ConflictError):
    """The action needs a ``scheduled`` training (pending, rejected and canceled ones refuse)."""

    code = "training_not_scheduled"


class TrainingAlreadyStartedError(ConflictError):
    """The training's hour has come (now or past): it can no longer be canceled or moved. It is
    simply past: it stays ``scheduled``, nothing is refunded, and it counts as attended."""

    code = "training_already_started"


class TooLateToRescheduleError(ConflictError):
    code = "too_late_to_reschedule"


class RescheduleInProgressError(ConflictError):
    code = "reschedule_in_progress"


class NoRescheduleProposalError(ConflictError):
    code = "no_reschedule_proposal"


class OwnProposalApprovalError(ConflictError):
    code = "own_proposal_approval"
