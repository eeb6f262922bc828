"""The saga timeouts in Terraform: the scheduler job calls them with OIDC under their own account,
that account may invoke their service only, and an alert fires on the line the code writes for
every timeout."""

from __future__ import annotations

import pytest

from tests.infra.parsed_terraform import INFRA_DIR, expression, locals_of, resources, variables
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT, MAX_SAGA_TIMEOUT, MIN_SAGA_TIMEOUT
from wild_workouts.trainings.entrypoints.saga_timeouts_trigger import SAGA_TIMED_OUT_OUTCOME

pytestmark = pytest.mark.unit


def test_the_scheduler_job_posts_with_an_oidc_token_of_its_own_account() -> None:
    job = resources(INFRA_DIR, "google_cloud_scheduler_job")["saga_timeouts"]
    target = job["http_target"][0]
    token = target["oidc_token"][0]
    assert target["http_method"] == "POST"
    assert expression(target["uri"]) == "local.saga_timeouts_url"
    assert expression(token["service_account_email"]) == "google_service_account.saga_timeout_scheduler.email"
    assert expression(token["audience"]) == "local.push_audience"
    assert job["retry_config"][0]["retry_count"] == 0
    url = expression(locals_of(INFRA_DIR)["saga_timeouts_url"])
    assert 'service_of_function["saga_timeouts"]' in url and 'path_of_function["saga_timeouts"]' in url


def test_the_saga_scheduler_account_is_not_the_outbox_sweepers_and_invokes_only_its_service() -> None:
    accounts = resources(INFRA_DIR, "google_service_account")
    assert accounts["saga_timeout_scheduler"]["account_id"] != accounts["scheduler"]["account_id"]
    invokers = resources(INFRA_DIR, "google_cloud_run_v2_service_iam_member")
    mine = [name for name, body in invokers.items() if "saga_timeout_scheduler" in str(body.get("member"))]
    assert mine == ["saga_timeout_invoker"]
    invoker = invokers["saga_timeout_invoker"]
    assert invoker["role"] == "roles/run.invoker"
    assert 'service_of_function["saga_timeouts"]' in expression(invoker["name"])
    callers = expression(locals_of(INFRA_DIR)["push_callers_of_service"])
    assert 'service_of_function["saga_timeouts"] == s ? ["saga-timeout-scheduler@' in callers


def test_the_saga_timeouts_publish_only_to_the_trainings_topic() -> None:
    publishes = expression(locals_of(INFRA_DIR)["function_publishes"])
    assert 'saga_timeouts = ["trainings"]' in publishes


def test_the_metric_counts_the_line_the_code_writes_per_timeout() -> None:
    metric = resources(INFRA_DIR, "google_logging_metric")["saga_timeouts"]
    assert f'jsonPayload.outcome = "{SAGA_TIMED_OUT_OUTCOME}"' in metric["filter"]
    assert metric["label_extractors"] == {"missing": "EXTRACT(jsonPayload.missing)"}
    descriptor = metric["metric_descriptor"][0]
    assert (descriptor["metric_kind"], descriptor["value_type"]) == ("DELTA", "INT64")


def test_the_alert_fires_on_any_timeout_and_notifies() -> None:
    policy = resources(INFRA_DIR, "google_monitoring_alert_policy")["saga_timed_out"]
    condition = policy["conditions"][0]["condition_threshold"][0]
    assert "logging.googleapis.com/user/${google_logging_metric.saga_timeouts.name}" in condition["filter"]
    assert (condition["comparison"], condition["threshold_value"], condition["duration"]) == ("COMPARISON_GT", 0, "0s")
    assert condition["aggregations"][0]["per_series_aligner"] == "ALIGN_SUM"
    assert expression(policy["notification_channels"]) == "var.alert_notification_channels"
    assert "ops sagas" in policy["documentation"][0]["content"]


def test_the_timeout_variable_agrees_with_the_code() -> None:
    variable = variables(INFRA_DIR)["saga_timeout_seconds"]
    assert variable["default"] == DEFAULT_SAGA_TIMEOUT.total_seconds()
    condition = expression(variable["validation"][0]["condition"])
    assert f">= {MIN_SAGA_TIMEOUT.total_seconds():g}" in condition
    assert f"<= {MAX_SAGA_TIMEOUT.total_seconds():g}" in condition
