"""A ``DeploymentPlan`` as the ``gcloud`` commands that create it, in an order that works on a fresh
project (accounts before their bindings, topics before their subscriptions, services before the
invoker bindings and the push subscriptions that call them), rendered as a shell script.

Every value is single-quoted for the shell unless it holds ``${`` (the project number's
expansion), which is double-quoted so the shell expands it. The script creates: run it once on a
project without these resources; a second run stops (``set -e``) at the first that exists.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass

from ops.deploy_commands.deployment_plan import (
    DEAD_LETTER_ACK_DEADLINE_SECONDS,
    DEAD_LETTER_RETENTION,
    SCHEDULER_TIME_ZONE,
    DeploymentPlan,
    ServicePlan,
)

PROJECT_NUMBER_VARIABLE = "PROJECT_NUMBER"
FUNCTION_BASE_IMAGE = "python311"
"""The runtime of a function built by Google's buildpack (``--base-image``), the project's Python."""
_WRAP_AT = 100


@dataclass(frozen=True)
class Section:
    title: str
    commands: tuple[tuple[str, ...], ...]
    """Each a ``gcloud`` argv (``gcloud`` first)."""
    shell_lines: tuple[str, ...] = ()
    """Lines printed as they are, after the commands (what gcloud cannot do)."""


def gcloud_sections(
    plan: DeploymentPlan, *, source: str | None = None, source_has_dockerfile: bool = True
) -> list[Section]:
    """The commands, grouped as the script prints them. ``source``: each service is deployed with
    ``gcloud run deploy --source=SOURCE`` instead of ``--image``: Cloud Build builds the
    Dockerfile there, or, without one (``source_has_dockerfile`` False), Google's Python buildpack
    builds a function (``--function=TARGET``: functions-framework serves that target; the folder
    needs a ``requirements.txt``)."""
    project = f"--project={plan.project}"
    labels = (
        ("--labels=" + ",".join(f"{key}={value}" for key, value in sorted(plan.labels.items())),) if plan.labels else ()
    )
    agent = plan.pubsub_service_agent
    region = f"--region={plan.region}"

    def binding(*target: str, member: str, role: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        return ("gcloud", *target, f"--member={member}", f"--role={role}", *extra, project)

    def topic_binding(topic: str, member: str) -> tuple[str, ...]:
        return binding(
            "pubsub", "topics", "add-iam-policy-binding", topic, member=member, role="roles/pubsub.publisher"
        )

    def account(account_id: str, display_name: str) -> tuple[str, ...]:
        return ("gcloud", "iam", "service-accounts", "create", account_id, f"--display-name={display_name}", project)

    def deploy(service: ServicePlan) -> tuple[str, ...]:
        built: tuple[str, ...] = (
            (f"--image={plan.image}",)
            if source is None
            else (f"--source={source}",)
            if source_has_dockerfile
            else (f"--source={source}", f"--function={service.function}", f"--base-image={FUNCTION_BASE_IMAGE}")
        )
        defaults = _service_settings(service)
        return (
            "gcloud",
            "run",
            "deploy",
            service.name,
            *built,
            region,
            project,
            f"--service-account={service.runtime_account_email}",
            "--allow-unauthenticated" if service.public else "--no-allow-unauthenticated",
            "--ingress=all",
            *(f"--add-custom-audiences={audience}" for audience in service.custom_audiences),
            *defaults,
            *labels,
            _env_vars(service.env),
        )

    sections = [
        Section("APIs", (("gcloud", "services", "enable", *plan.apis, project),)),
        _firestore_section(plan),
        Section(
            "Service accounts: one runtime identity per service, one push identity per consumer, one per scheduler job",
            tuple(account(s.runtime_account_id, f"Runtime of {s.function}") for s in plan.services)
            + tuple(account(s.push_account_id, f"Pub/Sub push to {s.consumer}") for s in plan.subscriptions)
            + tuple(account(j.account_id, j.account_display_name) for j in plan.schedulers),
        ),
        Section(
            "Runtime IAM: Firestore (this database only), Cloud Trace, publishing to the module topics",
            tuple(
                command
                for s in plan.services
                for command in (
                    binding(
                        "projects",
                        "add-iam-policy-binding",
                        plan.project,
                        member=f"serviceAccount:{s.runtime_account_email}",
                        role="roles/datastore.user",
                        extra=(
                            f'--condition=expression=resource.name == "{plan.firestore_database}",'
                            f"title={plan.app.firestore_condition_title},"
                            f"description={plan.app.firestore_condition_description}",
                        ),
                    ),
                    binding(
                        "projects",
                        "add-iam-policy-binding",
                        plan.project,
                        member=f"serviceAccount:{s.runtime_account_email}",
                        role="roles/cloudtrace.agent",
                        extra=("--condition=None",),
                    ),
                )
            ),
        ),
        Section(
            "Topics: one per module",
            tuple(("gcloud", "pubsub", "topics", "create", topic, *labels, project) for topic in plan.topics)
            + tuple(
                topic_binding(topic, f"serviceAccount:{s.runtime_account_email}")
                for s in plan.services
                for topic in s.publishes_to
            ),
        ),
        Section(
            "Dead letters: per consumer a topic, its 7-day pull subscription, and who may publish to it"
            " (the Pub/Sub service agent after max attempts, the consumer when it parks a message)",
            tuple(
                command
                for s in plan.subscriptions
                for command in (
                    ("gcloud", "pubsub", "topics", "create", s.dead_letter_topic, *labels, project),
                    (
                        "gcloud",
                        "pubsub",
                        "subscriptions",
                        "create",
                        s.dead_letter_subscription,
                        f"--topic={s.dead_letter_topic}",
                        f"--ack-deadline={DEAD_LETTER_ACK_DEADLINE_SECONDS}",
                        f"--message-retention-duration={DEAD_LETTER_RETENTION}",
                        "--expiration-period=never",
                        *labels,
                        project,
                    ),
                    topic_binding(s.dead_letter_topic, agent),
                    topic_binding(s.dead_letter_topic, f"serviceAccount:{s.service.runtime_account_email}"),
                )
            ),
        ),
        Section(
            "Cloud Run services: one image, FUNCTION_TARGET picks the function", tuple(deploy(s) for s in plan.services)
        ),
        Section(
            "Who may invoke each private service: its consumer's push account, or its scheduler job's",
            tuple(
                binding(
                    "run",
                    "services",
                    "add-iam-policy-binding",
                    service.name,
                    region,
                    member=f"serviceAccount:{caller}",
                    role="roles/run.invoker",
                )
                for service, caller in [
                    *((s.service, s.push_account_email) for s in plan.subscriptions),
                    *((j.service, j.account_email) for j in plan.schedulers),
                ]
            ),
        ),
        Section(
            "Push subscriptions: OIDC, filter, ordering, exponential backoff, dead-lettering; the Pub/Sub"
            " service agent mints the push tokens and moves dead letters",
            tuple(
                command
                for s in plan.subscriptions
                for command in (
                    binding(
                        "iam",
                        "service-accounts",
                        "add-iam-policy-binding",
                        s.push_account_email,
                        member=agent,
                        role="roles/iam.serviceAccountTokenCreator",
                    ),
                    (
                        "gcloud",
                        "pubsub",
                        "subscriptions",
                        "create",
                        s.consumer,
                        f"--topic={s.topic}",
                        f"--ack-deadline={s.ack_deadline_seconds}",
                        f"--message-filter={s.filter}",
                        *(("--enable-message-ordering",) if s.ordering else ()),
                        f"--push-endpoint={s.push_endpoint}",
                        f"--push-auth-service-account={s.push_account_email}",
                        f"--push-auth-token-audience={s.audience}",
                        f"--min-retry-delay={s.minimum_backoff}",
                        f"--max-retry-delay={s.maximum_backoff}",
                        f"--dead-letter-topic={s.dead_letter_topic}",
                        f"--max-delivery-attempts={s.max_delivery_attempts}",
                        "--expiration-period=never",
                        *labels,
                        project,
                    ),
                    binding(
                        "pubsub",
                        "subscriptions",
                        "add-iam-policy-binding",
                        s.consumer,
                        member=agent,
                        role="roles/pubsub.subscriber",
                    ),
                )
            ),
        ),
        Section(
            "Cloud Scheduler: every minute, with OIDC, no retry (the next run is the retry)",
            tuple(
                (
                    "gcloud",
                    "scheduler",
                    "jobs",
                    "create",
                    "http",
                    j.name,
                    f"--location={plan.region}",
                    f"--schedule={j.schedule}",
                    f"--time-zone={SCHEDULER_TIME_ZONE}",
                    f"--uri={j.uri}",
                    "--http-method=POST",
                    f"--oidc-service-account-email={j.account_email}",
                    f"--oidc-token-audience={j.audience}",
                    f"--attempt-deadline={j.attempt_deadline}",
                    "--max-retry-attempts=0",
                    f"--description={j.description}",
                    project,
                )
                for j in plan.schedulers
            ),
        ),
    ]
    return sections


def _firestore_section(plan: DeploymentPlan) -> Section:
    """The database, its composite indexes, and the TTL fields (without single-field indexes)."""
    firestore = plan.firestore
    database, project = f"--database={firestore.name}", f"--project={plan.project}"
    commands = [
        (
            "gcloud", "firestore", "databases", "create", database, f"--location={firestore.location}",
            f"--type={firestore.type.lower().replace('_', '-')}", project,
        ),
        *(
            (
                "gcloud", "firestore", "indexes", "composite", "create", f"--collection-group={index.collection}",
                *(f"--field-config=field-path={field},order={order.lower()}" for field, order in index.fields),
                database, project,
            )
            for index in firestore.indexes
        ),
    ]  # fmt: skip
    for collection, field in sorted(firestore.ttl_fields.items()):
        where = (f"--collection-group={collection}", database, project)
        commands.append(("gcloud", "firestore", "fields", "ttls", "update", field, "--enable-ttl", *where))
        commands.append(("gcloud", "firestore", "indexes", "fields", "update", field, "--disable-indexes", *where))
    lines: tuple[str, ...] = ()
    if firestore.concurrency_mode:  # gcloud has no flag for it: the Firestore API's databases.patch
        url = (
            f"https://firestore.googleapis.com/v1/projects/{plan.project}/databases/{firestore.name}"
            "?updateMask=concurrencyMode"
        )
        body = json.dumps({"concurrencyMode": firestore.concurrency_mode})
        lines = (
            'curl --fail -X PATCH -H "Authorization: Bearer $(gcloud auth print-access-token)"'
            f" -H 'Content-Type: application/json' {shlex.quote(url)} -d {shlex.quote(body)}",
        )
    return Section(
        f"Firestore: the database ({firestore.concurrency_mode.lower() or 'default'} concurrency),"
        " its composite indexes, the TTL fields; its security rules are Terraform's only",
        tuple(commands),
        lines,
    )


def _service_settings(service: ServicePlan) -> tuple[str, ...]:
    """``var.service_defaults`` and ``local.cloud_run_cpu`` as ``gcloud run deploy`` flags."""
    settings = service.settings
    flags = [
        f"--timeout={settings.request_timeout_seconds}s",
        f"--concurrency={settings.concurrency}",
        f"--min-instances={settings.min_instances}",
        f"--max-instances={settings.max_instances}",
        f"--memory={settings.memory}",
        f"--cpu={settings.cpu}",
    ]
    for key, flag in (("cpu_idle", "cpu-throttling"), ("startup_cpu_boost", "cpu-boost")):
        if key in service.cpu:
            flags.append(f"--{flag}" if service.cpu[key] else f"--no-{flag}")
    return tuple(flags)


def _env_vars(env: tuple[tuple[str, str], ...]) -> str:
    """``--set-env-vars``; with gcloud's ``^DELIM^`` form when a value holds a comma."""
    joined = ",".join(f"{key}={value}" for key, value in env)
    if not any("," in value for _, value in env):
        return f"--set-env-vars={joined}"
    return "--set-env-vars=^|^" + "|".join(f"{key}={value}" for key, value in env)


def shell_word(word: str) -> str:
    """``word`` quoted for sh (a flag's value only: ``--flag='a b'``): single quotes, or double
    quotes when it expands ``${...}``."""
    flag, equals, value = word.partition("=")
    if word.startswith("--") and equals:
        return f"{flag}={_quoted(value)}"
    return _quoted(word)


def _quoted(text: str) -> str:
    if "${" not in text:
        return shlex.quote(text)
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`")
    return f'"{escaped}"'


def shell_command(argv: tuple[str, ...]) -> str:
    """One command, wrapped before each flag with a trailing ``\\`` when it is long."""
    words = [shell_word(word) for word in argv]
    if len(" ".join(words)) <= _WRAP_AT:
        return " ".join(words)
    lines = [words[0]]
    for word in words[1:]:
        if word.startswith("--"):
            lines.append(word)
        else:
            lines[-1] += f" {word}"
    return " \\\n    ".join(lines)


def gcloud_script(
    plan: DeploymentPlan,
    *,
    source: str | None = None,
    source_has_dockerfile: bool = True,
    project_number_known: bool = False,
) -> str:
    """The whole script: a header, the project number (looked up unless given), each section."""
    app = plan.app
    lines = [
        "#!/usr/bin/env bash",
        f"# {app.title} on Google Cloud without Terraform (deployment_mode per_function), printed by",
        f"# `python -m ops deploy-commands` from {app.topology_file}, Terraform's defaults (infra/*.tf) and",
        f"# {app.main_py}'s targets. Not made here (Terraform only, or by hand): the Firestore",
        "# security rules, Artifact Registry, the alerts and the build pipeline.",
        "# Run once on a project without these resources; a second run stops at the first that exists.",
        "set -euo pipefail",
    ]
    if not app.wild_workouts:
        lines[5:5] = [
            "# Nor Wild Workouts' own: web app settings, saga timeouts, indexes of its collections, labels;",
            "# each service's token audience is its URL (PUSH_AUTH_AUDIENCE).",
        ]
    if not project_number_known:
        lines.append(
            f"{PROJECT_NUMBER_VARIABLE}=$(gcloud projects describe {shlex.quote(plan.project)}"
            " --format='value(projectNumber)')"
        )
    for section in gcloud_sections(plan, source=source, source_has_dockerfile=source_has_dockerfile):
        lines += ["", f"# -- {section.title}"]
        lines += [shell_command(command) for command in section.commands]
        lines += list(section.shell_lines)
    return "\n".join(lines) + "\n"
