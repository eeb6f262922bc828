"""What Terraform decides besides the topology, read from ``infra/*.tf`` (python-hcl2): the
variables' defaults, the APIs, the delivery defaults, which functions are read models, the
scheduler jobs' accounts, the Firestore database, indexes and TTL fields, and the function
targets ``functions/main.py`` defines.

Read, not copied, so ``python -m ops deploy-commands`` prints what ``terraform apply`` would make
with the same defaults; ``tests/infra/test_deploy_commands_agree_with_terraform.py`` compares the
derived values with what Terraform itself evaluates.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ops.local_stack.topology import REPO_ROOT

INFRA_DIR = REPO_ROOT / "infra"
MAIN_PY = REPO_ROOT / "functions" / "main.py"
_ENTRY_POINT_MAKERS = {"_entry_point", "_push_entry_point"}


@dataclass(frozen=True)
class ServiceDefaults:
    """``var.service_defaults``: every Cloud Run service's settings."""

    request_timeout_seconds: int
    concurrency: int
    min_instances: int
    max_instances: int
    memory: str
    cpu: str


@dataclass(frozen=True)
class SchedulerJob:
    """A Cloud Scheduler job calling one HTTP function with OIDC (``scheduler.tf``)."""

    name: str
    function: str
    account_id: str
    account_display_name: str
    description: str
    schedule: str


@dataclass(frozen=True)
class FirestoreIndex:
    """A composite index (``firestore.tf``): the collection and its (field, order) pairs in order."""

    collection: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class FirestoreDatabase:
    """``google_firestore_database.default`` with its indexes and TTL fields (collection -> field)."""

    name: str
    location: str
    type: str
    concurrency_mode: str
    indexes: tuple[FirestoreIndex, ...]
    ttl_fields: dict[str, str]


@dataclass(frozen=True)
class InfraSettings:
    region: str
    service_name_prefix: str
    artifact_repository: str
    service_defaults: ServiceDefaults
    labels: dict[str, str]
    saga_timeout_seconds: int
    apis: tuple[str, ...]
    ack_deadline_seconds: int
    """``local.delivery_defaults.ack_deadline_seconds``: every service's ``ACK_DEADLINE_SECONDS``."""
    read_model_functions: tuple[str, ...]
    """Consumers that publish nothing (``publishers.tf``)."""
    scheduler_jobs: tuple[SchedulerJob, ...]
    http_targets: frozenset[str]
    """The HTTP targets ``functions/main.py`` defines (each a ``FUNCTION_TARGET``)."""
    firestore: FirestoreDatabase
    cloud_run_env_names: tuple[str, ...]
    """The variables ``cloud_run.tf`` sets on every service (its static ``env`` blocks)."""
    cloud_run_cpu: dict[str, Any]
    """``local.cloud_run_cpu`` (``cpu_idle``, ``startup_cpu_boost``, ``outbox_mark_sent``), if set."""


def load_infra_settings(infra_dir: Path = INFRA_DIR, main_py: Path = MAIN_PY) -> InfraSettings:
    variables = _variable_defaults(_parsed(infra_dir / "variables.tf"))
    local_values = _locals(infra_dir)
    defaults = variables["service_defaults"]
    return InfraSettings(
        region=str(variables["region"]),
        service_name_prefix=str(variables["service_name_prefix"]),
        artifact_repository=str(variables["artifact_repository"]),
        service_defaults=ServiceDefaults(
            request_timeout_seconds=int(defaults["request_timeout_seconds"]),
            concurrency=int(defaults["concurrency"]),
            min_instances=int(defaults["min_instances"]),
            max_instances=int(defaults["max_instances"]),
            memory=str(defaults["memory"]),
            cpu=str(defaults["cpu"]),
        ),
        labels={str(key): str(value) for key, value in variables["labels"].items()},
        saga_timeout_seconds=int(variables["saga_timeout_seconds"]),
        apis=tuple(sorted(re.findall(r'"([a-z0-9.-]+\.googleapis\.com)"', str(local_values["apis"])))),
        ack_deadline_seconds=int(local_values["delivery_defaults"]["ack_deadline_seconds"]),
        read_model_functions=tuple(str(name) for name in local_values["read_model_functions"]),
        scheduler_jobs=_scheduler_jobs(_parsed(infra_dir / "scheduler.tf"), variables),
        http_targets=frozenset(main_http_targets(main_py)),
        firestore=_firestore(_parsed(infra_dir / "firestore.tf"), variables, local_values),
        cloud_run_env_names=_static_env_names(_parsed(infra_dir / "cloud_run.tf")),
        cloud_run_cpu=dict(local_values.get("cloud_run_cpu", {})),
    )


def _parsed(path: Path) -> dict[str, Any]:
    import hcl2
    from hcl2.utils import SerializationOptions

    with path.open() as handle:
        parsed: dict[str, Any] = hcl2.load(handle, serialization_options=SerializationOptions(strip_string_quotes=True))
    return parsed


def _variable_defaults(parsed: dict[str, Any]) -> dict[str, Any]:
    return {name: spec.get("default") for block in parsed.get("variable", []) for name, spec in block.items()}


def _locals(infra_dir: Path) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for path in sorted(infra_dir.glob("*.tf")):
        for block in _parsed(path).get("locals", []):
            merged.update(block)
    return merged


def _scheduler_jobs(parsed: dict[str, Any], variables: dict[str, Any]) -> tuple[SchedulerJob, ...]:
    """Each ``google_cloud_scheduler_job``: its name, the function its URI names, its account."""
    resources = {
        (kind, name): spec
        for block in parsed.get("resource", [])
        for kind, named in block.items()
        for name, spec in named.items()
    }
    jobs = []
    for (kind, _), spec in resources.items():
        if kind != "google_cloud_scheduler_job":
            continue
        uri = str(spec["http_target"][0]["uri"])
        function = re.search(r'service_of_function\["([a-z_]+)"\]', _locals_text(uri, parsed))
        account = re.search(r"google_service_account\.([a-z_]+)\.email", str(spec["http_target"][0]["oidc_token"]))
        schedule = re.search(r"var\.([a-z_]+)", str(spec["schedule"]))
        if function is None or account is None or schedule is None:
            raise ValueError(f"scheduler.tf: cannot read the job {spec.get('name')!r}")
        account_spec = resources[("google_service_account", account.group(1))]
        jobs.append(
            SchedulerJob(
                name=str(spec["name"]),
                function=function.group(1),
                account_id=str(account_spec["account_id"]),
                account_display_name=str(account_spec["display_name"]),
                description=str(spec["description"]),
                schedule=str(variables[schedule.group(1)]),
            )
        )
    return tuple(sorted(jobs, key=lambda job: job.name))


def _firestore(parsed: dict[str, Any], variables: dict[str, Any], local_values: dict[str, Any]) -> FirestoreDatabase:
    resources = [
        (kind, spec) for block in parsed["resource"] for kind, named in block.items() for spec in named.values()
    ]
    database = next(spec for kind, spec in resources if kind == "google_firestore_database")
    location = re.fullmatch(r"\$\{var\.([a-z_]+)\}", str(database["location_id"]))
    return FirestoreDatabase(
        name=str(database["name"]),
        location=str(variables[location.group(1)]) if location else str(database["location_id"]),
        type=str(database["type"]),
        concurrency_mode=str(database.get("concurrency_mode", "")),
        indexes=tuple(
            FirestoreIndex(
                collection=str(spec["collection"]),
                fields=tuple((str(field["field_path"]), str(field["order"])) for field in spec["fields"]),
            )
            for kind, spec in resources
            if kind == "google_firestore_index"
        ),
        ttl_fields={str(collection): str(field) for collection, field in local_values["ttl_fields"].items()},
    )


def _static_env_names(parsed: dict[str, Any]) -> tuple[str, ...]:
    service = next(
        block["google_cloud_run_v2_service"]["function"]
        for block in parsed["resource"]
        if "google_cloud_run_v2_service" in block
    )
    return tuple(str(env["name"]) for env in service["template"][0]["containers"][0].get("env", []))


def _locals_text(expression: str, parsed: dict[str, Any]) -> str:
    """``expression`` with each ``local.X`` it names replaced by X's own expression (one level)."""
    values = {name: str(value) for block in parsed.get("locals", []) for name, value in block.items()}
    return re.sub(r"local\.([a-z_]+)", lambda found: values.get(found.group(1), found.group(0)), expression)


def main_http_targets(main_py: Path = MAIN_PY) -> set[str]:
    """The names ``main.py``'s table binds to an HTTP entry point (``name = _entry_point(...)``)."""
    return {
        target.id
        for node in ast.parse(main_py.read_text()).body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id in _ENTRY_POINT_MAKERS
        for target in node.targets
        if isinstance(target, ast.Name)
    }
