"""The Firebase Authentication emulator for real: started in its own process group, seeded with
the demo users over REST, signed in with a password, and its ID token accepted by the API app for
the right role (200) and refused for the wrong one (403)."""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.local_stack.auth_emulator import AUTH_EMULATOR_PROJECT, RunningAuthEmulator, start_auth_emulator_and_wait
from ops.local_stack.auth_emulator_accounts import AuthEmulatorError, create_account, sign_in_with_password
from ops.local_stack.demo_users import DEMO_PASSWORD, DEMO_USERS, demo_user, seed_demo_users
from ops.local_stack.emulators import RunningEmulators
from ops.local_stack.local_paths import new_log_dir
from ops.local_stack.managed_process import _group_alive
from pipeline_kit.firestore.firestore_client import reset_firestore_client

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def auth_emulator() -> Iterator[RunningAuthEmulator]:
    emulator = start_auth_emulator_and_wait(new_log_dir("tests-auth-emulator"))
    try:
        seed_demo_users(emulator)
        yield emulator
    finally:
        emulator.stop()
    assert not _group_alive(emulator.process.pid), "the emulator's process group outlived stop()"


@pytest.fixture
def api(
    emulators: RunningEmulators, auth_emulator: RunningAuthEmulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Any:
    for name, value in auth_emulator.environment().items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FIREBASE_PROJECT_ID", AUTH_EMULATOR_PROJECT)
    monkeypatch.delenv("API_AUTH_DEV_ISSUER", raising=False)
    monkeypatch.delenv("K_SERVICE", raising=False)
    reset_firestore_client()
    from wild_workouts import bootstrap

    return bootstrap.firestore_api_app(bootstrap.settings()).test_client()


def _claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))


def test_every_demo_user_signs_in_with_its_role_and_name(auth_emulator: RunningAuthEmulator) -> None:
    for user in DEMO_USERS:
        claims = _claims(sign_in_with_password(auth_emulator.url, user.email, DEMO_PASSWORD))
        assert (claims["sub"], claims["role"], claims["name"]) == (user.uid, user.role, user.display_name)
        assert claims["aud"] == AUTH_EMULATOR_PROJECT


def test_a_wrong_password_is_refused(auth_emulator: RunningAuthEmulator) -> None:
    with pytest.raises(AuthEmulatorError, match="INVALID"):
        sign_in_with_password(auth_emulator.url, demo_user("alice").email, "not-the-password")


def test_the_emulator_token_is_200_for_the_right_role_and_403_for_the_wrong_one(
    auth_emulator: RunningAuthEmulator, api: Any
) -> None:
    alice = sign_in_with_password(auth_emulator.url, demo_user("alice").email, DEMO_PASSWORD)
    trainer = sign_in_with_password(auth_emulator.url, demo_user("trainer").email, DEMO_PASSWORD)
    calendar = "/trainer/calendar?date_from=2026-12-01&date_to=2026-12-01"

    balance = api.get("/users/me/balance", headers={"Authorization": f"Bearer {alice}"})
    refused = api.get(calendar, headers={"Authorization": f"Bearer {alice}"})
    allowed = api.get(calendar, headers={"Authorization": f"Bearer {trainer}"})

    assert balance.status_code == 200, balance.json
    assert (refused.status_code, refused.json["code"]) == (403, "forbidden")
    assert allowed.status_code == 200, allowed.json


def test_a_fresh_user_without_a_role_is_403_not_401(auth_emulator: RunningAuthEmulator, api: Any, unique: str) -> None:
    email = f"new-{unique}@wild-workouts.test"
    create_account(
        auth_emulator.url,
        AUTH_EMULATOR_PROJECT,
        uid=f"new-{unique}",
        email=email,
        password="pw-123456",
        display_name="N",
    )
    token = sign_in_with_password(auth_emulator.url, email, "pw-123456")

    response = api.get("/users/me/balance", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 403


def test_an_emulator_token_of_another_project_is_401(auth_emulator: RunningAuthEmulator, api: Any) -> None:
    token = sign_in_with_password(auth_emulator.url, demo_user("admin").email, DEMO_PASSWORD)
    header, _, _ = token.split(".")
    claims = {**_claims(token), "aud": "another-project", "iss": "https://securetoken.google.com/another-project"}
    forged = f"{header}.{base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b'=').decode()}."

    response = api.get("/users/me/balance", headers={"Authorization": f"Bearer {forged}"})

    assert response.status_code == 401


def test_the_api_does_not_trust_the_emulator_without_the_variable(
    auth_emulator: RunningAuthEmulator, api: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FIREBASE_AUTH_EMULATOR_HOST")
    from wild_workouts import bootstrap

    bootstrap.reset()  # the settings are read once: read them again without the variable

    production = bootstrap.firestore_api_app(bootstrap.settings()).test_client()
    token = sign_in_with_password(auth_emulator.url, demo_user("alice").email, DEMO_PASSWORD)

    assert "FIREBASE_AUTH_EMULATOR_HOST" not in os.environ
    assert production.get("/users/me/balance", headers={"Authorization": f"Bearer {token}"}).status_code == 401
