"""The life of a training: pending → scheduled | rejected; scheduled → canceled."""

from enum import StrEnum


class TrainingStatus(StrEnum):
    PENDING = "pending"
    SCHEDULED = "scheduled"
    REJECTED = "rejected"
    CANCELED = "canceled"

    @property
    def is_final(self) -> bool:
        return self in (TrainingStatus.REJECTED, TrainingStatus.CANCELED)
