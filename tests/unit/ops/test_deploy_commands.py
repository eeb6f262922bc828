"""``python -m ops deploy-commands``: the script's shape, its quoting, and its refusals (the
values themselves: tests/infra/test_deploy_commands_agree_with_terraform.py; every command
through gcloud's parser: tests/infra/test_gcloud_commands.py)."""

from __future__ import annotations

import dataclasses
import re
import shlex

import pytest
from click.testing import CliRunner

from ops.deploy_commands.deploy_commands_command import deploy_commands
from ops.deploy_commands.deployment_plan import PlanError, deployment_plan
from ops.deploy_commands.gcloud_script import shell_command, shell_word
from ops.deploy_commands.infra_settings import load_infra_settings
from ops.local_stack.topology import load_topology

pytestmark = pytest.mark.unit


def _script(*args: str) -> str:
    result = CliRunner().invoke(deploy_commands, ["--project", "my-project", *args])
    assert result.exit_code == 0, result.output
    return result.output


def test_without_a_project_number_the_script_looks_it_up_and_the_shell_expands_it() -> None:
    script = _script()

    assert "PROJECT_NUMBER=$(gcloud projects describe my-project --format='value(projectNumber)')" in script
    assert '"--push-endpoint=https://ww-trainer-calendar-${PROJECT_NUMBER}.europe-west1.run.app"' not in script
    assert '--push-endpoint="https://ww-trainer-calendar-${PROJECT_NUMBER}.europe-west1.run.app"' in script
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail\n" in script


def test_a_given_project_number_region_and_build_source_are_used_as_given() -> None:
    script = _script("--project-number", "123456789012", "--region", "us-central1", "--build-source", ".")

    assert "gcloud projects describe" not in script
    assert "--push-endpoint=https://ww-trainer-calendar-123456789012.us-central1.run.app" in script
    assert "gcloud run deploy ww-api \\\n    --source=. \\\n    --region=us-central1" in script
    assert "--image=" not in script
    assert "--function=" not in script  # the root Dockerfile builds the image: FUNCTION_TARGET picks


def test_image_and_build_source_together_are_refused() -> None:
    result = CliRunner().invoke(deploy_commands, ["--project", "p", "--image", "i", "--build-source", "."])

    assert result.exit_code == 2
    assert "give --image or --build-source, not both" in result.output


def test_only_the_api_is_public_and_every_service_runs_its_own_account() -> None:
    deploys = [block for block in _script().split("gcloud run deploy ")[1:]]

    public = [block.split()[0] for block in deploys if "--allow-unauthenticated" in block]
    assert public == ["ww-api"]
    assert all("--no-allow-unauthenticated" in block for block in deploys if not block.startswith("ww-api "))
    accounts = {block.split()[0]: block.split("--service-account=")[1].split()[0] for block in deploys}
    assert len(set(accounts.values())) == len(deploys) == 9


def test_the_services_push_subscriptions_and_scheduler_jobs_call_accept_their_tokens_audience() -> None:
    """Cloud Run refuses (401) a token whose aud is neither the service's URL nor one of its custom
    audiences: the push and scheduler tokens carry wild-workouts-push/PROJECT."""
    script = _script()
    deploys = {block.split()[0]: block for block in script.split("gcloud run deploy ")[1:]}
    called = set(re.findall(r'--(?:push-endpoint|uri)="https://([a-z0-9-]+)-\$\{PROJECT_NUMBER\}', script))

    assert "ww-trainer-calendar" in called and "ww-outbox-sweeper" in called and "ww-saga-timeouts" in called
    assert "--push-auth-token-audience=wild-workouts-push/my-project" in script
    assert "--oidc-token-audience=wild-workouts-push/my-project" in script
    for name, block in deploys.items():
        expected = ["--add-custom-audiences=wild-workouts-push/my-project"] if name in called else []
        assert [word for word in block.split() if word.startswith("--add-custom-audiences")] == expected, name
    assert "ww-api" not in called


def test_values_are_quoted_for_the_shell_and_an_expansion_stays_expandable() -> None:
    assert shell_word("--display-name=Runtime of api") == "--display-name='Runtime of api'"
    assert shell_word('--message-filter=a = "b"') == "--message-filter='a = \"b\"'"
    assert shell_word("--member=serviceAccount:service-${PROJECT_NUMBER}@x") == (
        '--member="serviceAccount:service-${PROJECT_NUMBER}@x"'
    )
    command = ("gcloud", "pubsub", "topics", "create", "t", "--labels=a=b", "--project=p")
    assert shlex.split(shell_command(command)) == list(command)


def test_a_topology_function_without_a_target_in_main_py_is_refused() -> None:
    infra = load_infra_settings()
    without = dataclasses.replace(infra, http_targets=infra.http_targets - {"trainer_calendar"})

    with pytest.raises(PlanError, match=r"functions/main\.py has no target for trainer_calendar"):
        deployment_plan(load_topology(), without, project="p", project_number="1")


def test_firestore_is_made_as_terraform_declares_it() -> None:
    script = _script()

    assert "gcloud firestore databases create \\\n    --database='(default)' \\\n    --location=eur3" in script
    assert script.count("gcloud firestore indexes composite create") == 2
    assert "--field-config=field-path=sent,order=ascending \\\n    --field-config=field-path=created_at" in script
    assert script.count("--enable-ttl") == 2 and script.count("--disable-indexes") == 2
    assert 'databases/(default)?updateMask=concurrencyMode\' -d \'{"concurrencyMode": "OPTIMISTIC"}\'' in script
