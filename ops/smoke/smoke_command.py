"""``python -m ops smoke API_URL`` (the same checks as ``python -m ops.smoke``)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("api_url")
def smoke(api_url: str) -> None:
    """Read-only smoke test of a deployed API: /openapi.json answers, /trainings without a token is 401.

    Exits 0 when both pass. Example: python -m ops smoke "$(terraform -chdir=infra output -raw api_url)"
    """
    from ops.smoke.smoke_checks import run_smoke_checks

    results = run_smoke_checks(api_url)
    for result in results:
        click.echo(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    if not all(result.ok for result in results):
        click.echo("smoke test failed", err=True)
        sys.exit(1)
