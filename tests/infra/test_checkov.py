"""checkov (own virtualenv, offline) with the project's custom policies in infra/offline/checkov."""

from __future__ import annotations

from pathlib import Path

import pytest
from infra.offline import offline_terraform

from tests.infra.offline_tools import CUSTOM_POLICIES, run_checkov

pytestmark = pytest.mark.integration

FIXTURES = Path(__file__).parent / "fixtures"
CUSTOM_IDS = {f"CKV2_WW_{n}" for n in range(1, 7)}


@pytest.fixture(scope="module")
def infra_report() -> dict[str, object]:
    return run_checkov(offline_terraform.INFRA_DIR)


def test_every_custom_policy_file_is_known() -> None:
    ids = {
        line.split('"')[1]
        for path in CUSTOM_POLICIES.glob("*.yaml")
        for line in path.read_text().splitlines()
        if line.strip().startswith("id:")
    }
    assert ids == CUSTOM_IDS


def test_infra_passes_every_check(infra_report: dict[str, object]) -> None:
    results = infra_report["results"]
    failed = [(c["check_id"], c["resource"]) for c in results["failed_checks"]]  # type: ignore[index]
    assert failed == []
    assert infra_report["summary"]["parsing_errors"] == 0  # type: ignore[index]


def test_custom_policies_ran_on_infra(infra_report: dict[str, object]) -> None:
    results = infra_report["results"]
    evaluated = {
        c["check_id"]
        for c in results["passed_checks"] + results["skipped_checks"]  # type: ignore[index]
    }
    assert evaluated >= CUSTOM_IDS


def test_every_skipped_check_has_a_written_reason(infra_report: dict[str, object]) -> None:
    skipped = infra_report["results"]["skipped_checks"]  # type: ignore[index]
    assert skipped, "the known skips (CMEK, the public API) are expected to be reported"
    for check in skipped:
        reason = (check.get("check_result", {}).get("suppress_comment") or "").strip()
        assert len(reason) > 20, (check["check_id"], check["resource"])


def test_custom_policies_catch_violations() -> None:
    report = run_checkov(FIXTURES / "policy_violations")
    failed = {(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]}
    assert {check for check, _ in failed} >= CUSTOM_IDS
    assert ("CKV2_WW_3", "google_pubsub_subscription.too_patient") in failed
    assert ("CKV2_WW_5", "google_pubsub_topic.orphan") in failed
    assert ("CKV2_WW_5", "google_pubsub_topic.source") not in failed
    assert ("CKV2_WW_6", "google_cloud_run_v2_service_iam_member.open_push_service") in failed
