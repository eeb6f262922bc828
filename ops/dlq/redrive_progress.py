"""Progress of a redrive on stderr: a rich progress bar on a terminal, else (CI logs, pipes) one
line every ``every`` messages and one at the end, with the measured rate."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

LINE_EVERY = 10


@contextmanager
def redrive_progress(total: int, every: int = LINE_EVERY) -> Iterator[Callable[[Any], None]]:
    if sys.stderr.isatty():
        columns = (TextColumn("redriving"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
            task = progress.add_task("redriving", total=total)
            yield lambda _: progress.advance(task)
        return
    first_done = 0.0
    done = 0

    def advance(_: Any) -> None:
        nonlocal done, first_done
        done += 1
        now = time.monotonic()
        first_done = first_done or now
        if done % every == 0 or done == total:
            # measured between the first and the last message redriven: what --rate bounds
            rate = f", {(done - 1) / (now - first_done):.1f}/s" if now > first_done else ""
            click.echo(f"redriven {done}/{total}{rate}", err=True)

    yield advance
