"""``.local/dev-stack.env``: the variables that point a second terminal at the running ``make dev``.

``python -m ops dev`` writes it (shell ``export`` lines, so ``source .local/dev-stack.env`` works
too) and removes it when it stops. The ops commands that talk to Google Cloud read it by themselves
(``ops.cli_support.project_option``) when *nothing* is set: if any of PUBSUB_EMULATOR_HOST,
FIRESTORE_EMULATOR_HOST or GOOGLE_CLOUD_PROJECT is in the environment, or ``--project`` is given,
the file is ignored as a whole (an explicit choice is never mixed with the file's). A file whose
stack process is gone (killed) counts as no file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, MutableMapping
from pathlib import Path

from ops.dev_stack.dev_stack_record import dev_stack_dir, process_alive

ENV_FILE_NAME = "dev-stack.env"
# Any of these set explicitly means the operator chose a target: the file is then not read.
EXPLICIT_CHOICE = ("PUBSUB_EMULATOR_HOST", "FIRESTORE_EMULATOR_HOST", "GOOGLE_CLOUD_PROJECT")
_PID_LINE = re.compile(r"^# pid (\d+)$")
_EXPORT_LINE = re.compile(r"^export ([A-Z][A-Z0-9_]*)=(\S+)$")


def env_file_path(directory: Path | None = None) -> Path:
    return (directory or dev_stack_dir()) / ENV_FILE_NAME


def export_lines(values: Mapping[str, str]) -> list[str]:
    """``export NAME=value`` for each variable (values are host:port and project names: no quoting)."""
    return [f"export {name}={value}" for name, value in values.items()]


def write_env_file(values: Mapping[str, str], pid: int, directory: Path | None = None) -> Path:
    path = env_file_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "\n".join(
        [
            "# The running `python -m ops dev` stack; removed when it stops. `source` it, or just run",
            "# `python -m ops …`: the ops commands read it when no emulator variable is set.",
            f"# pid {pid}",
            *export_lines(values),
            "",
        ]
    )
    temporary = path.with_suffix(".tmp")
    temporary.write_text(text)
    temporary.replace(path)
    return path


def remove_env_file(pid: int, directory: Path | None = None) -> None:
    """Remove the file if this process wrote it (a newer stack's file stays)."""
    path = env_file_path(directory)
    try:
        owner, _ = _parse(path.read_text())
    except FileNotFoundError:
        return
    if owner in (pid, None):
        path.unlink(missing_ok=True)


def read_env_file(directory: Path | None = None) -> dict[str, str]:
    """The running stack's variables; empty when there is no file or its process is gone."""
    try:
        pid, values = _parse(env_file_path(directory).read_text())
    except (FileNotFoundError, UnicodeDecodeError):
        return {}
    if pid is None or not process_alive(pid):
        return {}
    return values


def apply_env_file(environ: MutableMapping[str, str] | None = None, directory: Path | None = None) -> dict[str, str]:
    """Copy the running stack's variables into ``environ`` (default ``os.environ``) unless one of
    ``EXPLICIT_CHOICE`` is already set there; returns what was copied."""
    target: MutableMapping[str, str] = os.environ if environ is None else environ
    if any(target.get(name, "").strip() for name in EXPLICIT_CHOICE):
        return {}
    values = read_env_file(directory)
    target.update(values)
    return values


def _parse(text: str) -> tuple[int | None, dict[str, str]]:
    pid: int | None = None
    values: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if match := _PID_LINE.match(line):
            pid = int(match.group(1))
        elif match := _EXPORT_LINE.match(line):
            values[match.group(1)] = match.group(2)
    return pid, values
