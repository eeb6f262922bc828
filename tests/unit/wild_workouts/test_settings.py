"""Settings.from_environ: the one reader of the environment — one idea of a flag, lists with
blanks dropped, per-scope caller lists decided by presence, numbers refused when malformed
(naming the variable), the local switches refused on Cloud Run, and what bootstrap builds
from the values (hour policy, saga timeout, the ``Prefer: wait`` slots)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from wild_workouts import bootstrap
from wild_workouts.settings import DEFAULT_SERVER_THREADS, InvalidSetting, Settings
from wild_workouts.topics import MODULE_TOPICS
from wild_workouts.trainer.domain.errors import InvalidHourPolicyError
from wild_workouts.trainer.domain.hour_policy import HourPolicy
from wild_workouts.trainings.domain.saga_deadline import DEFAULT_SAGA_TIMEOUT

pytestmark = pytest.mark.unit


def test_nothing_set_gives_the_defaults() -> None:
    settings = Settings.from_environ({})

    assert settings == Settings()
    assert not settings.on_cloud_run
    assert settings.topics == MODULE_TOPICS
    assert settings.project_id is None
    assert settings.log_project == "local"
    assert (settings.trace_exporter, settings.trace_exporter_defer_seconds) == ("none", 1.0)
    assert bootstrap.hour_policy(settings) == HourPolicy()
    assert bootstrap.saga_timeout(settings) == DEFAULT_SAGA_TIMEOUT


# --- flags ---------------------------------------------------------------------------------


@pytest.mark.parametrize("variable", ["PUSH_AUTH_DISABLED", "API_AUTH_DEV_ISSUER"])
@pytest.mark.parametrize(("value", "expected"), [("true", True), (" TRUE ", True), ("", False), ("False", False)])
def test_a_flag_is_true_or_false_in_any_case(variable: str, value: str, expected: bool) -> None:
    settings = Settings.from_environ({variable: value})

    assert (settings.push_auth.disabled, settings.api_auth.dev_issuer)[variable == "API_AUTH_DEV_ISSUER"] is expected


@pytest.mark.parametrize("variable", ["PUSH_AUTH_DISABLED", "API_AUTH_DEV_ISSUER"])
@pytest.mark.parametrize("value", ["1", "yes", "on", "truthy"])
def test_anything_else_as_a_flag_is_refused_naming_the_variable(variable: str, value: str) -> None:
    with pytest.raises(InvalidSetting, match=f"{variable} must be 'true' or 'false'") as refused:
        Settings.from_environ({variable: value})

    assert refused.value.variable == variable


# --- push callers --------------------------------------------------------------------------


def test_lists_are_comma_separated_with_blanks_dropped() -> None:
    push = Settings.from_environ(
        {"PUSH_AUTH_AUDIENCE": " https://a/push ,, https://b/push", "PUSH_AUTH_ALLOWED_EMAILS": "x@p, ,y@p"}
    ).push_auth

    assert push.audiences == ("https://a/push", "https://b/push")
    assert push.allowed_emails == ("x@p", "y@p")


def test_a_scope_with_a_variable_of_its_own_uses_it_even_empty() -> None:
    push = Settings.from_environ(
        {
            "PUSH_AUTH_ALLOWED_EMAILS": "shared@p",
            "PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR": "calendar@p",
            "PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER": "",
        }
    ).push_auth

    assert push.callers_of("trainer-calendar") == ("PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR", ("calendar@p",))
    assert push.callers_of("outbox_sweeper") == ("PUSH_AUTH_ALLOWED_EMAILS_OUTBOX_SWEEPER", ())  # presence decides
    assert push.callers_of("users-on-trainings") == ("PUSH_AUTH_ALLOWED_EMAILS", ("shared@p",))
    assert push.callers_of(None) == ("PUSH_AUTH_ALLOWED_EMAILS", ("shared@p",))


def test_on_cloud_run_is_k_service_set() -> None:
    assert Settings.from_environ({"K_SERVICE": "api"}).push_auth.on_cloud_run
    assert not Settings.from_environ({"K_SERVICE": "  "}).on_cloud_run


# --- the API's sign-in ---------------------------------------------------------------------


def test_the_firebase_project_falls_back_to_google_cloud_project_but_not_gcp_project() -> None:
    assert Settings.from_environ({"GOOGLE_CLOUD_PROJECT": "g", "FIREBASE_PROJECT_ID": " f "}).api_auth.project_id == "f"
    assert Settings.from_environ({"GOOGLE_CLOUD_PROJECT": "g"}).firebase_project_id == "g"
    assert Settings.from_environ({"GCP_PROJECT": "old"}).firebase_project_id == ""
    assert Settings.from_environ({"GCP_PROJECT": "old"}).project_id == "old"
    assert Settings.from_environ({"GOOGLE_CLOUD_PROJECT": "g", "GCP_PROJECT": "old"}).project_id == "g"


def test_the_local_proof_names_the_first_google_runtime_variable_and_the_emulator_hosts() -> None:
    local = Settings.from_environ(
        {"GAE_SERVICE": "x", "CLOUD_RUN_JOB": "job", "FIRESTORE_EMULATOR_HOST": " 127.0.0.1:8080 "}
    ).api_auth.local

    assert local.google_runtime_variable == "CLOUD_RUN_JOB"
    assert local.backend_hosts() == (("FIRESTORE_EMULATOR_HOST", "127.0.0.1:8080"), ("PUBSUB_EMULATOR_HOST", ""))
    assert Settings.from_environ({}).api_auth.local.google_runtime_variable is None


def test_the_dev_key_file_is_a_path_or_none() -> None:
    assert Settings.from_environ({"API_AUTH_DEV_PRIVATE_KEY_FILE": " k.pem "}).api_auth.dev_private_key_file == Path(
        "k.pem"
    )
    assert Settings.from_environ({"API_AUTH_DEV_PRIVATE_KEY_FILE": " "}).api_auth.dev_private_key_file is None


@pytest.mark.parametrize(
    "switch",
    [
        {"PUSH_AUTH_DISABLED": "true"},
        {"API_AUTH_DEV_ISSUER": "true"},
        {"FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099"},
    ],
)
def test_a_local_switch_on_cloud_run_refuses_to_start(switch: dict[str, str]) -> None:
    settings = Settings.from_environ({"K_SERVICE": "api", **switch})

    with pytest.raises(RuntimeError, match=f"{next(iter(switch))} is for .* refusing to start on Cloud Run"):
        settings.refuse_local_switches_on_cloud_run()


def test_the_local_switches_are_fine_off_cloud_run() -> None:
    Settings.from_environ(
        {"FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099", "API_AUTH_DEV_ISSUER": "true", "PUSH_AUTH_DISABLED": "true"}
    ).refuse_local_switches_on_cloud_run()


# --- topics and consumers ------------------------------------------------------------------


def test_topics_and_dead_letter_topics_are_overridable_per_deployment() -> None:
    settings = Settings.from_environ({"TOPIC_TRAINER": "t-1", "DEAD_LETTER_TOPIC_TRAINER_CALENDAR": "parked"})

    assert settings.topic("trainer") == "t-1"
    assert settings.topic("users") == MODULE_TOPICS["users"]
    assert settings.dead_letter_topic("trainer-calendar") == "parked"
    assert settings.dead_letter_topic("users-on-trainings") == "users-on-trainings-dead-letter"


def test_the_ack_deadline_is_a_positive_number_of_seconds() -> None:
    assert Settings.from_environ({"ACK_DEADLINE_SECONDS": "30"}).ack_deadline_seconds == 30.0
    assert Settings.from_environ({"ACK_DEADLINE_SECONDS": " "}).ack_deadline_seconds is None


@pytest.mark.parametrize("value", ["soon", "0", "-1", "nan", "inf"])
def test_a_malformed_ack_deadline_is_refused(value: str) -> None:
    with pytest.raises(InvalidSetting, match="ACK_DEADLINE_SECONDS"):
        Settings.from_environ({"ACK_DEADLINE_SECONDS": value})


# --- observability and the outbox ----------------------------------------------------------


def test_log_and_trace_settings() -> None:
    settings = Settings.from_environ(
        {
            "LOG_LEVEL": "debug",
            "GOOGLE_CLOUD_PROJECT": "p",
            "TRACE_EXPORTER": " GCP ",
            "TRACE_EXPORTER_DEFER_SECONDS": "-3",
            "FUNCTION_TARGET": "api",
        }
    )

    assert (settings.log_level, settings.log_project) == ("DEBUG", "p")
    assert (settings.trace_exporter, settings.trace_exporter_defer_seconds) == ("gcp", 0.0)
    assert settings.function_target == "api"
    assert Settings.from_environ({"TRACE_EXPORTER_DEFER_SECONDS": "soon"}).trace_exporter_defer_seconds == 1.0


def test_opentelemetry_variables_reach_the_tracing_settings() -> None:
    settings = Settings.from_environ(
        {
            "K_SERVICE": "trainer-calendar",
            "GOOGLE_CLOUD_PROJECT": "p",
            "OTEL_TRACES_EXPORTER": "otlp",
            "OTEL_EXPORTER_OTLP_ENDPOINT": "https://telemetry.googleapis.com",
        }
    )
    assert (settings.trace_exporter, settings.tracing.service_name) == ("otlp", "trainer-calendar")
    assert settings.tracing.otlp.endpoint == "https://telemetry.googleapis.com/v1/traces"
    assert (settings.tracing.otlp.google_credentials, settings.tracing.otlp.gcp_project_id) == (True, "p")
    assert Settings.from_environ({"OTEL_SERVICE_NAME": "mine", "FUNCTION_TARGET": "api"}).tracing.service_name == "mine"
    with pytest.raises(InvalidSetting, match="OTEL_TRACES_EXPORTER") as refused:
        Settings.from_environ({"OTEL_TRACES_EXPORTER": "zipkin"})
    assert refused.value.variable == "OTEL_TRACES_EXPORTER"


@pytest.mark.parametrize(("value", "inline"), [("inline", True), (" INLINE ", True), ("deferred", False), ("", False)])
def test_outbox_marking_is_inline_only_when_asked(value: str, inline: bool) -> None:
    assert Settings.from_environ({"OUTBOX_MARK_SENT": value}).outbox_mark_sent_inline is inline


# --- the API's policy values ---------------------------------------------------------------


def test_the_hour_policy_comes_from_the_trainer_variables() -> None:
    settings = Settings.from_environ(
        {"TRAINER_MIN_UTC_HOUR": "8", "TRAINER_MAX_UTC_HOUR": "22", "TRAINER_MAX_WEEKS_AHEAD": "3"}
    )

    assert bootstrap.hour_policy(settings) == HourPolicy(min_utc_hour=8, max_utc_hour=22, max_weeks_ahead=3)


@pytest.mark.parametrize("variable", ["TRAINER_MIN_UTC_HOUR", "TRAINER_MAX_UTC_HOUR", "TRAINER_MAX_WEEKS_AHEAD"])
def test_a_trainer_variable_that_is_not_a_whole_number_is_refused(variable: str) -> None:
    with pytest.raises(InvalidSetting, match=variable):
        Settings.from_environ({variable: "noon"})


def test_an_hour_policy_out_of_range_is_refused_when_built() -> None:
    with pytest.raises(InvalidHourPolicyError, match="max_weeks_ahead"):
        bootstrap.hour_policy(Settings.from_environ({"TRAINER_MAX_WEEKS_AHEAD": "0"}))


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, DEFAULT_SAGA_TIMEOUT),
        ({"SAGA_TIMEOUT_SECONDS": " "}, DEFAULT_SAGA_TIMEOUT),
        ({"SAGA_TIMEOUT_SECONDS": "12.5"}, timedelta(seconds=12.5)),
    ],
)
def test_the_saga_timeout_comes_from_the_environment(environ: dict[str, str], expected: timedelta) -> None:
    assert bootstrap.saga_timeout(Settings.from_environ(environ)) == expected


@pytest.mark.parametrize(
    ("environ", "threads", "waiters"),
    [
        ({}, DEFAULT_SERVER_THREADS, DEFAULT_SERVER_THREADS // 2),
        ({"THREADS": " "}, DEFAULT_SERVER_THREADS, DEFAULT_SERVER_THREADS // 2),
        ({"THREADS": "8"}, 8, 4),
        ({"THREADS": "20"}, 20, 10),
        ({"THREADS": "1"}, 1, 1),
    ],
)
def test_the_prefer_wait_slots_are_half_the_server_threads(environ: dict[str, str], threads: int, waiters: int) -> None:
    settings = Settings.from_environ(environ)
    assert settings.server_threads == threads
    slots = bootstrap.prefer_wait_slots(settings)
    assert (slots.limit, slots.taken) == (waiters, 0)


@pytest.mark.parametrize("value", ["eight", "0", "-2", "1.5"])
def test_a_bad_thread_count_is_refused(value: str) -> None:
    with pytest.raises(InvalidSetting, match="THREADS"):
        Settings.from_environ({"THREADS": value})


@pytest.mark.parametrize("value", ["soon", "0", "-5", "1e9"])
def test_a_bad_saga_timeout_in_the_environment_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=r"SAGA_TIMEOUT_SECONDS|saga timeout"):
        bootstrap.saga_timeout(Settings.from_environ({"SAGA_TIMEOUT_SECONDS": value}))


def test_the_web_settings() -> None:
    settings = Settings.from_environ(
        {
            "WEB_DIST_DIR": " /srv/web ",
            "FIREBASE_WEB_API_KEY": " k ",
            "FIREBASE_AUTH_DOMAIN": "d",
            "WEB_DEMO_USERS": "[]",
        }
    )

    assert (settings.web_dist_dir, settings.web_api_key, settings.web_auth_domain) == (Path("/srv/web"), "k", "d")
    assert settings.web_demo_users_json == "[]"
    assert Settings.from_environ({"WEB_DIST_DIR": ""}).web_dist_dir is None
