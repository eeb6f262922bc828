"""What a per-function deployment consists of, derived from the topology (``infra/topology.tf``)
and Terraform's other rules (``infra_settings``) the way ``infra/*.tf`` derives them: the names,
accounts, environment, filters, delivery settings and IAM bindings Terraform gives each service,
push subscription and scheduler job (``deployment_mode = "per_function"``).

The project number is known only to Google: where Terraform reads ``data.google_project``, the
plan holds ``project_number`` as given (a number, or a shell expansion such as
``${PROJECT_NUMBER}``). Push endpoints are the services' deterministic URLs
(``https://SERVICE-PROJECT_NUMBER.REGION.run.app``), which Cloud Run serves next to the URL it
reports, so nothing waits for a deploy to finish.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ops.cli_support.operator_error import OperatorError
from ops.deploy_commands.app_rules import WILD_WORKOUTS, AppRules
from ops.deploy_commands.infra_settings import FirestoreDatabase, InfraSettings, ServiceDefaults
from ops.local_stack.topology import Consumer, Topology

SCHEDULER_TIME_ZONE = "Etc/UTC"
DEAD_LETTER_RETENTION = "604800s"
DEAD_LETTER_ACK_DEADLINE_SECONDS = 60
_ACCOUNT_ID_LENGTH = 30
_FILTER_BYTES = 256


class PlanError(OperatorError):
    """The topology names something the code or Terraform's rules do not have."""


@dataclass(frozen=True)
class ServicePlan:
    function: str
    """The service key and its ``FUNCTION_TARGET``."""
    name: str
    public: bool
    runtime_account_id: str
    runtime_account_email: str
    publishes_to: tuple[str, ...]
    """Module topics its runtime account publishes to (``publishers.tf``)."""
    env: tuple[tuple[str, str], ...]
    url: str
    audience: str
    """The audience of the tokens its callers send (``PUSH_AUTH_AUDIENCE``)."""
    custom_audiences: tuple[str, ...]
    """What Cloud Run must accept as a token's ``aud`` besides the service's URL
    (``custom_audiences`` in ``cloud_run.tf``): ``audience`` on a service that push subscriptions or
    scheduler jobs call, unless it is the URL; else none. Without it Cloud Run refuses their
    tokens with 401 before the kit's check."""
    settings: ServiceDefaults
    cpu: dict[str, Any]
    """``local.cloud_run_cpu``'s ``cpu_idle`` and ``startup_cpu_boost``, where set."""


@dataclass(frozen=True)
class SubscriptionPlan:
    consumer: str
    topic: str
    filter: str
    ordering: bool
    push_endpoint: str
    push_account_id: str
    push_account_email: str
    audience: str
    ack_deadline_seconds: int
    minimum_backoff: str
    maximum_backoff: str
    max_delivery_attempts: int
    dead_letter_topic: str
    dead_letter_subscription: str
    service: ServicePlan


@dataclass(frozen=True)
class SchedulerPlan:
    name: str
    description: str
    schedule: str
    account_id: str
    account_email: str
    account_display_name: str
    uri: str
    audience: str
    attempt_deadline: str
    service: ServicePlan


@dataclass(frozen=True)
class DeploymentPlan:
    project: str
    project_number: str
    region: str
    image: str
    labels: dict[str, str]
    apis: tuple[str, ...]
    topics: tuple[str, ...]
    services: tuple[ServicePlan, ...]
    subscriptions: tuple[SubscriptionPlan, ...]
    schedulers: tuple[SchedulerPlan, ...]
    firestore: FirestoreDatabase
    app: AppRules

    @property
    def pubsub_service_agent(self) -> str:
        return f"serviceAccount:service-{self.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"

    @property
    def firestore_database(self) -> str:
        return f"projects/{self.project}/databases/{self.firestore.name}"


def account_email(account_id: str, project: str) -> str:
    return f"{account_id}@{project}.iam.gserviceaccount.com"


def subscription_filter(consumer: Consumer, topology: Topology) -> str:
    """The push subscription's filter: ``local.consumer_filter`` (``pubsub.tf``: the handled types,
    else the topic's other types negated, else none — whichever leaves room for the redrive
    clause within 256 bytes) joined with the module's redrive clause (``push_consumer/locals.tf``)."""
    redrive = f'NOT attributes:redrive_target OR attributes.redrive_target = "{consumer.name}"'
    budget = _FILTER_BYTES - len(f"() AND ({redrive})")
    module = next(module for module, topic in topology.topics.items() if topic == consumer.topic)
    handled = " OR ".join(f'attributes.event_type = "{kind}"' for kind in consumer.event_types)
    others = " AND ".join(
        f'NOT attributes.event_type = "{kind}"'
        for kind in topology.published_event_types[module]
        if kind not in consumer.event_types
    )
    chosen = handled if len(handled) <= budget else others if len(others) <= budget else ""
    return redrive if not chosen else f"({chosen}) AND ({redrive})"


def deployment_plan(
    topology: Topology,
    infra: InfraSettings,
    *,
    project: str,
    project_number: str,
    region: str | None = None,
    image: str | None = None,
    app: AppRules = WILD_WORKOUTS,
) -> DeploymentPlan:
    """``app``: Wild Workouts' rules, or another app's (``app_rules``: what differs)."""
    region = region or infra.region
    image = image or f"{region}-docker.pkg.dev/{project}/{infra.artifact_repository}/functions:latest"
    consumer_functions = {consumer.function: consumer for consumer in topology.consumers}
    missing = sorted((set(topology.http_functions) | set(consumer_functions)) - infra.http_targets)
    if missing:
        raise PlanError(f"{app.main_py} has no target for {', '.join(missing)} (named by {app.topology_file})")
    push_email = {c.name: account_email(_account_id("push-", c.name), project) for c in topology.consumers}
    scheduler_of = {job.function: job for job in infra.scheduler_jobs}

    def service(function: str) -> ServicePlan:
        name = f"{infra.service_name_prefix}{function.replace('_', '-')}"
        url = f"https://{name}-{project_number}.{region}.run.app"
        audience = app.fixed_audience.format(project=project) if app.fixed_audience is not None else url
        account_id = _account_id("run-", function.replace("_", "-"))
        consumer = consumer_functions.get(function)
        module = function.split("_", maxsplit=1)[0]
        if consumer is not None:
            publishes: tuple[str, ...] = (
                ()
                if function in infra.read_model_functions
                else (module,)
                if app.wild_workouts or module in topology.topics
                else tuple(topology.topics)
            )
            callers = [push_email[consumer.name]]
        elif app.http_function_publishes is None or function in app.http_function_publishes:
            publishes = (app.http_function_publishes or {}).get(function, ()) or tuple(topology.topics)
            job = scheduler_of.get(function)
            callers = [account_email(job.account_id, project)] if job is not None else []
        else:
            raise PlanError(f"infra/publishers.tf says nothing of what {function} publishes")
        static_env = {
            "FUNCTION_TARGET": function,
            "GOOGLE_CLOUD_PROJECT": project,
            "PUSH_AUTH_AUDIENCE": audience,
            "ACK_DEADLINE_SECONDS": str(
                consumer.delivery.ack_deadline_seconds
                if consumer is not None and not app.wild_workouts
                else infra.ack_deadline_seconds
            ),
            "TRACE_EXPORTER": "gcp",
            "THREADS": str(infra.service_defaults.concurrency),
            "OUTBOX_MARK_SENT": str(infra.cloud_run_cpu.get("outbox_mark_sent", "")),
        }
        unknown = [name for name in infra.cloud_run_env_names if name not in static_env]
        if unknown:
            raise PlanError(
                f"infra/cloud_run.tf sets {', '.join(unknown)}, which ops/deploy_commands does not know yet"
            )
        env = [(name, static_env[name]) for name in infra.cloud_run_env_names]
        env.insert(3, ("PUSH_AUTH_ALLOWED_EMAILS", ",".join(callers)))
        if function == "api" and app.api_environment:
            env += [
                ("FIREBASE_AUTH_DOMAIN", f"{project}.firebaseapp.com"),
                ("SAGA_TIMEOUT_SECONDS", str(infra.saga_timeout_seconds)),
            ]
        return ServicePlan(
            function=function,
            name=name,
            public=topology.http_functions.get(function, False),
            runtime_account_id=account_id,
            runtime_account_email=account_email(account_id, project),
            publishes_to=tuple(topology.topics[module] for module in publishes if module in topology.topics),
            env=tuple((key, value) for key, value in env if value),
            url=url,
            audience=audience,
            custom_audiences=(audience,) if callers and audience != url else (),
            settings=infra.service_defaults,
            cpu={k: v for k, v in infra.cloud_run_cpu.items() if k in ("cpu_idle", "startup_cpu_boost")},
        )

    services = {f: service(f) for f in sorted({*topology.http_functions, *consumer_functions})}
    subscriptions = tuple(
        SubscriptionPlan(
            consumer=c.name,
            topic=c.topic,
            filter=subscription_filter(c, topology),
            ordering=c.ordering,
            push_endpoint=services[c.function].url,
            push_account_id=_account_id("push-", c.name),
            push_account_email=push_email[c.name],
            audience=services[c.function].audience,
            ack_deadline_seconds=c.delivery.ack_deadline_seconds,
            minimum_backoff=_duration(c.delivery.minimum_backoff_seconds),
            maximum_backoff=_duration(c.delivery.maximum_backoff_seconds),
            max_delivery_attempts=c.delivery.max_delivery_attempts,
            dead_letter_topic=c.dead_letter_topic,
            dead_letter_subscription=c.dead_letter_subscription,
            service=services[c.function],
        )
        for c in sorted(topology.consumers, key=lambda consumer: consumer.name)
    )
    for subscription in subscriptions:
        if subscription.ack_deadline_seconds < infra.service_defaults.request_timeout_seconds:
            raise PlanError(
                f"the ack deadline of {subscription.consumer} is shorter than its service's request timeout"
            )
    schedulers = tuple(
        SchedulerPlan(
            name=job.name,
            description=job.description,
            schedule=job.schedule,
            account_id=job.account_id,
            account_email=account_email(job.account_id, project),
            account_display_name=job.account_display_name,
            uri=services[job.function].url,
            audience=services[job.function].audience,
            attempt_deadline=f"{infra.service_defaults.request_timeout_seconds}s",
            service=services[job.function],
        )
        for job in infra.scheduler_jobs
    )
    return DeploymentPlan(
        project=project,
        project_number=project_number,
        region=region,
        image=image,
        labels=infra.labels,
        apis=infra.apis,
        topics=tuple(topology.topics.values()),
        services=tuple(services.values()),
        subscriptions=subscriptions,
        schedulers=schedulers,
        firestore=infra.firestore,
        app=app,
    )


def _account_id(prefix: str, name: str) -> str:
    """Terraform's ``substr("<prefix><name>", 0, 30)``: service account ids are 6-30 characters."""
    return f"{prefix}{name}"[:_ACCOUNT_ID_LENGTH]


def _duration(seconds: float) -> str:
    return f"{int(seconds)}s" if seconds == int(seconds) else f"{seconds}s"
