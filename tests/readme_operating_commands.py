"""The operator commands of the README's "## Operating" section, as the test runs them.

A command is a line of a ```sh block under "## Operating" (up to the next "## " heading) that
starts with ``python -m ops`` or ``.venv/bin/python -m ops``; a trailing ``# comment`` is dropped,
a line ending in ``\\`` continues on the next. The README's placeholder convention:

- ``<correlation-id>`` (also ``<X-Correlation-Id>``): the X-Correlation-Id of an API answer;
- ``<group>``: a cause group id, as ``dlq list`` shows it;
- ``<functions-log>``: the running stack's functions log (``.local/logs/stack-…/functions.log``);
- ``[ … ]``: an optional part, run without it;
- a line with ``--project`` addresses Google Cloud: it is not run against the local stack
  (``local_commands`` leaves it out).

Anything else that cannot run as written (another ``<…>``, an ellipsis) is reported by
``unrunnable``: such a line belongs outside the ```sh blocks (e.g. a ```text block).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
PREFIXES = ("python -m ops", ".venv/bin/python -m ops")
PLACEHOLDER_ALIASES = {"<X-Correlation-Id>": "<correlation-id>"}
KNOWN_PLACEHOLDERS = ("<correlation-id>", "<group>", "<functions-log>")
_OPTIONAL = re.compile(r"\s*\[[^\]]*\]")


def operating_section(text: str) -> str:
    start = text.index("\n## Operating\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def operating_commands(text: str | None = None) -> list[str]:
    """Each operator command of the Operating section, in README order, placeholders normalised."""
    section = operating_section(README.read_text() if text is None else text)
    commands: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL):
        pending = ""
        for raw in block.splitlines():
            line = pending + raw.strip()
            if line.endswith("\\"):
                pending = line[:-1] + " "
                continue
            pending = ""
            if line.startswith(PREFIXES):
                commands.append(_normalised(line))
    return commands


def local_commands(commands: list[str]) -> list[str]:
    """The commands meant for the local stack: those that name no ``--project``."""
    return [command for command in commands if not re.search(r"(^|\s)--project(\s|=|$)", command)]


def unrunnable(command: str) -> list[str]:
    """What keeps ``command`` from running once the known placeholders are substituted."""
    rest = command
    for placeholder in KNOWN_PLACEHOLDERS:
        rest = rest.replace(placeholder, "x")
    problems = [f"unknown placeholder {found}" for found in re.findall(r"<[^<>\s]+>", rest)]
    if "…" in rest or "..." in rest:
        problems.append("an ellipsis")
    return problems


def argv_of(command: str, values: Mapping[str, str]) -> list[str]:
    """The command's arguments after ``-m ops``, placeholders replaced by ``values``."""
    for placeholder, value in values.items():
        command = command.replace(placeholder, value)
    words = shlex.split(command, comments=True)
    return words[words.index("-m") + 2 :]


def _normalised(line: str) -> str:
    # Optional parts out, then the trailing comment (shlex also checks the quoting).
    command = shlex.join(shlex.split(_OPTIONAL.sub("", line), comments=True))
    for alias, placeholder in PLACEHOLDER_ALIASES.items():
        command = command.replace(alias, placeholder)
    return command
