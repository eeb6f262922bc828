"""Real `terraform fmt`, `validate` and `test` on infra/, against the stand-in Google provider."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from infra.offline import offline_terraform

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def terraform_env() -> dict[str, str]:
    return offline_terraform.setup()


def test_terraform_files_are_formatted() -> None:
    result = subprocess.run(
        ["terraform", "fmt", "-check", "-recursive", "-diff", "-no-color", "infra"],
        cwd=offline_terraform.REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_configuration_is_valid_against_the_provider_schema(terraform_env: dict[str, str]) -> None:
    result = offline_terraform.terraform(["validate"], terraform_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success! The configuration is valid" in result.stdout


def test_stand_in_provider_rejects_what_the_real_one_rejects(terraform_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'terraform {\n  required_providers {\n    google = { source = "hashicorp/google" }\n'
        "  }\n}\n"
        'resource "google_pubsub_subscription" "s" {\n  name = "s"\n  ack_deadline = 10\n}\n'
        'resource "google_cloud_run_v2_service" "r" {\n  name = "r"\n  location = "x"\n'
        "  template {\n    containers {\n      image = 1\n      imagez = 2\n    }\n  }\n}\n"
    )
    env = {**terraform_env, "TF_DATA_DIR": str(tmp_path / ".terraform")}
    result = offline_terraform.terraform(["validate"], env, cwd=tmp_path)
    assert result.returncode == 1
    errors = result.stderr
    assert 'The argument "topic" is required' in errors
    assert 'An argument named "ack_deadline" is not expected here' in errors
    assert 'An argument named "imagez" is not expected here' in errors


def test_stand_in_provider_rejects_unknown_attribute_references(terraform_env: dict[str, str], tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'terraform {\n  required_providers {\n    google = { source = "hashicorp/google" }\n'
        "  }\n}\n"
        'resource "google_pubsub_topic" "t" {\n  name = "t"\n}\n'
        'output "known" {\n  value = google_pubsub_topic.t.id\n}\n'
        'output "unknown" {\n  value = google_pubsub_topic.t.url_of_topic\n}\n'
    )
    env = {**terraform_env, "TF_DATA_DIR": str(tmp_path / ".terraform")}
    result = offline_terraform.terraform(["validate"], env, cwd=tmp_path)
    assert result.returncode == 1
    assert "Unsupported attribute" in result.stderr
    assert "url_of_topic" in result.stderr
    assert "google_pubsub_topic.t.id" not in result.stderr


def test_wiring_assertions_pass_with_a_mocked_provider(terraform_env: dict[str, str]) -> None:
    result = offline_terraform.terraform(["test"], terraform_env)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = re.search(r"Success! (\d+) passed, 0 failed", result.stdout)
    assert summary, result.stdout
    assert int(summary.group(1)) >= 6
    runs = ("per_function", "monolith", "push_subscription_is_authenticated")
    for run in (*runs, "per_function_callers_audiences", "monolith_callers_audiences"):
        assert f'run "{run}' in result.stdout
