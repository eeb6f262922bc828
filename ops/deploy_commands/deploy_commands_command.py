"""``python -m ops deploy-commands``."""

from __future__ import annotations

import click

from ops.cli_support.one_line_errors import one_line_errors


@click.command("deploy-commands")
@click.option("--project", required=True, help="The Google Cloud project to deploy into.")
@click.option(
    "--region", default=None, help="Region of the services and scheduler jobs (default: Terraform's, europe-west1)."
)
@click.option(
    "--image",
    default=None,
    help="The image every service runs (default: Terraform's, "
    "REGION-docker.pkg.dev/PROJECT/wild-workouts/functions:latest).",
)
@click.option(
    "--source",
    default=None,
    help="Deploy each service with `gcloud run deploy --source=SOURCE` (Cloud Build builds the "
    "Dockerfile there, once per service) instead of --image.",
)
@click.option(
    "--project-number",
    default=None,
    help="The project's number (the Pub/Sub service agent's and the service URLs'); default: looked up by the script.",
)
def deploy_commands(
    project: str, region: str | None, image: str | None, source: str | None, project_number: str | None
) -> None:
    """Print the gcloud commands that make what Terraform makes (per-function mode), for a
    deployment without Terraform: APIs, service accounts, topics, dead-letter topics and their
    subscriptions, Cloud Run services, push subscriptions (OIDC, filter, ordering, retry and
    dead-letter policies), IAM bindings and the scheduler jobs.

    Derived from infra/topology.tf, Terraform's defaults in infra/*.tf and functions/main.py's
    targets; prints a bash script and runs nothing. Needs no project access.
    Example: python -m ops deploy-commands --project my-project > deploy.sh
    """
    from ops.deploy_commands.deployment_plan import deployment_plan
    from ops.deploy_commands.gcloud_script import PROJECT_NUMBER_VARIABLE, gcloud_script
    from ops.deploy_commands.infra_settings import load_infra_settings
    from ops.local_stack.topology import load_topology

    if image is not None and source is not None:
        raise click.UsageError("give --image or --source, not both")
    with one_line_errors():
        plan = deployment_plan(
            load_topology(),
            load_infra_settings(),
            project=project,
            project_number=project_number or f"${{{PROJECT_NUMBER_VARIABLE}}}",
            region=region,
            image=image,
        )
        click.echo(gcloud_script(plan, source=source, project_number_known=project_number is not None), nl=False)
