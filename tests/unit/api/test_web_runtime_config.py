"""/app/config.json from the environment's settings, and the pages' Content-Security-Policy."""

import json
from collections.abc import Mapping

import pytest

from wild_workouts import bootstrap
from wild_workouts.http.web_runtime_config import GOOGLE_SIGN_IN_ORIGINS, WebRuntimeConfig
from wild_workouts.http.web_security_headers import content_security_policy, html_headers
from wild_workouts.settings import Settings

pytestmark = pytest.mark.unit

DEMO_USERS = [
    {
        "email": "alice@wild-workouts.test",
        "password": "wild-workouts-demo",
        "displayName": "Alice Attendee",
        "role": "attendee",
        "uid": "alice",
    }
]
LOCAL = {
    "FIREBASE_PROJECT_ID": "demo-wild-workouts",
    "FIREBASE_WEB_API_KEY": "demo-api-key",
    "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099",
    "WEB_DEMO_USERS": json.dumps(DEMO_USERS),
}


def web_runtime_config_from_env(environ: Mapping[str, str]) -> WebRuntimeConfig:
    return bootstrap.web_serving(Settings.from_environ(environ)).config


def test_production_config_names_the_firebase_project_and_no_emulator_or_demo_users() -> None:
    config = web_runtime_config_from_env(
        {
            "GOOGLE_CLOUD_PROJECT": "gym-prod",
            "FIREBASE_WEB_API_KEY": "AIza-example",
            "FIREBASE_AUTH_DOMAIN": "gym-prod.firebaseapp.com",
            "WEB_DEMO_USERS": json.dumps(DEMO_USERS),  # ignored: no emulator
            "K_SERVICE": "api",
        }
    )

    assert config.as_json() == {
        "firebase": {"apiKey": "AIza-example", "authDomain": "gym-prod.firebaseapp.com", "projectId": "gym-prod"},
        "authEmulatorUrl": None,
        "demoUsers": [],
    }
    assert config.sign_in_origins() == GOOGLE_SIGN_IN_ORIGINS


def test_firebase_project_id_wins_and_the_auth_domain_defaults_to_the_project() -> None:
    config = web_runtime_config_from_env({"GOOGLE_CLOUD_PROJECT": "gcp", "FIREBASE_PROJECT_ID": "fb"})

    assert config.as_json()["firebase"] == {"apiKey": "", "authDomain": "fb.firebaseapp.com", "projectId": "fb"}


def test_locally_with_the_emulator_the_demo_users_and_the_emulator_url_are_published() -> None:
    body = web_runtime_config_from_env(LOCAL).as_json()

    assert body["authEmulatorUrl"] == "http://127.0.0.1:9099"
    assert body["demoUsers"] == DEMO_USERS
    assert body["firebase"]["projectId"] == "demo-wild-workouts"


def test_demo_users_never_on_cloud_run() -> None:
    body = web_runtime_config_from_env({**LOCAL, "K_SERVICE": "api"}).as_json()

    assert body["demoUsers"] == []


def test_demo_users_need_the_emulator() -> None:
    environ = {key: value for key, value in LOCAL.items() if key != "FIREBASE_AUTH_EMULATOR_HOST"}

    assert web_runtime_config_from_env(environ).as_json()["demoUsers"] == []


@pytest.mark.parametrize(
    "users",
    ["not json", json.dumps({"email": "x"}), json.dumps([{"email": "a@b", "password": "p"}]), json.dumps([1])],
)
def test_malformed_demo_users_are_refused_at_start_up(users: str) -> None:
    with pytest.raises(ValueError, match="WEB_DEMO_USERS"):
        web_runtime_config_from_env({**LOCAL, "WEB_DEMO_USERS": users})


def test_extra_demo_user_fields_are_not_published() -> None:
    users = [{**DEMO_USERS[0], "internal": "x"}]

    body = web_runtime_config_from_env({**LOCAL, "WEB_DEMO_USERS": json.dumps(users)}).as_json()

    assert body["demoUsers"] == DEMO_USERS


def test_the_csp_allows_only_self_plus_the_sign_in_origins() -> None:
    local = content_security_policy(["http://127.0.0.1:9099"])
    production = content_security_policy(GOOGLE_SIGN_IN_ORIGINS)

    directives = dict(d.split(" ", 1) for d in local.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["connect-src"] == "'self' http://127.0.0.1:9099"
    assert "unsafe-inline" not in local and "unsafe-eval" not in local
    assert "connect-src 'self' https://identitytoolkit.googleapis.com https://securetoken.googleapis.com" in production
    assert "127.0.0.1" not in production


def test_html_headers_forbid_sniffing_framing_and_referrers() -> None:
    headers = html_headers(GOOGLE_SIGN_IN_ORIGINS)

    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
