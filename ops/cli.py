"""The ops CLI: the local stack (``dev``), an ID token for it (``token``), the scripted scenario
(``demo``), dead letters (``dlq``), the journey of a request (``trace``), the pending sagas
(``sagas``), the event topology (``topology``) and the post-deploy ``smoke`` test.

Run ``python -m ops --help`` (or ``make dev`` / ``make demo``). The Google Cloud commands use the
emulators when PUBSUB_EMULATOR_HOST / FIRESTORE_EMULATOR_HOST are set, Google Cloud otherwise; with
nothing set, a running ``ops dev``'s ``.local/dev-stack.env`` (see ``ops.cli_support.project_option``).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from ops.deploy_commands.deploy_commands_command import deploy_commands
from ops.dev_stack.token_command import token
from ops.dlq.dlq_commands import dlq
from ops.local_stack.emulators import StartupFailed
from ops.local_stack.required_tools import MissingTool
from ops.sagas.sagas_command import sagas
from ops.smoke.smoke_command import smoke
from ops.topology_view.topology_command import topology
from ops.trace.trace_command import trace


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Operate the Wild Workouts pipeline, locally on the emulators or against Google Cloud."""


@main.command()
@click.option(
    "--topology",
    "topology_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Run another app instead: this topology (infra/topology.tf's shape) and the main.py next to it.",
)
def dev(topology_file: Path | None) -> None:
    """Run the local stack until Ctrl-C: emulators (Firebase Authentication with the demo users
    too), functions serving the API, the web app and /docs, topology, outbox sweeper.

    With --topology FILE, another app on the emulators: FILE's topics and push subscriptions, the
    main.py next to FILE (target monolith) and its outbox sweeper; e.g.
    python -m ops dev --topology examples/hello/topology.tf

    Prints the web URL, the demo users, a curl line and the `export` lines of the emulators and
    the project, also written to .local/dev-stack.env (removed on stop): `python -m ops dlq list`
    and the other commands in a second terminal read it when no emulator variable is set.
    `python -m ops token` mints tokens for it. Example: python -m ops dev
    """
    import os

    from ops.demo.dev_tokens import remove_key_file
    from ops.dev_stack.demo_grants import GrantFailed, grant_demo_trainings
    from ops.dev_stack.dev_stack_announcement import announced
    from ops.dev_stack.welcome import second_terminal_text, web_is_built, welcome_text
    from ops.local_stack.stack import LocalStack, StackSettings, install_termination_handler
    from wild_workouts.http.web_assets import dist_dir
    from wild_workouts.settings import Settings

    install_termination_handler()
    if topology_file is not None:
        _dev_app(topology_file)
        return
    token_env = _dev_token_env()
    try:
        with LocalStack(StackSettings(extra_env=token_env, auth_emulator=True)) as stack:
            granted = grant_demo_trainings(stack)
            auth_url = stack.auth_emulator.url if stack.auth_emulator is not None else None
            with announced(stack, token_env["API_AUTH_DEV_PRIVATE_KEY_FILE"], pid=os.getpid()) as announcement:
                click.echo(f"local stack up: {stack.describe()}")
                built = web_is_built(dist_dir(Settings.from_environ(stack.function_environment()).web_dist_dir))
                click.echo(welcome_text(stack.functions_url, auth_url, granted, built))
                click.echo(second_terminal_text(announcement.environment, announcement.env_file))
                click.echo("Ctrl-C stops everything.")
                while True:
                    time.sleep(1)
    except (MissingTool, StartupFailed, GrantFailed) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        click.echo("stopped.")
    finally:
        remove_key_file()


@main.command()
def demo() -> None:
    """Run the whole pipeline locally with a scripted scenario, print what happened, check it.

    Exits 0 when every check passed. Example: python -m ops demo
    """
    from ops.demo.dev_tokens import remove_key_file
    from ops.demo.scenario import run_demo
    from ops.local_stack.stack import LocalStack, StackSettings, install_termination_handler

    install_termination_handler()
    try:
        with LocalStack(StackSettings(extra_env=_dev_token_env())) as stack:
            click.echo(f"local stack up: {stack.describe()}")
            ok = run_demo(stack)
    except (MissingTool, StartupFailed) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        click.echo("interrupted: everything stopped.")
        sys.exit(130)
    finally:
        remove_key_file()
    if not ok:
        _fail("demo: some checks failed (see above)")
    click.echo("demo: all checks passed.")


main.add_command(dlq)
main.add_command(trace)
main.add_command(sagas)
main.add_command(topology)
main.add_command(smoke)
main.add_command(token)
main.add_command(deploy_commands)


def _dev_app(topology_file: Path) -> None:
    from ops.dev_stack.app_stack import run_app_stack

    try:
        run_app_stack(topology_file)
    except (MissingTool, StartupFailed) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        click.echo("stopped.")


def _dev_token_env() -> dict[str, str]:
    from ops.demo.dev_tokens import dev_token_environment

    return dev_token_environment()


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(2)
