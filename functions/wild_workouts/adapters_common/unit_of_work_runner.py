"""How a route runs a command: a ``UnitOfWorkRunner`` runs the command's work on a module's unit
of work and commits it (state and outbox in one commit, then a publish attempt, see
``pipeline_kit.http.command_execution``). It may call ``work`` several times (optimistic retries
on write conflicts), so the work must be a pure function of what it reads.

``firestore_command_runner`` is the production runner of a module (its Firestore unit of work on
one optimistic attempt); unit tests pass in-memory runners. ``read_attempt`` is an attempt for
strongly consistent reads of aggregates, never committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from pipeline_kit import EventEmitter, UnitOfWorkAttempt

U = TypeVar("U")
U_co = TypeVar("U_co", covariant=True)
T = TypeVar("T")


class UnitOfWorkRunner(Protocol[U_co]):
    def __call__(self, work: Callable[[U_co], T], /) -> T: ...


def firestore_command_runner(
    unit_of_work: Callable[[UnitOfWorkAttempt, EventEmitter], U], emitter: EventEmitter
) -> UnitOfWorkRunner[U]:
    """Runs a command's work on ``unit_of_work(attempt, emitter)`` through ``execute_command``:
    a publish failure after the commit leaves the events to the outbox sweeper (the command is
    still accepted)."""

    def run(work: Callable[[U], Any]) -> Any:
        from pipeline_kit import execute_command

        return execute_command(lambda attempt: work(unit_of_work(attempt, emitter))).value

    return run


def read_attempt() -> UnitOfWorkAttempt:
    """A fresh attempt on the process's Firestore client for reads (never committed)."""
    from pipeline_kit import UnitOfWorkAttempt, firestore_client

    return UnitOfWorkAttempt(firestore_client(), None, check_marker=False)
