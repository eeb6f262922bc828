"""``python -m ops deploy-commands``."""

from __future__ import annotations

from pathlib import Path

import click

from ops.cli_support.one_line_errors import one_line_errors


@click.command("deploy-commands")
@click.option("--project", required=True, help="The Google Cloud project to deploy into.")
@click.option(
    "--region", default=None, help="Region of the services and scheduler jobs (default: Terraform's, europe-west1)."
)
@click.option(
    "--topology",
    "topology_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="The app's topology file (default: Wild Workouts', infra/topology.tf), e.g. examples/hello/topology.tf.",
)
@click.option(
    "--source",
    "source_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="The folder with the app's main.py, whose targets it reads (default: functions with Wild Workouts' "
    "topology, else the topology file's folder).",
)
@click.option(
    "--image",
    default=None,
    help="The image every service runs (default for Wild Workouts: Terraform's, "
    "REGION-docker.pkg.dev/PROJECT/wild-workouts/functions:latest; another app gives it, or --build-source).",
)
@click.option(
    "--build-source",
    default=None,
    help="Deploy each service with `gcloud run deploy --source=BUILD_SOURCE` instead of --image: Cloud Build "
    "builds the Dockerfile there (once per service), or without one Google's Python buildpack builds a "
    "function (--function=TARGET).",
)
@click.option(
    "--project-number",
    default=None,
    help="The project's number (the Pub/Sub service agent's and the service URLs'); default: looked up by the script.",
)
def deploy_commands(
    project: str,
    region: str | None,
    topology_file: Path | None,
    source_dir: Path | None,
    image: str | None,
    build_source: str | None,
    project_number: str | None,
) -> None:
    """Print the gcloud commands that make what Terraform makes (per-function mode), for a
    deployment without Terraform: APIs, the Firestore database, service accounts, topics,
    dead-letter topics and their subscriptions, Cloud Run services, push subscriptions (OIDC,
    filter, ordering, retry and dead-letter policies), IAM bindings and the scheduler jobs.

    Derived from the topology (infra/topology.tf, or --topology), Terraform's defaults in
    infra/*.tf and main.py's targets (functions/main.py, or --source); prints a bash script and
    runs nothing. Needs no project access. For an app other than Wild Workouts it leaves out
    Wild Workouts' own settings (web app, saga timeouts, the indexes of its collections, labels,
    service name prefix) and each service's token audience is its URL.

    \b
    Examples:
      python -m ops deploy-commands --project my-project > deploy.sh
      python -m ops deploy-commands --project my-project --topology examples/hello/topology.tf \\
          --source examples/hello --image IMAGE > deploy-hello.sh
    """
    from ops.deploy_commands.app_rules import WILD_WORKOUTS, is_wild_workouts, other_app, other_app_infra_settings
    from ops.deploy_commands.deployment_plan import deployment_plan
    from ops.deploy_commands.gcloud_script import PROJECT_NUMBER_VARIABLE, gcloud_script
    from ops.deploy_commands.infra_settings import load_infra_settings
    from ops.local_stack.topology import REPO_ROOT, TOPOLOGY_FILE, load_topology

    if image is not None and build_source is not None:
        raise click.UsageError("give --image or --build-source, not both")
    topology_path = topology_file or TOPOLOGY_FILE
    source = source_dir or (REPO_ROOT / "functions" if topology_file is None else topology_path.parent)
    wild_workouts = is_wild_workouts(topology_path, source)
    if not wild_workouts and not (source / "main.py").is_file():
        raise click.UsageError(f"--source {source}: no main.py there (the folder with the app's targets)")
    if not wild_workouts and image is None and build_source is None:
        raise click.UsageError("an app other than Wild Workouts needs --image IMAGE or --build-source DIR")
    with one_line_errors():
        topology = load_topology(topology_path)
        infra = load_infra_settings()
        app = WILD_WORKOUTS
        if not wild_workouts:
            app = other_app(topology_path, source)
            infra = other_app_infra_settings(infra, topology, source / "main.py")
        plan = deployment_plan(
            topology,
            infra,
            project=project,
            project_number=project_number or f"${{{PROJECT_NUMBER_VARIABLE}}}",
            region=region,
            image=image,
            app=app,
        )
        click.echo(
            gcloud_script(
                plan,
                source=build_source,
                source_has_dockerfile=build_source is None or (Path(build_source) / "Dockerfile").is_file(),
                project_number_known=project_number is not None,
            ),
            nl=False,
        )
