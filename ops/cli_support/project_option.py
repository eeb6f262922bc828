"""The ``--project`` option every Google Cloud command takes.

Precedence: ``--project`` on the command line, then $GOOGLE_CLOUD_PROJECT; with neither (and no
emulator variable set), the running ``make dev`` stack's env file (``.local/dev-stack.env``,
``ops.dev_stack.dev_stack_env``) supplies the project and the emulator hosts, so a second terminal
needs no setup. A command-line ``--project`` never reads the file (it means the project named).
"""

from __future__ import annotations

import os

import click
from click.core import ParameterSource


def _resolve(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    if ctx.get_parameter_source(param.name or "project") is not ParameterSource.COMMANDLINE:
        from ops.dev_stack.dev_stack_env import apply_env_file

        apply_env_file()
        value = value or os.environ.get("GOOGLE_CLOUD_PROJECT") or None
    if not value:
        raise click.MissingParameter(
            ctx=ctx,
            param=param,
            message="give --project or set GOOGLE_CLOUD_PROJECT (or start the local stack: `python -m ops dev`)",
        )
    return value


project_option = click.option(
    "--project",
    envvar="GOOGLE_CLOUD_PROJECT",
    default=None,
    callback=_resolve,
    show_envvar=True,
    help="Google Cloud project (the emulators accept any name); default: $GOOGLE_CLOUD_PROJECT, "
    "else the running `python -m ops dev` stack's (.local/dev-stack.env).",
)
