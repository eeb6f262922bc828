"""The ``gcloud`` commands the docs show, and their check by the installed gcloud's own argument
parser, offline.

**Where commands are found.** In Markdown: every line of a shell code block (```` ```sh ````,
``bash``, ``shell``, ``console`` or none), and every inline
code span starting with ``gcloud``. In shell text: continuation lines joined, comments dropped,
each ``gcloud …`` between ``&&``, ``||``, ``;``, ``|``, ``$(`` and ``)``. ``$NAME`` / ``${NAME}``
take the value the same text assigned (``NAME=value``), else ``PLACEHOLDERS``' value. An inline
span that is ``gcloud`` and command words only (``gcloud run deploy``) *names* a command: it is
checked with ``--help`` (the command exists), since it is no command line to run.

**The check.** gcloud parses every argument (unknown flags, bad values, missing required ones,
flag validators) before it needs an account. With a fresh empty configuration directory, no
credentials and prompts disabled, a command that parses fails with exit 1 and one of
``ACCEPTED_FAILURES`` (no account; no project for a command given none); a parse error is exit 2
(``argument --x: …``, ``unrecognized arguments``, ``Invalid choice``). ``LOCAL_COMMANDS`` need
no account (they run, in a throw-away home directory) and must exit 0.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

DRIVER = Path(__file__).resolve().parent / "gcloud_parse_driver.py"
REPO = Path(__file__).resolve().parents[2]
ACCEPTED_FAILURES = (
    "You do not currently have an active account selected.",
    "The required property [project] is not currently set.",
    "Failed to find attribute [project].",
    "The [project] resource is not properly specified.",
)
LOCAL_COMMANDS = (("auth", "configure-docker"),)
PLACEHOLDERS: Mapping[str, str] = {"PROJECT_NUMBER": "123456789012"}
_VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
_ASSIGNMENT = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$")
_COMMAND_WORD = re.compile(r"[a-z][a-z0-9-]*")
_FENCE = re.compile(r"^```([a-z]*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
_SHELL_FENCES = ("", "sh", "bash", "shell", "console")
_INLINE = re.compile(r"(?<!`)`(gcloud [^`\n]+)`(?!`)")


@dataclass(frozen=True)
class GcloudCommand:
    argv: tuple[str, ...]
    """The arguments after ``gcloud``."""
    where: str
    mention: bool = False

    @property
    def checked_argv(self) -> tuple[str, ...]:
        return (*self.argv, "--help") if self.mention else self.argv


@dataclass(frozen=True)
class ParserAnswer:
    exit: int
    output: str


def commands_in_shell(text: str, where: str) -> list[GcloudCommand]:
    """Every ``gcloud`` command of a shell script or a code block, variables substituted."""
    variables: dict[str, str] = dict(PLACEHOLDERS)
    found = []
    for line in _logical_lines(text):
        words = line.split()
        if words and all(_ASSIGNMENT.match(word) for word in words):
            for word in words:
                name, value = word.split("=", 1)
                variables[name] = _substituted(value, variables)
            # an assignment from a command substitution holds a command too: fall through
        if "gcloud" not in words and not any(word.endswith("$(gcloud") for word in words):
            continue
        for segment in _segments(_substituted(line, variables)):
            if segment[:1] == ["gcloud"] and len(segment) > 1:
                found.append(GcloudCommand(tuple(segment[1:]), where))
    return found


def commands_in_markdown(text: str, where: str) -> list[GcloudCommand]:
    """The shell blocks' commands and the inline spans' (a span of command words only: a mention)."""
    found = []
    for language, block in _FENCE.findall(text):
        if language in _SHELL_FENCES:
            found += commands_in_shell(block, where)
    for span in _INLINE.findall(_FENCE.sub("", text)):
        for command in commands_in_shell(span, where):
            mention = all(_COMMAND_WORD.fullmatch(word) for word in command.argv)
            found.append(GcloudCommand(command.argv, where, mention=mention))
    return found


def _logical_lines(text: str) -> list[str]:
    joined = re.sub(r"\\\n", " ", text)
    return [line.strip() for line in joined.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _substituted(text: str, variables: Mapping[str, str]) -> str:
    return _VARIABLE.sub(lambda found: variables.get(found.group(1) or found.group(2), found.group(0)), text)


def _segments(line: str) -> list[list[str]]:
    """The words between shell operators (``&&``, ``||``, ``;``, ``|``, ``(``, ``)``), quotes honoured."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=";&|()")
    lexer.whitespace_split = True
    tokens = list(lexer)
    segments: list[list[str]] = [[]]
    for index, token in enumerate(tokens):
        opens_substitution = token.endswith("$") and tokens[index + 1 : index + 2] == ["("]  # NAME=$( … )
        if opens_substitution or (token and set(token) <= set(";&|()")):
            segments.append([])
        else:
            segments[-1].append(token)
    return [segment for segment in segments if segment]


def sdk_root() -> Path:
    """The Cloud SDK the ``gcloud`` on PATH belongs to."""
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        raise FileNotFoundError("gcloud is not on PATH")
    root = Path(gcloud).resolve().parent.parent
    if (root / "lib" / "googlecloudsdk").is_dir():
        return root
    info = subprocess.run(
        [gcloud, "info", "--format=value(installation.sdk_root)"], capture_output=True, text=True, check=True
    )
    return Path(info.stdout.strip())


def sdk_python(root: Path) -> str:
    """The Python the ``gcloud`` script would run (its bundled one, else CLOUDSDK_PYTHON, else python3)."""
    bundled = root / "platform" / "bundledpythonunix" / "bin" / "python3"
    if bundled.is_file():
        return str(bundled)
    return os.environ.get("CLOUDSDK_PYTHON") or shutil.which("python3") or "python3"


def offline_environment(home: Path) -> dict[str, str]:
    """A fresh, empty gcloud configuration: no account, no project, no prompts, no network calls of its own."""
    (home / "config").mkdir(parents=True, exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "CLOUDSDK_CONFIG": str(home / "config"),
        "CLOUDSDK_CORE_DISABLE_PROMPTS": "1",
        "CLOUDSDK_CORE_DISABLE_USAGE_REPORTING": "1",
        "CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK": "1",
    }


def parse_offline(commands: Iterable[tuple[str, ...]], *, timeout: float = 120.0) -> list[ParserAnswer]:
    """Each command's exit code and output from the installed gcloud, in one SDK process."""
    argvs = [list(argv) for argv in commands]
    root = sdk_root()
    with tempfile.TemporaryDirectory(prefix="gcloud-offline-") as home:
        result = subprocess.run(
            [sdk_python(root), str(DRIVER), str(root)],
            input=json.dumps(argvs),
            capture_output=True,
            text=True,
            env=offline_environment(Path(home)),
            cwd=REPO,
            timeout=timeout,
            check=False,
        )
    answers = [ParserAnswer(**json.loads(line)) for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or len(answers) != len(argvs):
        raise RuntimeError(f"the gcloud driver failed ({result.returncode}):\n{result.stderr[-2000:]}")
    return answers


def problem(command: GcloudCommand, answer: ParserAnswer) -> str | None:
    """Why ``answer`` is not what a well-formed ``command`` gets offline, or None."""
    if command.mention or command.argv[:2] in LOCAL_COMMANDS:
        expected_ok = answer.exit == 0
    else:
        expected_ok = answer.exit == 1 and any(marker in answer.output for marker in ACCEPTED_FAILURES)
    if expected_ok:
        return None
    first_lines = " | ".join(answer.output.strip().splitlines()[:2])
    return f"{command.where}: gcloud {shlex.join(command.checked_argv)}\n    exit {answer.exit}: {first_lines}"
