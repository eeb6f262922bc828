"""Project rules for every push subscription (items 3-4 of the infra issue), on the HCL."""

from __future__ import annotations

import pytest

from tests.infra.parsed_terraform import (
    INFRA_DIR,
    MODULE_DIR,
    expression,
    locals_of,
    resources,
    topology,
    variables,
)

pytestmark = pytest.mark.unit

PUBSUB_AGENT = "serviceAccount:service-${var.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"


def _push_subscription() -> dict[str, object]:
    return resources(MODULE_DIR, "google_pubsub_subscription")["push"]


def test_push_subscription_authenticates_with_the_push_account_oidc_token() -> None:
    push_config = _push_subscription()["push_config"][0]  # type: ignore[index]
    token = push_config["oidc_token"][0]
    assert expression(token["service_account_email"]) == "google_service_account.push.email"
    audience = expression(token["audience"])
    assert "var.oidc_audience" in audience and "var.push_endpoint" in audience  # configured, else the endpoint


def test_push_subscription_retries_with_backoff_from_the_delivery_settings() -> None:
    retry = _push_subscription()["retry_policy"][0]  # type: ignore[index]
    assert expression(retry["minimum_backoff"]) == "var.minimum_backoff"
    assert expression(retry["maximum_backoff"]) == "var.maximum_backoff"


def test_push_subscription_dead_letters_to_its_own_topic() -> None:
    policy = _push_subscription()["dead_letter_policy"][0]  # type: ignore[index]
    assert expression(policy["dead_letter_topic"]) == "google_pubsub_topic.dead_letter.id"
    assert expression(policy["max_delivery_attempts"]) == "var.max_delivery_attempts"


def test_max_delivery_attempts_are_validated_between_5_and_100() -> None:
    validation = variables(MODULE_DIR)["max_delivery_attempts"]["validation"][0]
    condition = expression(validation["condition"])
    assert "var.max_delivery_attempts >= 5" in condition
    assert "var.max_delivery_attempts <= 100" in condition


def test_every_consumer_asks_for_5_to_100_delivery_attempts() -> None:
    topo = topology()
    default = topo["delivery_defaults"]["max_delivery_attempts"]
    for name, consumer in topo["consumers"].items():
        attempts = consumer.get("max_delivery_attempts", default)
        assert 5 <= attempts <= 100, name


def test_subscriptions_never_expire() -> None:
    for name, subscription in resources(MODULE_DIR, "google_pubsub_subscription").items():
        assert subscription["expiration_policy"][0]["ttl"] == "", name


def test_ordering_and_filter_come_from_the_topology() -> None:
    subscription = _push_subscription()
    assert expression(subscription["enable_message_ordering"]) == "var.enable_message_ordering"
    assert expression(subscription["filter"]) == "local.subscription_filter"
    module = next(iter(b["push_consumer"] for b in _module_blocks()))
    assert expression(module["enable_message_ordering"]) == "each.value.ordering"
    assert expression(module["filter"]) == "local.consumer_filter[each.key]"
    assert expression(module["for_each"]) == "local.consumers"


def _module_blocks() -> list[dict[str, dict[str, object]]]:
    from tests.infra.parsed_terraform import blocks

    return list(blocks(INFRA_DIR, "module"))


def test_ack_deadline_is_checked_against_the_service_request_timeout() -> None:
    precondition = _push_subscription()["lifecycle"][0]["precondition"][0]  # type: ignore[index]
    assert (
        expression(precondition["condition"])
        == "var.ack_deadline_seconds >= var.target_service.request_timeout_seconds"
    )


def test_default_request_timeout_fits_every_consumer_ack_deadline() -> None:
    topo = topology()
    timeout = variables(INFRA_DIR)["service_defaults"]["default"]["request_timeout_seconds"]
    default = topo["delivery_defaults"]["ack_deadline_seconds"]
    for name, consumer in topo["consumers"].items():
        assert consumer.get("ack_deadline_seconds", default) >= timeout, name


def test_dead_letter_topic_has_a_seven_day_pull_subscription() -> None:
    topic = resources(MODULE_DIR, "google_pubsub_topic")["dead_letter"]
    subscription = resources(MODULE_DIR, "google_pubsub_subscription")["dead_letter"]
    assert topic["name"] == "${var.name}-dead-letter"
    assert subscription["name"] == "${var.name}-dead-letter-sub"
    assert expression(subscription["topic"]) == "google_pubsub_topic.dead_letter.id"
    assert "push_config" not in subscription
    assert variables(MODULE_DIR)["dead_letter_retention"]["default"] == "604800s"
    assert expression(subscription["message_retention_duration"]) == "var.dead_letter_retention"


def test_pubsub_service_agent_can_dead_letter() -> None:
    assert locals_of(MODULE_DIR)["pubsub_service_agent"] == PUBSUB_AGENT
    publisher = resources(MODULE_DIR, "google_pubsub_topic_iam_member")["agent_publishes_dead_letters"]
    assert publisher["role"] == "roles/pubsub.publisher"
    assert expression(publisher["member"]) == "local.pubsub_service_agent"
    assert expression(publisher["topic"]) == "google_pubsub_topic.dead_letter.name"
    subscriber = resources(MODULE_DIR, "google_pubsub_subscription_iam_member")["agent_subscribes_source"]
    assert subscriber["role"] == "roles/pubsub.subscriber"
    assert expression(subscriber["member"]) == "local.pubsub_service_agent"
    assert expression(subscriber["subscription"]) == "google_pubsub_subscription.push.name"


def test_consumer_runtime_may_park_on_its_own_dead_letter_topic() -> None:
    parks = resources(MODULE_DIR, "google_pubsub_topic_iam_member")["runtime_parks_messages"]
    assert parks["role"] == "roles/pubsub.publisher"
    assert expression(parks["topic"]) == "google_pubsub_topic.dead_letter.name"
    assert parks["member"] == "serviceAccount:${var.runtime_service_account_email}"


def test_push_account_invokes_only_its_target_service() -> None:
    invoker = resources(MODULE_DIR, "google_cloud_run_v2_service_iam_member")["push_invoker"]
    assert invoker["role"] == "roles/run.invoker"
    assert expression(invoker["name"]) == "var.target_service.name"
    assert expression(invoker["member"]) == "google_service_account.push.member"
    assert "for_each" not in invoker
