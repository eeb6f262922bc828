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
    started = time.monotonic()
    done = 0

    def advance(_: Any) -> None:
        nonlocal done
        done += 1
        if done % every == 0 or done == total:
            elapsed = time.monotonic() - started
            rate = f", {done / elapsed:.1f}/s" if elapsed > 0 else ""
            click.echo(f"redriven {done}/{total}{rate}", err=True)

    yield advance
