"""The ``--project`` option every Google Cloud command takes (default: $GOOGLE_CLOUD_PROJECT)."""

from __future__ import annotations

import click

project_option = click.option(
    "--project",
    envvar="GOOGLE_CLOUD_PROJECT",
    required=True,
    show_envvar=True,
    help="Google Cloud project (the emulators accept any name).",
)
