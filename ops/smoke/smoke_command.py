"""``python -m ops smoke API_URL`` (the same checks as ``python -m ops.smoke``)."""

from __future__ import annotations

import sys

import click


@click.command()
@click.argument("api_url")
@click.option("--attempts", default=5, show_default=True, type=click.IntRange(min=1), help="tries per check")
@click.option("--pause", "pause_seconds", default=3.0, show_default=True, type=click.FloatRange(min=0), help="seconds")
def smoke(api_url: str, attempts: int, pause_seconds: float) -> None:
    """Read-only smoke test of a deployed API: /openapi.json answers, /trainings without a token is 401.

    Exits 0 when both pass, 1 when a check fails, 2 (one line) for a URL that is not one or an API
    that never answered; each retry prints one "waiting for …" line on stderr.
    Example: python -m ops smoke "$(terraform -chdir=infra output -raw api_url)"
    """
    from ops.smoke.smoke_checks import SmokeError, run_smoke_checks

    def waiting(attempt: int, total: int, detail: str) -> None:
        click.echo(f"waiting for {detail} (attempt {attempt}/{total})", err=True)

    try:
        results = run_smoke_checks(api_url, attempts=attempts, pause_seconds=pause_seconds, on_wait=waiting)
    except SmokeError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    for result in results:
        click.echo(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    if not all(result.ok for result in results):
        click.echo("smoke test failed", err=True)
        sys.exit(1)
