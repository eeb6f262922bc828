"""Firestore's security rules and the runtime accounts' IAM, on the HCL: a deny-all ruleset for the
Firebase client SDKs released on the (default) database, Firestore access narrowed to that
database, the trace writer role wherever traces are exported, and an `api_url` that is the API's
root in both deployment modes."""

from __future__ import annotations

import ast
import re

import pytest

from tests.infra.entry_points import monolith_routing
from tests.infra.parsed_terraform import INFRA_DIR, blocks, expression, locals_of, resources

pytestmark = pytest.mark.unit


def rules_source() -> str:
    ruleset = resources(INFRA_DIR, "google_firebaserules_ruleset")["firestore_deny_all"]
    (source,) = ruleset["source"]
    (file,) = source["files"]
    assert file["name"] == "firestore.rules"
    body = re.sub(r"^<<-?(\w+)\n(.*)\n\s*\1$", r"\2", str(file["content"]), flags=re.DOTALL)
    return " ".join(body.split())


def allow_statements(rules: str) -> list[str]:
    return re.findall(r"allow [^;]*;", rules)


def test_the_ruleset_denies_every_client_read_and_write() -> None:
    rules = rules_source()
    assert rules.startswith("rules_version = '2'; service cloud.firestore {")
    assert "match /databases/{database}/documents { match /{document=**} {" in rules
    assert allow_statements(rules) == ["allow read, write: if false;"]  # the one rule, on every document


def test_the_rule_checks_catch_a_rule_that_lets_something_through() -> None:
    assert allow_statements(
        "match /{document=**} { allow read, write: if false; allow read: if request.auth != null; }"
    ) == [
        "allow read, write: if false;",
        "allow read: if request.auth != null;",
    ]


def test_the_ruleset_is_released_on_the_default_database_and_its_api_is_enabled() -> None:
    release = resources(INFRA_DIR, "google_firebaserules_release")["firestore"]
    assert release["name"] == "cloud.firestore"  # the provider's name for the (default) database's release
    assert (
        release["ruleset_name"]
        == "projects/${var.project_id}/rulesets/${google_firebaserules_ruleset.firestore_deny_all.name}"
    )
    assert "${google_firebaserules_ruleset.firestore_deny_all}" in release["lifecycle"][0]["replace_triggered_by"]
    apis = str(locals_of(INFRA_DIR)["apis"])
    assert "firebaserules.googleapis.com" in apis and "cloudtrace.googleapis.com" in apis


def test_every_runtime_account_whose_service_exports_traces_may_write_them() -> None:
    service = resources(INFRA_DIR, "google_cloud_run_v2_service")["function"]
    env = {e["name"]: e["value"] for e in service["template"][0]["containers"][0]["env"]}
    assert env["TRACE_EXPORTER"] == "gcp"  # every service (for_each local.services) exports
    grant = resources(INFRA_DIR, "google_project_iam_member")["runtime_trace_writer"]
    assert grant["role"] == "roles/cloudtrace.agent"
    assert expression(grant["for_each"]) == expression(service["for_each"]) == "local.services"
    assert expression(grant["member"]) == "google_service_account.runtime[each.key].member"


def test_firestore_access_is_narrowed_to_the_database_with_the_reason_for_no_further() -> None:
    grant = resources(INFRA_DIR, "google_project_iam_member")["runtime_firestore"]
    assert grant["role"] == "roles/datastore.user"
    (condition,) = grant["condition"]
    assert condition["expression"] == 'resource.name == "${local.firestore_database_resource_name}"'
    database = expression(locals_of(INFRA_DIR)["firestore_database_resource_name"])
    assert database == "projects/${var.project_id}/databases/${google_firestore_database.default.name}"
    text = (INFRA_DIR / "service_accounts.tf").read_text()
    before = text[: text.index('resource "google_project_iam_member" "runtime_firestore"')]
    assert "IAM cannot narrow it further" in before.split("\n\n")[-1]  # the reason, next to the grant


def test_api_url_is_the_apis_root_in_both_deployment_modes() -> None:
    output = str(next(o for o in blocks(INFRA_DIR, "output") if "api_url" in o)["api_url"]["value"])
    service_root = '${google_cloud_run_v2_service.function[local.service_of_function["api"]].uri}'
    assert output == service_root + '${local.path_of_function["api"]}'

    paths = expression(locals_of(INFRA_DIR)["path_of_function"])
    assert '!local.monolith ? ""' in paths  # per function: each service serves at its root
    assert 'f == "api" ? ""' in paths and '"/api"' not in paths  # the monolith: the API at its root
    monolith = monolith_routing()
    last = monolith.body[-1]
    assert isinstance(last, ast.Return)
    assert ast.unparse(last) == "return handle_api_request(request)"  # everything else is the API
    assert "/api" not in ast.unparse(monolith)
