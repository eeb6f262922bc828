"""Application handlers as kit message handlers, by injection on their signature.

An application handler is ``handle(event, <name>, ...)``: after the event it names only what
it uses (a unit of work, a clock, a read model, the event's stamp). ``injector(**providers)``
turns it into the kit's ``handler(event, context)``, calling for each name the provider of that
name with ``(event, context)``; so a handler that uses no clock takes none, and the consumer
declarations (``<module>/entrypoints/push_consumers.py``) say once which provider serves which
name, as cosmicpython's bootstrap injects dependencies by parameter name.

The signature is read once, when the consumer is built (its first request); a parameter no
provider serves is a ``TypeError`` then, not at the first message.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from pipeline_kit import HandlerContext, MessageHandler, UnitOfWorkAttempt
from wild_workouts.adapters_common.system_clock import SystemClock
from wild_workouts.shared_kernel.event_stamp import EventStamp

Provider = Callable[[Any, HandlerContext], object]
"""Called ``(event, context)`` for each message; returns the value of one handler parameter."""

_PASSABLE = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def handler_parameters(handle: Callable[..., object]) -> tuple[str, ...]:
    """The names ``handle`` takes after its first parameter (the event or command), in order.

    ``*args``, ``**kwargs`` and positional-only names cannot be injected by name: ``TypeError``.
    """
    parameters = list(inspect.signature(handle).parameters.values())[1:]
    for parameter in parameters:
        if parameter.kind not in _PASSABLE:
            raise TypeError(f"{handle.__qualname__}: parameter {parameter.name!r} cannot be passed by name")
    return tuple(parameter.name for parameter in parameters)


def injector(**providers: Provider) -> Callable[[Callable[..., None]], MessageHandler]:
    """``injector(uow=..., clock=...)(handle)``: the kit handler that calls ``handle(event, ...)``
    with a value from the provider of each parameter it names (and nothing else).

    Raises ``TypeError`` at once if ``handle`` names a parameter no provider serves.
    """

    def inject(handle: Callable[..., None]) -> MessageHandler:
        names = handler_parameters(handle)
        missing = [name for name in names if name not in providers]
        if missing:
            raise TypeError(
                f"{handle.__qualname__} takes {', '.join(missing)}, which no provider serves"
                f" (providers: {', '.join(sorted(providers)) or 'none'})"
            )
        chosen = [(name, providers[name]) for name in names]

        @functools.wraps(handle)  # named as the handler, which is its ``__wrapped__``
        def run(event: Any, context: HandlerContext) -> None:
            handle(event, **{name: provide(event, context) for name, provide in chosen})

        return run

    return inject


def on_attempt(factory: Callable[[UnitOfWorkAttempt], object]) -> Provider:
    """A provider building ``factory(context.attempt)`` (a read model writer on the attempt)."""

    def provide(event: Any, context: HandlerContext) -> object:
        return factory(context.attempt)

    return provide


_CLOCK = SystemClock()


def _system_clock(event: Any, context: HandlerContext) -> SystemClock:
    return _CLOCK


def _stamp(event: Any, context: HandlerContext) -> EventStamp:
    return EventStamp(context.envelope.occurred_at, context.envelope.event_id)


SYSTEM_CLOCK: Provider = _system_clock
"""The real clock (one for the process)."""
STAMP: Provider = _stamp
"""The event's ``EventStamp``, from its envelope (a projection ignores older events by it)."""
