"""What a deployment takes from the app, not from the kit: Wild Workouts' own rules
(``infra/*.tf``), or those of another app built on the kit (a topology file and a folder with its
``main.py``, e.g. ``examples/hello``).

For another app, ``python -m ops deploy-commands --topology T --source DIR`` keeps what
Terraform's rules give every kit service (the runtime IAM, the kit's environment, the service
settings, the delivery and dead-letter policies, the Firestore database with the kit's TTL
fields and the outbox sweeper's composite index, the outbox sweeper's scheduler job when the
topology names ``outbox_sweeper``) and leaves out what is Wild Workouts' own: the web app's
Firebase settings, the saga's timeout and its scheduler job, the composite indexes of its own
collections, the labels, the service name prefix, the Firebase rules API. Its tokens' audience
is each service's own URL (what Pub/Sub uses when none is set, and what Cloud Run's IAM check
accepts); its HTTP functions publish to every topic of the topology, a consumer to its module's
topic when its function name starts with the module, else to every topic (a topology does not
say who emits what).
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ops.deploy_commands.infra_settings import InfraSettings, main_http_targets
from ops.local_stack.topology import REPO_ROOT, TOPOLOGY_FILE, Topology

WILD_WORKOUTS_HTTP_PUBLISHES: dict[str, tuple[str, ...]] = {
    "api": (),
    "outbox_sweeper": (),
    "saga_timeouts": ("trainings",),
}
"""``publishers.tf``'s ``function_publishes`` of the HTTP functions (``()``: every module's topic)."""
_KIT_SCHEDULED_FUNCTIONS = ("outbox_sweeper",)
_KIT_COLLECTIONS = ("outbox", "processed_events")
"""The collections the kit writes itself (its indexes and TTL fields are every app's)."""
_WILD_WORKOUTS_ONLY_APIS = ("firebaserules.googleapis.com",)


@dataclass(frozen=True)
class AppRules:
    """The app-specific part of a deployment plan."""

    title: str
    """Whose deployment it is, for the script's header."""
    topology_file: str
    main_py: str
    """Where the topology and the targets were read (as the user named them)."""
    fixed_audience: str | None
    """The audience of every push and scheduler token (``{project}`` is replaced), or None: each
    service's own URL."""
    http_function_publishes: dict[str, tuple[str, ...]] | None
    """Which module topics each HTTP function publishes to (``()``: all); None: every HTTP
    function publishes to every topic."""
    api_environment: bool
    """The ``api`` service gets the web app's Firebase settings and the saga's timeout."""
    firestore_condition_title: str
    firestore_condition_description: str

    @property
    def wild_workouts(self) -> bool:
        return self.http_function_publishes is not None


WILD_WORKOUTS = AppRules(
    title="Wild Workouts",
    topology_file="infra/topology.tf",
    main_py="functions/main.py",
    fixed_audience="wild-workouts-push/{project}",
    http_function_publishes=WILD_WORKOUTS_HTTP_PUBLISHES,
    api_environment=True,
    firestore_condition_title="only-the-wild-workouts-database",
    firestore_condition_description="Firestore access limited to the database this configuration manages.",
)


def is_wild_workouts(topology_file: Path, source: Path) -> bool:
    return topology_file.resolve() == TOPOLOGY_FILE and source.resolve() == REPO_ROOT / "functions"


def other_app(topology_file: Path, source: Path) -> AppRules:
    return AppRules(
        title=f"The app in {source}",
        topology_file=str(topology_file),
        main_py=str(source / "main.py"),
        fixed_audience=None,
        http_function_publishes=None,
        api_environment=False,
        firestore_condition_title="only-the-app-database",
        firestore_condition_description="Firestore access limited to the database of this app.",
    )


def other_app_infra_settings(infra: InfraSettings, topology: Topology, main_py: Path) -> InfraSettings:
    """Terraform's rules for every kit service, without what is Wild Workouts' own (module docstring)."""
    return dataclasses.replace(
        infra,
        service_name_prefix="",
        labels={},
        apis=tuple(api for api in infra.apis if api not in _WILD_WORKOUTS_ONLY_APIS),
        read_model_functions=(),
        scheduler_jobs=tuple(
            job
            for job in infra.scheduler_jobs
            if job.function in _KIT_SCHEDULED_FUNCTIONS and job.function in topology.http_functions
        ),
        http_targets=frozenset(main_http_targets(main_py) | decorated_http_targets(main_py)),
        firestore=dataclasses.replace(
            infra.firestore,
            indexes=tuple(index for index in infra.firestore.indexes if index.collection in _KIT_COLLECTIONS),
            ttl_fields={c: f for c, f in infra.firestore.ttl_fields.items() if c in _KIT_COLLECTIONS},
        ),
    )


def decorated_http_targets(main_py: Path) -> set[str]:
    """The top-level functions ``main.py`` decorates with ``@functions_framework.http``."""
    return {
        node.name
        for node in ast.parse(main_py.read_text()).body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(decorator, ast.Attribute)
            and decorator.attr == "http"
            and isinstance(decorator.value, ast.Name)
            and decorator.value.id == "functions_framework"
            for decorator in node.decorator_list
        )
    }
