"""Every setting the application reads from its environment, parsed once into typed values.

``Settings.from_environ(environ)`` is the only reader of the environment (the composition
root, ``bootstrap``, calls it once per process); everything else receives what it needs from
it. A malformed value (a flag that is not ``true``/``false``, a number that is not one) raises
``InvalidSetting`` naming the variable, so a process refuses to start rather than guess.
What a value requires of others (an audience when push auth is on, a project id for the API)
is checked where the component that needs it is built: a per-function push service has no
``FIREBASE_PROJECT_ID`` and must not need one.

Importing this module is cheap (standard library and three small settings modules): ``main.py``
parses the settings at import.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple, get_args

from pipeline_kit import PushAuthSettings, TracingSettings
from pipeline_kit.auth.auth_settings import ApiAuthSettings, LocalProcess, scope_key
from pipeline_kit.observability.tracing_settings import InvalidTracingSetting
from wild_workouts.adapters_common.push_consumer_declaration import ModuleName
from wild_workouts.topics import MODULE_TOPICS

GOOGLE_RUNTIME_VARIABLES = ("K_SERVICE", "CLOUD_RUN_JOB", "GAE_SERVICE")
"""Set by Google's serverless runtimes (Cloud Run services and functions, jobs, App Engine)."""

DEAD_LETTER_TOPIC = "DEAD_LETTER_TOPIC_"

DEFAULT_SERVER_THREADS = (os.cpu_count() or 1) * 4
"""functions-framework's gunicorn threads when ``THREADS`` is unset: 4 per CPU."""


class InvalidSetting(ValueError):
    """A variable's value is malformed; ``variable`` names it."""

    def __init__(self, variable: str, message: str) -> None:
        super().__init__(message)
        self.variable = variable


def _topics(environ: Mapping[str, str]) -> dict[ModuleName, str]:
    modules: tuple[ModuleName, ...] = get_args(ModuleName)
    return {module: environ.get(f"TOPIC_{module.upper()}", MODULE_TOPICS[module]) for module in modules}


class Settings(NamedTuple):
    """The process's settings (see the module docstring; each field names its variable).

    A typed named tuple rather than a frozen dataclass: as immutable and as typed, and several
    times cheaper to define (``main.py`` imports this module: cold start)."""

    cloud_run_service: str = ""
    """``K_SERVICE`` (stripped): set on Cloud Run services and functions."""
    google_runtime_variable: str | None = None
    """The first of ``K_SERVICE``, ``CLOUD_RUN_JOB``, ``GAE_SERVICE`` that is set (local proof)."""
    function_target: str = ""
    """``FUNCTION_TARGET``: the target functions-framework serves (tracing's service name)."""
    project_id: str | None = None
    """``GOOGLE_CLOUD_PROJECT`` or ``GCP_PROJECT`` (the Google clients' project)."""
    log_project: str = "local"
    """``GOOGLE_CLOUD_PROJECT`` as the log lines' trace field names it (``local`` when unset)."""
    firebase_project_id: str = ""
    """``FIREBASE_PROJECT_ID``, else ``GOOGLE_CLOUD_PROJECT`` (stripped): the API tokens' audience."""
    firestore_emulator_host: str = ""
    pubsub_emulator_host: str = ""
    push_auth: PushAuthSettings = PushAuthSettings()
    api_auth: ApiAuthSettings = ApiAuthSettings()
    ack_deadline_seconds: float | None = None
    """``ACK_DEADLINE_SECONDS`` (> 0); None: each consumer declaration's own."""
    topics: Mapping[ModuleName, str] = MappingProxyType(_topics({}))
    """Each module's topic: ``TOPIC_<MODULE>`` (e.g. ``TOPIC_TRAINER``), else ``MODULE_TOPICS``."""
    dead_letter_topics: Mapping[str, str] = MappingProxyType({})
    """``DEAD_LETTER_TOPIC_<NAME>`` that are set, by ``<NAME>`` (see ``dead_letter_topic``)."""
    outbox_mark_sent_inline: bool = False
    """``OUTBOX_MARK_SENT=inline``: mark outbox records sent right after publishing (else deferred)."""
    log_level: str = "INFO"
    """``LOG_LEVEL`` upper-cased (an unknown level logs at INFO)."""
    tracing: TracingSettings = TracingSettings(service_name="wild-workouts")
    """The span exporter: ``OTEL_TRACES_EXPORTER``, else ``TRACE_EXPORTER`` (``none``, ``console``,
    ``otlp``, ``gcp``); ``OTEL_SERVICE_NAME``, else ``K_SERVICE``, ``FUNCTION_TARGET``,
    ``wild-workouts``; ``OTEL_EXPORTER_OTLP_*``; ``TRACE_EXPORTER_DEFER_SECONDS`` (≥ 0; a value that
    is not a number: 1). The kit's ``TracingSettings.from_environ`` states the precedence."""
    trainer_min_utc_hour: int | None = None
    trainer_max_utc_hour: int | None = None
    trainer_max_weeks_ahead: int | None = None
    """``TRAINER_MIN_UTC_HOUR`` / ``_MAX_UTC_HOUR`` / ``_MAX_WEEKS_AHEAD``; None: ``HourPolicy``'s
    defaults. The policy validates them when the API is built."""
    saga_timeout_seconds: float | None = None
    server_threads: int = DEFAULT_SERVER_THREADS
    """``THREADS`` (a whole number ≥ 1): the request threads functions-framework's gunicorn
    serves with; unset or blank: its default (``DEFAULT_SERVER_THREADS``). Sizes the
    ``Prefer: wait`` slots (``bootstrap.prefer_wait_slots``)."""
    """``SAGA_TIMEOUT_SECONDS`` (blank: None, the default 300 s); validated when the API is built."""
    web_dist_dir: Path | None = None
    """``WEB_DIST_DIR``: the built web app (None: the repository's ``web/dist``)."""
    web_api_key: str = ""
    """``FIREBASE_WEB_API_KEY`` (not a secret: every Firebase web page ships it)."""
    web_auth_domain: str = ""
    """``FIREBASE_AUTH_DOMAIN`` (blank: ``<project>.firebaseapp.com``)."""
    web_demo_users_json: str = ""
    """``WEB_DEMO_USERS``: the local sign-in page's demo users (JSON, parsed when the API is built)."""

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        """Parse ``environ`` (raises InvalidSetting naming a malformed variable)."""
        cloud_run_service = _text(environ, "K_SERVICE")
        google_project = environ.get("GOOGLE_CLOUD_PROJECT", "")
        firebase_project_id = _text(environ, "FIREBASE_PROJECT_ID") or google_project.strip()
        firestore_emulator_host = _text(environ, "FIRESTORE_EMULATOR_HOST")
        pubsub_emulator_host = _text(environ, "PUBSUB_EMULATOR_HOST")
        google_runtime_variable = next((name for name in GOOGLE_RUNTIME_VARIABLES if _text(environ, name)), None)
        key_file = _text(environ, "API_AUTH_DEV_PRIVATE_KEY_FILE")
        return cls(
            cloud_run_service=cloud_run_service,
            google_runtime_variable=google_runtime_variable,
            function_target=environ.get("FUNCTION_TARGET", ""),
            project_id=google_project or environ.get("GCP_PROJECT") or None,
            log_project=environ.get("GOOGLE_CLOUD_PROJECT", "local"),
            firebase_project_id=firebase_project_id,
            firestore_emulator_host=firestore_emulator_host,
            pubsub_emulator_host=pubsub_emulator_host,
            push_auth=_push_auth(environ),
            api_auth=ApiAuthSettings(
                project_id=firebase_project_id,
                dev_issuer=_flag(environ, "API_AUTH_DEV_ISSUER"),
                dev_private_key_file=Path(key_file) if key_file else None,
                auth_emulator_host=_text(environ, "FIREBASE_AUTH_EMULATOR_HOST"),
                local=LocalProcess(google_runtime_variable, firestore_emulator_host, pubsub_emulator_host),
            ),
            ack_deadline_seconds=_positive_seconds(environ, "ACK_DEADLINE_SECONDS"),
            topics=_topics(environ),
            dead_letter_topics={
                name.removeprefix(DEAD_LETTER_TOPIC): value
                for name, value in environ.items()
                if name.startswith(DEAD_LETTER_TOPIC)
            },
            outbox_mark_sent_inline=_text(environ, "OUTBOX_MARK_SENT").lower() == "inline",
            log_level=environ.get("LOG_LEVEL", "INFO").upper(),
            tracing=_tracing(environ, cloud_run_service, google_project or environ.get("GCP_PROJECT") or None),
            trainer_min_utc_hour=_whole_number(environ, "TRAINER_MIN_UTC_HOUR"),
            trainer_max_utc_hour=_whole_number(environ, "TRAINER_MAX_UTC_HOUR"),
            trainer_max_weeks_ahead=_whole_number(environ, "TRAINER_MAX_WEEKS_AHEAD"),
            saga_timeout_seconds=_saga_timeout_seconds(environ),
            server_threads=_server_threads(environ),
            web_dist_dir=Path(_text(environ, "WEB_DIST_DIR")) if _text(environ, "WEB_DIST_DIR") else None,
            web_api_key=_text(environ, "FIREBASE_WEB_API_KEY"),
            web_auth_domain=_text(environ, "FIREBASE_AUTH_DOMAIN"),
            web_demo_users_json=environ.get("WEB_DEMO_USERS", ""),
        )

    @property
    def trace_exporter(self) -> str:
        """The exporter's name (``tracing.exporter``)."""
        return self.tracing.exporter

    @property
    def trace_exporter_defer_seconds(self) -> float:
        return self.tracing.defer_seconds

    @property
    def on_cloud_run(self) -> bool:
        """Cloud Run (services and functions) always sets ``K_SERVICE``."""
        return bool(self.cloud_run_service)

    def refuse_local_switches_on_cloud_run(self) -> None:
        """RuntimeError when a local-only switch is on while on Cloud Run: the process must not start."""
        if not self.on_cloud_run:
            return
        if self.push_auth.disabled:
            raise RuntimeError("PUSH_AUTH_DISABLED is for the local emulator only; refusing to start on Cloud Run")
        if self.api_auth.dev_issuer:
            raise RuntimeError("API_AUTH_DEV_ISSUER is for local use only; refusing to start on Cloud Run")
        if self.api_auth.auth_emulator_host:
            raise RuntimeError("FIREBASE_AUTH_EMULATOR_HOST is for local use only; refusing to start on Cloud Run")

    def topic(self, module: ModuleName) -> str:
        """The topic ``module`` publishes to."""
        return self.topics[module]

    def dead_letter_topic(self, consumer: str) -> str:
        """Where ``consumer`` parks: ``DEAD_LETTER_TOPIC_<NAME>`` (``-`` as ``_``), else ``<name>-dead-letter``."""
        return self.dead_letter_topics.get(scope_key(consumer), f"{consumer}-dead-letter")


def _text(environ: Mapping[str, str], name: str) -> str:
    return environ.get(name, "").strip()


def _flag(environ: Mapping[str, str], name: str) -> bool:
    """The one flag parser: ``true`` → True; absent, empty or ``false`` → False (any case);
    anything else (``1``, ``yes``…) is refused rather than guessed."""
    value = _text(environ, name).lower()
    if value in ("", "false"):
        return False
    if value == "true":
        return True
    raise InvalidSetting(name, f"{name} must be 'true' or 'false', got {value[:20]!r}")


def _push_auth(environ: Mapping[str, str]) -> PushAuthSettings:
    """The kit's own reader (``PushAuthSettings.from_environ``), its one refusal (a malformed
    ``PUSH_AUTH_DISABLED``) raised as this module's ``InvalidSetting``."""
    try:
        return PushAuthSettings.from_environ(environ)
    except ValueError as refused:
        raise InvalidSetting("PUSH_AUTH_DISABLED", str(refused)) from None


def _positive_seconds(environ: Mapping[str, str], name: str) -> float | None:
    text = _text(environ, name)
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not (math.isfinite(seconds) and seconds > 0):
        raise InvalidSetting(name, f"{name} must be a positive number of seconds, got {text[:20]!r}")
    return seconds


def _tracing(environ: Mapping[str, str], cloud_run_service: str, project_id: str | None) -> TracingSettings:
    default_name = cloud_run_service or environ.get("FUNCTION_TARGET", "") or "wild-workouts"
    try:
        return TracingSettings.from_environ(environ, default_service_name=default_name, project_id=project_id)
    except InvalidTracingSetting as error:
        raise InvalidSetting(error.variable, str(error)) from None


def _whole_number(environ: Mapping[str, str], name: str) -> int | None:
    if name not in environ:
        return None
    try:
        return int(environ[name])
    except ValueError:
        raise InvalidSetting(name, f"{name} must be a whole number, got {environ[name][:20]!r}") from None


def _saga_timeout_seconds(environ: Mapping[str, str]) -> float | None:
    text = _text(environ, "SAGA_TIMEOUT_SECONDS")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InvalidSetting(
            "SAGA_TIMEOUT_SECONDS", f"SAGA_TIMEOUT_SECONDS must be a number of seconds, got {text!r}"
        ) from None


def _server_threads(environ: Mapping[str, str]) -> int:
    """``THREADS`` as functions-framework's gunicorn reads it (unset: 4 per CPU), refused below 1."""
    text = _text(environ, "THREADS")
    if not text:
        return DEFAULT_SERVER_THREADS
    try:
        threads = int(text)
    except ValueError:
        threads = 0
    if threads < 1:
        raise InvalidSetting("THREADS", f"THREADS must be a whole number of threads (1 or more), got {text[:20]!r}")
    return threads
