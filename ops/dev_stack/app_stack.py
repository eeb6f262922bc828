"""``python -m ops dev --topology FILE``: the local stack for an app other than Wild Workouts.

The app is the folder of ``FILE`` (a topology in ``infra/topology.tf``'s shape): its ``main.py``
is served with target ``monolith`` (``/push/<consumer>`` for each consumer, a path per HTTP
function, ``/healthz``), as deployed (``pipeline_kit.http.serve``), on the emulators. Its topics,
push subscriptions and dead-letter topics are created from ``FILE``, and the outbox sweeper loop
runs when ``FILE``'s ``http_functions`` name ``outbox_sweeper``. No Authentication emulator, web
app or demo users (those are Wild Workouts'). ``.local/dev-stack.env`` is written as for
``ops dev``, so ``python -m ops dlq list`` in a second terminal reads this stack.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import click

from ops.dev_stack.dev_stack_announcement import stack_environment
from ops.dev_stack.dev_stack_env import export_lines, remove_env_file, write_env_file
from ops.local_stack.local_paths import REPO_ROOT
from ops.local_stack.stack import LocalStack, StackSettings

APP_TARGET = "monolith"


def app_stack_settings(topology_file: Path) -> StackSettings:
    """The stack serving ``topology_file``'s folder's ``main.py`` (target ``monolith``)."""
    source = topology_file.parent / "main.py"
    if not source.is_file():
        raise click.UsageError(f"{_shown(source)} is missing: the app next to the topology serves target {APP_TARGET}")
    return StackSettings(topology_file=topology_file, functions_source=source, functions_target=APP_TARGET)


def run_app_stack(topology_file: Path) -> None:
    """Start the stack, print where everything is, and wait for Ctrl-C (KeyboardInterrupt)."""
    with LocalStack(app_stack_settings(topology_file.resolve())) as stack:
        environment = stack_environment(stack)
        env_file = write_env_file(environment, os.getpid())
        try:
            click.echo(f"local stack up: {stack.describe()}")
            click.echo(welcome_text(stack))
            click.echo(f"In a second terminal ({_shown(env_file)} points the ops commands here):")
            click.echo("\n".join(f"  {line}" for line in export_lines(environment)))
            click.echo("Ctrl-C stops everything.")
            while True:
                time.sleep(1)
        finally:
            remove_env_file(os.getpid())


def welcome_text(stack: LocalStack) -> str:
    """The app's endpoints, from the topology."""
    url = stack.functions_url
    lines = [f"Serving {_shown(REPO_ROOT / stack.settings.functions_source)} (target {APP_TARGET}) at {url}:"]
    lines += [f"  POST {url}/{name}" for name in stack.topology.http_functions]
    lines += [
        f"  push {consumer.name}: {consumer.topic} → {url}/push/{consumer.name} "
        f"(parked messages: python -m ops dlq list)"
        for consumer in stack.topology.consumers
    ]
    return "\n".join(lines)


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(REPO_ROOT))
    except ValueError:
        return str(path)
