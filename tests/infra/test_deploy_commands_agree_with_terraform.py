"""``python -m ops deploy-commands`` makes what Terraform makes: the values its plan derives
(``ops/deploy_commands/deployment_plan.py``) equal what Terraform itself evaluates for the same
project (``terraform console`` on a copy of ``infra/`` without its remote backend, with the
stand-in provider): the services and their targets, names, runtime accounts, settings, CPU
allocation, the custom audiences Cloud Run accepts, the environment every service gets and the
allowed callers, who publishes where, the push accounts and audience, each push subscription's
filter (the module's redrive clause included) and delivery settings. Resource arguments are not
known to the console before an apply, so the test evaluates their expressions as written in
``infra/*.tf`` (read with python-hcl2) with ``each.key`` / ``each.value`` / ``var.*`` bound."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from infra.offline import offline_terraform

from ops.deploy_commands.deployment_plan import DeploymentPlan, deployment_plan
from ops.deploy_commands.infra_settings import load_infra_settings
from ops.local_stack.topology import load_topology

pytestmark = pytest.mark.integration

PROJECT = "agreement-project"
INFRA = offline_terraform.INFRA_DIR


def _parsed(path: Path) -> dict[str, Any]:
    import hcl2
    from hcl2.utils import SerializationOptions

    with path.open() as handle:
        parsed: dict[str, Any] = hcl2.load(handle, serialization_options=SerializationOptions(strip_string_quotes=True))
    return parsed


def _resource_argument(path: Path, kind: str, name: str, argument: str) -> str:
    return str(next(block[kind][name][argument] for block in _parsed(path)["resource"] if kind in block))


def _container(path: Path) -> dict[str, Any]:
    """The container block of ``google_cloud_run_v2_service.function``."""
    service = next(
        block["google_cloud_run_v2_service"]["function"]
        for block in _parsed(path)["resource"]
        if "google_cloud_run_v2_service" in block
    )
    container: dict[str, Any] = service["template"][0]["containers"][0]
    return container


def _template(value: str) -> str:
    """An hcl2 string as an HCL expression: a quoted template, ``"`` and ``\\`` escaped outside ``${…}``."""
    out, depth, index = [], 0, 0
    while index < len(value):
        char = value[index]
        if depth == 0 and value.startswith("${", index):
            depth, index = 1, index + 2
            out.append("${")
            continue
        if depth > 0:
            depth += {"{": 1, "}": -1}.get(char, 0)
            out.append(char)
        else:
            out.append("\\" + char if char in '"\\' else char)
        index += 1
    return '"' + "".join(out) + '"'


def _bound(expression: str, bindings: Mapping[str, str]) -> str:
    """``expression`` with each bound name (``each.key``, ``var.name``, ``local.x``) replaced by its expression."""
    for name, value in bindings.items():
        expression = re.sub(rf"(?<![\w.]){re.escape(name)}(?![\w])", f"({value})".replace("\\", "\\\\"), expression)
    return expression


@pytest.fixture(scope="module")
def console_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    copy = tmp_path_factory.mktemp("infra")
    for path in INFRA.glob("*.tf"):
        text = path.read_text()
        (copy / path.name).write_text(text.replace('backend "gcs" {}', "") if path.name == "versions.tf" else text)
    (copy / "modules").symlink_to(INFRA / "modules")
    environment = {**offline_terraform.install_stand_in_provider(), "TF_DATA_DIR": str(copy / ".terraform")}
    fetched = offline_terraform.terraform(["get"], environment, cwd=copy)
    assert fetched.returncode == 0, fetched.stderr
    yield copy, environment


def _evaluate(console: tuple[Path, dict[str, str]], expressions: Mapping[str, str]) -> dict[str, Any]:
    directory, environment = console
    joined = ", ".join(f'"{key}" = {expression}' for key, expression in expressions.items())
    run = subprocess.run(
        ["terraform", "console", "-no-color", f"-var=project_id={PROJECT}"],
        input=f"jsonencode({{{joined}}})\n",
        cwd=directory,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    evaluated: dict[str, Any] = json.loads(json.loads(run.stdout))
    return evaluated


@pytest.fixture(scope="module")
def plan() -> DeploymentPlan:
    return deployment_plan(load_topology(), load_infra_settings(), project=PROJECT, project_number="123456789012")


def test_the_services_are_terraforms(console_dir: tuple[Path, dict[str, str]], plan: DeploymentPlan) -> None:
    name = _resource_argument(INFRA / "cloud_run.tf", "google_cloud_run_v2_service", "function", "name")
    account = _resource_argument(INFRA / "service_accounts.tf", "google_service_account", "runtime", "account_id")
    audiences = _resource_argument(
        INFRA / "cloud_run.tf", "google_cloud_run_v2_service", "function", "custom_audiences"
    )
    expressions = {
        "services": "local.services",
        "settings": "local.service_settings",
        "callers": "local.push_callers_of_service",
    }
    expressions |= {"publishers": "local.topic_publishers", "topics": "local.topics"}
    container = _container(INFRA / "cloud_run.tf")
    static_env = {str(env["name"]): str(env["value"]) for env in container.get("env", [])}
    cpu = {
        key: str(value) for key, value in container["resources"][0].items() if key in ("cpu_idle", "startup_cpu_boost")
    }
    for service in plan.services:
        each = {"each.key": f'"{service.function}"', "each.value": f'local.services["{service.function}"]'}
        expressions[f"name/{service.function}"] = _bound(_template(name), each)
        expressions[f"account/{service.function}"] = _bound(_template(account), each)
        expressions[f"custom_audiences/{service.function}"] = _bound(_template(audiences), each)
        for variable, value in static_env.items():
            expressions[f"env/{service.function}/{variable}"] = _bound(_template(value), each)
        for key, value in cpu.items():
            expressions[f"cpu/{service.function}/{key}"] = _bound(_template(value), each)

    terraform = _evaluate(console_dir, expressions)

    assert {s.function: (s.function, s.public) for s in plan.services} == {
        key: (value["target"], value["public"]) for key, value in terraform["services"].items()
    }
    for service in plan.services:
        assert service.name == terraform[f"name/{service.function}"]
        assert service.runtime_account_id == terraform[f"account/{service.function}"]
        assert list(service.custom_audiences) == (terraform[f"custom_audiences/{service.function}"] or []), (
            service.function
        )
        settings = terraform["settings"][service.function]
        assert (service.settings.request_timeout_seconds, service.settings.concurrency, service.settings.memory) == (
            settings["request_timeout_seconds"],
            settings["concurrency"],
            settings["memory"],
        )
        assert (service.settings.min_instances, service.settings.max_instances, service.settings.cpu) == (
            settings["min_instances"],
            settings["max_instances"],
            settings["cpu"],
        )
        env = dict(service.env)
        assert {variable: env.get(variable) for variable in static_env} == {
            variable: terraform[f"env/{service.function}/{variable}"] for variable in static_env
        }, service.function
        assert service.cpu == {key: terraform[f"cpu/{service.function}/{key}"] for key in cpu}
        allowed = env.get("PUSH_AUTH_ALLOWED_EMAILS", "")
        assert allowed == ",".join(terraform["callers"][service.function]), service.function
    published = {(p["service"], terraform["topics"][p["module"]]) for p in terraform["publishers"].values()}
    assert {(s.function, topic) for s in plan.services for topic in s.publishes_to} == published


def test_the_push_subscriptions_are_terraforms(console_dir: tuple[Path, dict[str, str]], plan: DeploymentPlan) -> None:
    module = next(
        block["push_consumer"] for block in _parsed(INFRA / "pubsub.tf")["module"] if "push_consumer" in block
    )
    module_locals = next(block for block in _parsed(INFRA / "modules" / "push_consumer" / "locals.tf")["locals"])
    arguments: tuple[str, ...] = ("filter", "enable_message_ordering", "oidc_audience", "ack_deadline_seconds")
    arguments += ("minimum_backoff", "maximum_backoff", "max_delivery_attempts")
    expressions = {"push_accounts": "local.push_account_email_of_consumer"}
    for subscription in plan.subscriptions:
        each = {"each.key": f'"{subscription.consumer}"', "each.value": f'local.consumers["{subscription.consumer}"]'}
        for argument in arguments:
            expressions[f"{argument}/{subscription.consumer}"] = _bound(_template(str(module[argument])), each)
        inputs = {
            "var.name": f'"{subscription.consumer}"',
            "var.filter": _bound(_template(str(module["filter"])), each),
        }
        redrive = _bound(_template(module_locals["redrive_filter"]), inputs)
        final = _bound(_template(module_locals["subscription_filter"]), {"local.redrive_filter": redrive, **inputs})
        expressions[f"subscription_filter/{subscription.consumer}"] = final
        expressions[f"push_account_id/{subscription.consumer}"] = _bound(
            _template(module_locals["push_account_id"]), inputs
        )

    terraform = _evaluate(console_dir, expressions)

    for s in plan.subscriptions:
        got = {argument: terraform[f"{argument}/{s.consumer}"] for argument in arguments}
        assert got == {
            "filter": got["filter"],  # the event-type part: checked inside the whole filter below
            "enable_message_ordering": s.ordering,
            "oidc_audience": s.audience,
            "ack_deadline_seconds": s.ack_deadline_seconds,
            "minimum_backoff": s.minimum_backoff,
            "maximum_backoff": s.maximum_backoff,
            "max_delivery_attempts": s.max_delivery_attempts,
        }, s.consumer
        assert s.filter == terraform[f"subscription_filter/{s.consumer}"], s.consumer
        assert s.push_account_id == terraform[f"push_account_id/{s.consumer}"]
        assert s.push_account_email == terraform["push_accounts"][s.consumer]
    assert {s.consumer for s in plan.subscriptions} == set(terraform["push_accounts"])
