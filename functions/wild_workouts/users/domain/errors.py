"""Typed errors of the users module."""

from wild_workouts.shared_kernel.domain_errors import ConflictError, InvalidInputError


class InvalidTrainingAmountError(InvalidInputError):
    code = "invalid_training_amount"


class InsufficientBalanceError(ConflictError):
    code = "insufficient_balance"


class IdempotencyKeyReusedError(InvalidInputError):
    code = "idempotency_key_reused"
