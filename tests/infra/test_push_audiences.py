"""Cloud Run lets an ID token through to a private service only if its ``aud`` is the service's
``run.app`` URL or one of the service's custom audiences
(https://cloud.google.com/run/docs/configuring/custom-audiences); other tokens are refused with
401 before the kit's own check runs. So every service a push subscription or a scheduler job
calls lists, among its ``custom_audiences``, the audience those tokens carry.

Checked here on the parsed HCL, both sides read from ``infra/*.tf``: the callers (each
``push_consumer`` module call and each ``google_cloud_scheduler_job``), the audience their tokens
carry and the Cloud Run service resource they call, against that resource's ``custom_audiences``.
``infra/tests/push_audiences.tftest.hcl`` checks the evaluated values in both deployment modes
(run by ``test_terraform_offline``'s ``terraform test``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.infra.parsed_terraform import INFRA_DIR, blocks, expression, locals_of, resources

pytestmark = pytest.mark.unit

_SERVICE_RESOURCE = re.compile(r"google_cloud_run_v2_service\.(\w+)\[")
_LOCAL = re.compile(r"^local\.(\w+)$")
_AUDIENCES = re.compile(r"^(?:(?P<condition>.+?) \? )?\[(?P<items>[^\]]*)\](?: : null)?$")
_HAS_CALLERS = "length(local.push_callers_of_service[each.key]) > 0"


@dataclass(frozen=True)
class Caller:
    name: str
    audience: str
    """The expression of the audience its tokens carry."""
    service_resource: str
    """The ``google_cloud_run_v2_service`` resource it calls."""
    target: str
    """The expression naming the service it calls (its URL or name)."""


def _resolved(value: str) -> str:
    """``value``, or the expression of the local it names."""
    found = _LOCAL.match(value)
    return expression(locals_of(INFRA_DIR)[found.group(1)]) if found else value


def _service_resource(target: str) -> str:
    found = _SERVICE_RESOURCE.search(target)
    assert found, f"{target!r} names no Cloud Run v2 service"
    return found.group(1)


def _callers() -> list[Caller]:
    callers = []
    for block in blocks(INFRA_DIR, "module"):
        for name, body in block.items():
            if body["source"] == "./modules/push_consumer":
                target = expression(body["target_service"]["name"])
                audience = expression(body.get("oidc_audience", body["push_endpoint"]))
                callers.append(Caller(f"module.{name}", audience, _service_resource(target), target))
    for name, job in resources(INFRA_DIR, "google_cloud_scheduler_job").items():
        http = job["http_target"][0]
        target = _resolved(expression(http["uri"]))
        audience = expression(http["oidc_token"][0]["audience"])
        callers.append(Caller(f"google_cloud_scheduler_job.{name}", audience, _service_resource(target), target))
    return callers


def _custom_audiences(service_resource: str) -> tuple[str | None, list[str]]:
    """The condition under which the resource lists custom audiences (None: always), and them."""
    body = resources(INFRA_DIR, "google_cloud_run_v2_service")[service_resource]
    assert "custom_audiences" in body, f"google_cloud_run_v2_service.{service_resource} lists no custom audiences"
    found = _AUDIENCES.match(expression(body["custom_audiences"]))
    assert found, f"custom_audiences of {service_resource} is not a list (or `condition ? [list] : null`)"
    items = [expression(item.strip()) for item in found.group("items").split(",") if item.strip()]
    return found.group("condition"), items


def test_every_push_subscription_and_scheduler_job_is_found() -> None:
    names = {caller.name for caller in _callers()}
    assert "module.push_consumer" in names
    assert {f"google_cloud_scheduler_job.{job}" for job in resources(INFRA_DIR, "google_cloud_scheduler_job")} <= names
    assert len(names) >= 3


@pytest.mark.parametrize("caller", _callers(), ids=lambda caller: caller.name)
def test_the_service_a_caller_calls_lists_its_tokens_audience(caller: Caller) -> None:
    if _resolved(caller.audience) == caller.target:
        pytest.skip(f"{caller.name}'s audience is the URL it calls: Cloud Run accepts it without a custom audience")
    condition, audiences = _custom_audiences(caller.service_resource)
    assert caller.audience in audiences, (
        f"{caller.name} signs its tokens for {caller.audience}, which google_cloud_run_v2_service."
        f"{caller.service_resource} does not list in custom_audiences: Cloud Run would refuse every call with 401"
    )
    if condition is not None:
        assert condition == _HAS_CALLERS, f"custom_audiences of {caller.service_resource} depend on {condition!r}"


def test_a_service_with_callers_is_one_the_callers_map_counts() -> None:
    """Where the audience is listed only on services with callers, ``local.push_callers_of_service``
    counts every consumer's service and every scheduled function's."""
    callers = expression(locals_of(INFRA_DIR)["push_callers_of_service"])
    assert "for c, spec in local.consumers" in callers and "local.service_of_function[spec.function] == s" in callers
    for job in resources(INFRA_DIR, "google_cloud_scheduler_job").values():
        uri = _resolved(expression(job["http_target"][0]["uri"]))
        function = re.search(r'service_of_function\["(\w+)"\]', uri)
        assert function, uri
        assert f'local.service_of_function["{function.group(1)}"] == s ?' in callers, function.group(1)
