"""Development tokens minted in one process are accepted by the API's verifier in another."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from pipeline_kit.auth.api_token_verifier_factory import build_api_token_verifier
from pipeline_kit.auth.auth_settings import ApiAuthSettings
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from wild_workouts.http.dev_tokens import mint_dev_token
from wild_workouts.settings import Settings

pytestmark = pytest.mark.unit


def _auth(key_file: Path, **extra: str) -> ApiAuthSettings:
    return _settings(
        {
            "FIREBASE_PROJECT_ID": "demo-project",
            "API_AUTH_DEV_ISSUER": "true",
            "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file),
            "FIRESTORE_EMULATOR_HOST": "127.0.0.1:8080",
            "PUBSUB_EMULATOR_HOST": "127.0.0.1:8085",
            **extra,
        }
    )


def _settings(environ: dict[str, str]) -> ApiAuthSettings:
    return Settings.from_environ(environ).api_auth


def test_a_minted_token_is_accepted_with_its_role_and_name(tmp_path: Path) -> None:
    key_file = tmp_path / "dev" / "key.pem"
    token = mint_dev_token("ann", "attendee", "Ann", auth=_auth(key_file))
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    caller = build_api_token_verifier(_auth(key_file)).authenticate(f"Bearer {token}")
    assert (caller.uid, caller.role, caller.name) == ("ann", "attendee", "Ann")


def test_the_key_file_is_reused_not_replaced(tmp_path: Path) -> None:
    key_file = tmp_path / "key.pem"
    mint_dev_token("a", "attendee", "A", auth=_auth(key_file))
    first = key_file.read_bytes()
    mint_dev_token("b", "trainer", "B", auth=_auth(key_file))
    assert key_file.read_bytes() == first


def test_refused_on_cloud_run_and_without_settings(tmp_path: Path) -> None:
    with pytest.raises(InsecureConfiguration, match="Cloud Run"):
        mint_dev_token("a", "attendee", "A", auth=_auth(tmp_path / "k.pem", K_SERVICE="api"))
    with pytest.raises(InsecureConfiguration, match="API_AUTH_DEV_PRIVATE_KEY_FILE"):
        mint_dev_token("a", "attendee", "A", auth=_settings({"FIREBASE_PROJECT_ID": "p"}))
    with pytest.raises(InsecureConfiguration, match="not a loopback host"):  # not provably local
        mint_dev_token("a", "attendee", "A", auth=_auth(tmp_path / "k.pem", FIRESTORE_EMULATOR_HOST="db:8080"))
