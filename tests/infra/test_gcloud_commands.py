"""Every ``gcloud`` command ``python -m ops deploy-commands`` prints and every one README.md and
docs/*.md show passes the installed gcloud's own argument parser, offline (``gcloud_commands``:
no account, so a command that parses stops at the account or project check; a parse error is
exit 2). Integration: it runs the Cloud SDK (one process for all the commands; the whole file
took 23 s on 2 cores with a load average of 12, `pytest tests/infra/test_gcloud_commands.py`)."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from click.testing import CliRunner

from ops.deploy_commands.deploy_commands_command import deploy_commands
from tests.infra.gcloud_commands import (
    REPO,
    GcloudCommand,
    commands_in_markdown,
    commands_in_shell,
    offline_environment,
    parse_offline,
    problem,
    sdk_root,
)

pytestmark = pytest.mark.integration

DOCUMENTS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
HELLO = REPO / "examples" / "hello"
VARIANTS = {
    "deploy-commands (image, default region)": ["--project", "my-project"],
    "deploy-commands (source, region, project number)": [
        "--project", "my-project", "--region", "us-central1", "--build-source", ".", "--project-number", "123456789012",
    ],
    "deploy-commands (examples/hello, image)": [
        "--project", "my-project", "--topology", str(HELLO / "topology.tf"), "--source", str(HELLO),
        "--image", "europe-west1-docker.pkg.dev/my-project/hello/hello:v1",
    ],
    "deploy-commands (examples/hello, buildpack function)": [
        "--project", "my-project", "--topology", str(HELLO / "topology.tf"), "--build-source", str(HELLO),
        "--project-number", "123456789012",
    ],
}  # fmt: skip
MALFORMED = [
    ("pubsub", "topics", "create", "trainer-events", "--project=p", "--no-such-flag"),
    ("pubsub", "subscriptions", "create", "s", "--topic=t", "--max-delivery-attempts=3", "--project=p"),
    ("run", "deploy", "ww-api", "--image=x", "--region=europe-west1", "--timeout=soon", "--project=p"),
]


def _printed() -> list[GcloudCommand]:
    commands = []
    for where, args in VARIANTS.items():
        result = CliRunner().invoke(deploy_commands, args)
        assert result.exit_code == 0, result.output
        commands += commands_in_shell(result.output, where)
    return commands


def test_every_printed_and_documented_command_passes_the_offline_parser() -> None:
    printed = _printed()
    documented = [command for path in DOCUMENTS for command in commands_in_markdown(path.read_text(), path.name)]
    unique = {command.checked_argv: command for command in [*documented, *printed]}

    answers = parse_offline(unique)

    problems = [
        found for command, answer in zip(unique.values(), answers, strict=True) if (found := problem(command, answer))
    ]
    assert problems == [], "\n".join(problems)
    assert len(printed) >= 250  # two Wild Workouts variants, each over 100 commands (every resource), two of Hello
    assert {command.where for command in printed} == set(VARIANTS)
    assert {"deploy.md", "README.md"} <= {command.where for command in documented}
    assert any(command.argv[:2] == ("functions", "deploy") and not command.mention for command in documented)


def test_the_check_tells_a_malformed_command_and_answers_as_the_gcloud_binary(tmp_path: Path) -> None:
    """The driver (one SDK process) gets what the ``gcloud`` script gets (compared on a
    well-formed and a malformed command), and a command with an unknown flag or a bad value is a
    problem; the well-formed one is not."""
    well_formed = ("pubsub", "topics", "create", "trainer-events", "--project=p")
    commands = [well_formed, *MALFORMED]
    environment = offline_environment(tmp_path)
    gcloud = str(sdk_root() / "bin" / "gcloud")

    def binary(argv: tuple[str, ...]) -> tuple[int, str]:
        run = subprocess.run(
            [gcloud, *argv],
            check=False,
            capture_output=True,
            text=True,
            env=environment,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
        return run.returncode, run.stderr.splitlines()[0]

    with ThreadPoolExecutor(max_workers=2) as pool:  # the binary on one command of each kind
        by_binary = list(pool.map(binary, commands[:2]))
    answers = parse_offline(commands)

    assert [(answer.exit, answer.output.splitlines()[0]) for answer in answers[:2]] == by_binary
    verdicts = [problem(GcloudCommand(argv, "sample"), answer) for argv, answer in zip(commands, answers, strict=True)]
    assert verdicts[0] is None
    assert all(verdict is not None and "exit 2" in verdict for verdict in verdicts[1:]), verdicts
