"""``python -m ops deploy-commands --topology T --source DIR`` for an app other than Wild Workouts
(``ops/deploy_commands/app_rules.py``): examples/hello's services, environment, subscription,
scheduler job and what is left out; the refusals. Every printed command through gcloud's parser:
tests/infra/test_gcloud_commands.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ops.deploy_commands.app_rules import other_app, other_app_infra_settings
from ops.deploy_commands.deploy_commands_command import deploy_commands
from ops.deploy_commands.deployment_plan import DeploymentPlan, deployment_plan
from ops.deploy_commands.infra_settings import load_infra_settings
from ops.local_stack.topology import REPO_ROOT, load_topology

pytestmark = pytest.mark.unit

HELLO = REPO_ROOT / "examples" / "hello"
IMAGE = "europe-west1-docker.pkg.dev/my-project/hello/hello:v1"
URL = "https://{}-123456789012.europe-west1.run.app"
HELLO_ARGS = ["--topology", str(HELLO / "topology.tf"), "--source", str(HELLO), "--project-number", "123456789012"]


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(deploy_commands, ["--project", "my-project", *args])
    return result.exit_code, result.output


def _hello_plan() -> DeploymentPlan:
    topology = load_topology(HELLO / "topology.tf")
    infra = other_app_infra_settings(load_infra_settings(), topology, HELLO / "main.py")
    return deployment_plan(
        topology,
        infra,
        project="my-project",
        project_number="123456789012",
        image=IMAGE,
        app=other_app(HELLO / "topology.tf", HELLO),
    )


def test_hello_gets_its_three_services_with_the_kit_s_environment_and_its_callers() -> None:
    plan = _hello_plan()

    services = {service.function: service for service in plan.services}
    assert {f: (s.name, s.public) for f, s in services.items()} == {
        "greet": ("greet", True),
        "hello_replier": ("hello-replier", False),
        "outbox_sweeper": ("outbox-sweeper", False),
    }
    replier = dict(services["hello_replier"].env)
    assert replier == {
        "FUNCTION_TARGET": "hello_replier",
        "GOOGLE_CLOUD_PROJECT": "my-project",
        "PUSH_AUTH_AUDIENCE": URL.format("hello-replier"),
        "PUSH_AUTH_ALLOWED_EMAILS": "push-hello-replier@my-project.iam.gserviceaccount.com",
        "ACK_DEADLINE_SECONDS": "60",
        "TRACE_EXPORTER": "gcp",
        "THREADS": replier["THREADS"],
        "OUTBOX_MARK_SENT": replier["OUTBOX_MARK_SENT"],
    }
    sweeper = dict(services["outbox_sweeper"].env)
    assert sweeper["PUSH_AUTH_ALLOWED_EMAILS"] == "outbox-sweep-scheduler@my-project.iam.gserviceaccount.com"
    assert sweeper["PUSH_AUTH_AUDIENCE"] == URL.format("outbox-sweeper")
    greet = dict(services["greet"].env)
    assert "PUSH_AUTH_ALLOWED_EMAILS" not in greet and "FIREBASE_AUTH_DOMAIN" not in greet
    assert all(service.publishes_to == ("hello-greetings",) for service in plan.services)
    assert all(service.custom_audiences == () for service in plan.services)  # the URL needs none


def test_hello_s_subscription_pushes_with_oidc_to_its_service_and_dead_letters_after_five() -> None:
    plan = _hello_plan()

    (subscription,) = plan.subscriptions
    assert (subscription.consumer, subscription.topic, subscription.ordering) == (
        "hello-replier",
        "hello-greetings",
        True,
    )
    assert subscription.push_endpoint == subscription.audience == URL.format("hello-replier")
    assert subscription.push_account_email == "push-hello-replier@my-project.iam.gserviceaccount.com"
    assert (subscription.dead_letter_topic, subscription.dead_letter_subscription) == (
        "hello-replier-dead-letter",
        "hello-replier-dead-letter-sub",
    )
    assert (subscription.minimum_backoff, subscription.maximum_backoff, subscription.max_delivery_attempts) == (
        "10s",
        "600s",
        5,
    )
    assert subscription.filter.startswith('(attributes.event_type = "GreetingRequested") AND (')
    (job,) = plan.schedulers
    assert (job.name, job.uri, job.audience) == (
        "outbox-sweep",
        URL.format("outbox-sweeper"),
        URL.format("outbox-sweeper"),
    )
    assert plan.topics == ("hello-greetings",)


def test_hello_s_script_leaves_out_what_is_wild_workouts_own() -> None:
    code, script = _run(*HELLO_ARGS, "--image", IMAGE)

    assert code == 0, script
    assert "# The app in " in script and "examples/hello/topology.tf" in script
    for wild_workouts_only in ("ww-", "wild-workouts", "--labels", "FIREBASE", "SAGA", "saga-timeouts", "trainings",
                               "firebaserules"):  # fmt: skip
        assert wild_workouts_only not in script
    assert "--collection-group=outbox" in script  # the kit's sweeper index and TTL fields stay
    assert script.count("gcloud firestore indexes composite create") == 1
    assert re.findall(r"gcloud run deploy (\S+)", script) == ["greet", "hello-replier", "outbox-sweeper"]
    assert f"--image={IMAGE}" in script
    assert "--set-env-vars=^|^" not in script  # one allowed email: no comma in any value
    assert "--add-custom-audiences" not in script  # each token's audience is its service's URL


def test_a_build_source_without_a_dockerfile_is_built_by_the_buildpack_as_a_function() -> None:
    code, script = _run(*HELLO_ARGS, "--build-source", "examples/hello")

    assert code == 0, script
    assert (
        "gcloud run deploy greet \\\n    --source=examples/hello \\\n    --function=greet \\\n"
        "    --base-image=python311" in script
    )
    assert "--image=" not in script


def test_another_app_without_a_sweeper_gets_no_scheduler_job(tmp_path: Path) -> None:
    topology = (HELLO / "topology.tf").read_text().replace("    outbox_sweeper = { public = false }\n", "")
    (tmp_path / "topology.tf").write_text(topology)
    (tmp_path / "main.py").write_text((HELLO / "main.py").read_text())

    code, script = _run("--topology", str(tmp_path / "topology.tf"), "--image", IMAGE)  # --source: its folder

    assert code == 0, script
    assert "gcloud scheduler" not in script and "outbox-sweep-scheduler" not in script
    assert "gcloud run deploy outbox-sweeper" not in script


def test_another_app_needs_an_image_or_a_build_source_and_a_main_py_with_its_targets(tmp_path: Path) -> None:
    code, output = _run(*HELLO_ARGS)
    assert code == 2 and "needs --image IMAGE or --build-source DIR" in output

    code, output = _run("--topology", str(HELLO / "topology.tf"), "--source", str(tmp_path), "--image", IMAGE)
    assert code == 2 and "no main.py there" in output

    (tmp_path / "main.py").write_text("import functions_framework\n\n\n@functions_framework.http\ndef greet(r): ...\n")
    code, output = _run("--topology", str(HELLO / "topology.tf"), "--source", str(tmp_path), "--image", IMAGE)
    assert code != 0
    assert "has no target for hello_replier, outbox_sweeper (named by" in output
