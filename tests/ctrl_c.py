"""Starting a process that a test interrupts with SIGINT, as Ctrl-C would.

A shell without job control starts a background command with SIGINT ignored, and a child
inherits that: Python then installs no KeyboardInterrupt handler, and the SIGINT a test sends
does nothing. The test suite may itself run that way (``make test &`` in a script), so a process
meant to be interrupted gets SIGINT's default disposition back before it starts."""

from __future__ import annotations

import signal


def interruptible() -> None:
    """A ``preexec_fn``: SIGINT handled by default in the child, whatever the suite inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
