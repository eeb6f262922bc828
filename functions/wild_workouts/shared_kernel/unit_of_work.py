"""What every module's unit of work is: its repositories plus the outbox, in one transaction.

The pipeline kit runs each handler (an event handler or a command) inside one optimistic
Firestore transaction and may run it again with a fresh unit of work on a write conflict:
everything a handler does goes through this object, and ``publish`` adds the event to the
outbox in the same commit (nothing is published if the transaction does not commit).
"""

from typing import Protocol, TypeVar

E_contra = TypeVar("E_contra", contravariant=True)


class UnitOfWork(Protocol[E_contra]):
    def publish(self, event: E_contra) -> None:
        """Add ``event`` to the outbox of this transaction (published after its commit)."""
        ...
