"""The Cloud Run settings chosen from the measurements (docs/scale-and-cost.md, "Cloud Run
settings"), pinned on the HCL of infra/cloud_run.tf, each with the reason it was chosen."""

from __future__ import annotations

from typing import Any

import pytest

from tests.infra.parsed_terraform import INFRA_DIR, expression, locals_of, resources, variables

pytestmark = pytest.mark.unit


def _container() -> dict[str, Any]:
    service = resources(INFRA_DIR, "google_cloud_run_v2_service")["function"]
    template = service["template"][0]
    container: dict[str, Any] = template["containers"][0]
    return container


def _env(name: str) -> str:
    values = [entry["value"] for entry in _container()["env"] if isinstance(entry, dict) and entry.get("name") == name]
    assert len(values) == 1, name
    return expression(values[0])


def test_cpu_is_allocated_only_during_requests() -> None:
    # Request-based billing: a booking's Cloud Run time is its requests' time; instance-based
    # billing would bill idle instance time too. With `resources` set the API's default is
    # instance-based, so it must be said (cpu_idle = true).
    assert locals_of(INFRA_DIR)["cloud_run_cpu"]["cpu_idle"] is True
    assert expression(_container()["resources"][0]["cpu_idle"]) == "local.cloud_run_cpu.cpu_idle"


def test_outbox_records_are_marked_sent_inside_the_request_when_cpu_is_throttled_after_it() -> None:
    # The deferred mark-sent runs after the response; with cpu_idle the CPU is throttled then.
    cpu = locals_of(INFRA_DIR)["cloud_run_cpu"]
    assert cpu["outbox_mark_sent"] == ("inline" if cpu["cpu_idle"] else "deferred")
    assert _env("OUTBOX_MARK_SENT") == "local.cloud_run_cpu.outbox_mark_sent"


def test_startup_cpu_boost_is_on() -> None:
    # A cold start is CPU-bound and push deliveries and API calls wait for it.
    assert locals_of(INFRA_DIR)["cloud_run_cpu"]["startup_cpu_boost"] is True
    assert expression(_container()["resources"][0]["startup_cpu_boost"]) == "local.cloud_run_cpu.startup_cpu_boost"


def test_each_request_cloud_run_may_send_at_once_gets_a_server_thread() -> None:
    # Fewer gunicorn threads than the concurrency queue requests inside the instance, unseen by
    # the autoscaler (measured: API requests waiting for their saga starved the pushes that
    # would settle them).
    assert _env("THREADS") == "tostring(local.service_settings[each.key].concurrency)"
    template = resources(INFRA_DIR, "google_cloud_run_v2_service")["function"]["template"][0]
    assert expression(template["max_instance_request_concurrency"]) == "local.service_settings[each.key].concurrency"


def test_memory_and_cpu_stay_what_the_measurements_fit() -> None:
    # Measured RSS of a served consumer is far under 512 MiB (soak); one vCPU per instance.
    defaults = variables(INFRA_DIR)["service_defaults"]["default"]
    assert defaults["memory"] == "512Mi"
    assert defaults["cpu"] == "1"
    assert expression(_container()["resources"][0]["limits"]["memory"]) == "local.service_settings[each.key].memory"
