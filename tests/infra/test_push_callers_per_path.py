"""Per-path allowed callers: in the monolith the path decides which list of accounts may call it.

Terraform (``infra/tests/push_callers.tftest.hcl``, run here with the real ``terraform test``)
gives the monolith one ``PUSH_AUTH_ALLOWED_EMAILS_<FUNCTION>`` per consumer and per trigger,
each holding the one account that path's subscription or scheduler job signs as, and no list
shared by every path; a per-function service keeps its one ``PUSH_AUTH_ALLOWED_EMAILS``. The
checks below tie that to the code (the variable the kit reads for each consumer and trigger) and
to the push module (the account Terraform names is the one the subscription signs as).
"""

from __future__ import annotations

import pytest
from infra.offline import offline_terraform

from ops.local_stack.topology import load_topology
from pipeline_kit.auth.auth_settings import allowed_emails_variable
from tests.infra.parsed_terraform import INFRA_DIR, MODULE_DIR, expression, locals_of, resources, topology
from wild_workouts.bootstrap import CONSUMERS
from wild_workouts.http.scheduled_trigger import TRIGGERS

pytestmark = pytest.mark.integration

TEST_FILE = "tests/push_callers.tftest.hcl"


def test_terraform_gives_the_monolith_one_list_per_path_and_each_service_its_own() -> None:
    env = offline_terraform.setup()

    result = offline_terraform.terraform(["test", f"-filter={TEST_FILE}"], env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success! 2 passed, 0 failed" in result.stdout
    for run in ("monolith_one_list_per_path", "per_function_one_list_each"):
        assert f'run "{run}"... pass' in result.stdout


def test_the_kit_reads_for_each_consumer_the_variable_terraform_sets() -> None:
    consumers = load_topology().consumers

    assert {c.name for c in consumers} == {c.name for c in CONSUMERS}
    for consumer in consumers:
        assert allowed_emails_variable(consumer.name) == f"PUSH_AUTH_ALLOWED_EMAILS_{consumer.function.upper()}"


def test_the_triggers_the_code_scopes_are_terraforms_private_http_functions() -> None:
    http_functions = topology()["http_functions"]
    private = {name for name, spec in http_functions.items() if not spec["public"]}

    assert set(TRIGGERS) == private
    assert {allowed_emails_variable(t) for t in TRIGGERS} == {
        "PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER",
        "PUSH_AUTH_ALLOWED_EMAILS_SAGA_TIMEOUTS",
    }


def test_the_account_named_for_a_consumer_is_the_one_its_subscription_signs_as() -> None:
    """The monolith's lists (cloud_run.tf) and the per-function ones take the push account's email
    from ``local.push_account_email_of_consumer``: ``substr("push-<consumer>", 0, 30)@<project>``,
    the module's account."""
    assert expression(locals_of(MODULE_DIR)["push_account_id"]) == 'substr("push-${var.name}", 0, 30)'
    assert expression(resources(MODULE_DIR, "google_service_account")["push"]["account_id"]) == "local.push_account_id"
    oidc = resources(MODULE_DIR, "google_pubsub_subscription")["push"]["push_config"][0]["oidc_token"][0]
    assert expression(oidc["service_account_email"]) == "google_service_account.push.email"
    plan = locals_of(INFRA_DIR)["push_account_email_of_consumer"]
    assert '"${substr("push-${c}", 0, 30)}@${var.project_id}.iam.gserviceaccount.com"' in expression(plan)
    cloud_run = (INFRA_DIR / "cloud_run.tf").read_text()
    assert "local.push_account_email_of_consumer[c]" in cloud_run
    assert "iam.gserviceaccount.com" not in cloud_run.split("PUSH_AUTH_ALLOWED_EMAILS_", 1)[1].split("}", 1)[0]
