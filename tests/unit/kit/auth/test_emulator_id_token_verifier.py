"""The Authentication emulator's unsigned tokens: accepted only where the emulator is configured
(never on Cloud Run), and then still checked for issuer, audience, times and subject."""

import base64
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from pipeline_kit.auth.access_denied import Unauthenticated
from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from pipeline_kit.auth.emulator_id_token_verifier import EmulatorIdTokenVerifier
from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier, firebase_issuer
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from pipeline_kit.auth.invalid_token import InvalidToken
from pipeline_kit.auth.local_sign_in_verifier import LocalSignInVerifier
from tests.unit.kit.auth.conftest import LOCAL_EMULATORS, NOW, SigningKey
from tests.unit.kit.auth.from_environment import api_token_verifier_from_env

pytestmark = pytest.mark.unit

PROJECT = "demo-wild-workouts"
EMULATOR = {"FIREBASE_PROJECT_ID": PROJECT, "FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099", **LOCAL_EMULATORS}


def _segment(value: Mapping[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


def _claims(**overrides: Any) -> dict[str, Any]:
    """What the emulator puts in an ID token (custom claims at the top level)."""
    claims: dict[str, Any] = {
        "name": "Alice Attendee",
        "role": "attendee",
        "email": "alice@wild-workouts.test",
        "email_verified": True,
        "auth_time": int(NOW) - 5,
        "user_id": "alice",
        "firebase": {"identities": {"email": ["alice@wild-workouts.test"]}, "sign_in_provider": "password"},
        "iat": int(NOW) - 5,
        "exp": int(NOW) + 3595,
        "aud": PROJECT,
        "iss": firebase_issuer(PROJECT),
        "sub": "alice",
    }
    claims.update(overrides)
    return {name: value for name, value in claims.items() if value is not None}


def emulator_token(claims: Mapping[str, Any] | None = None, header: Mapping[str, Any] | None = None) -> str:
    return f"{_segment(header or {'alg': 'none', 'typ': 'JWT'})}.{_segment(claims or _claims())}."


def _verifier() -> EmulatorIdTokenVerifier:
    return EmulatorIdTokenVerifier(PROJECT, clock=lambda: NOW)


def test_an_emulator_token_gives_the_caller_with_role_and_name() -> None:
    caller = _verifier().verify(emulator_token())

    assert (caller.uid, caller.role, caller.name) == ("alice", "attendee", "Alice Attendee")
    assert caller.claims["email"] == "alice@wild-workouts.test"


@pytest.mark.parametrize(
    ("token", "reason"),
    [
        (emulator_token(_claims(aud="another-project")), "wrong_audience"),
        (emulator_token(_claims(aud=["another-project"])), "wrong_audience"),
        (emulator_token(_claims(iss="https://securetoken.google.com/another-project")), "wrong_issuer"),
        (emulator_token(_claims(iss="https://dev-issuer.local/demo-wild-workouts")), "wrong_issuer"),
        (emulator_token(_claims(exp=int(NOW) - 31)), "expired"),
        (emulator_token(_claims(exp=None)), "malformed"),
        (emulator_token(_claims(iat=int(NOW) + 600)), "not_yet_valid"),
        (emulator_token(_claims(iat=None)), "malformed"),
        (emulator_token(_claims(nbf=int(NOW) + 600)), "not_yet_valid"),
        (emulator_token(_claims(auth_time=None)), "malformed"),
        (emulator_token(_claims(auth_time="now")), "malformed"),
        (emulator_token(_claims(auth_time=int(NOW) + 86400)), "not_yet_valid"),
        (emulator_token(header={"alg": "none", "crit": ["b64"], "b64": False}), "unsupported_critical_header"),
        (emulator_token(header={"alg": "none", "crit": []}), "unsupported_critical_header"),
        (emulator_token(_claims(sub="")), "malformed"),
        (emulator_token(_claims(sub=None)), "malformed"),
        (emulator_token(_claims(sub="x" * 129)), "malformed"),
        (emulator_token(header={"alg": "RS256", "typ": "JWT"}), "unsupported_algorithm"),
        (emulator_token(header={"alg": "None", "typ": "JWT"}), "unsupported_algorithm"),
        (emulator_token(header={"typ": "JWT"}), "unsupported_algorithm"),
        (emulator_token() + "c2lnbmF0dXJl", "malformed"),  # an unsigned token carries no signature
        (emulator_token().rstrip("."), "malformed"),
        ("not-a-token", "malformed"),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 30 else None,
)
def test_forged_or_stale_emulator_tokens_are_refused(token: str, reason: str) -> None:
    with pytest.raises(InvalidToken) as refused:
        _verifier().verify(token)

    assert refused.value.reason == reason


def test_authenticate_answers_401_with_the_reason() -> None:
    with pytest.raises(Unauthenticated) as refused:
        _verifier().authenticate(f"Bearer {emulator_token(_claims(aud='x'))}")

    assert (refused.value.http_status, refused.value.reason) == (401, "wrong_audience")


# -- from the environment ------------------------------------------------------------------------


def test_without_the_emulator_variable_an_unsigned_token_is_401() -> None:
    verifier = api_token_verifier_from_env({"FIREBASE_PROJECT_ID": PROJECT})

    assert isinstance(verifier, FirebaseIdTokenVerifier)  # production: RS256 only, Google's keys
    with pytest.raises(Unauthenticated) as refused:
        verifier.authenticate(f"Bearer {emulator_token()}")
    assert refused.value.reason == "malformed"  # no signature: not even a candidate for RS256


def test_with_the_dev_issuer_only_an_unsigned_token_is_401(tmp_path: Path) -> None:
    key_file = tmp_path / "dev-issuer.pem"
    key_file.write_bytes(DevTokenIssuer(PROJECT).private_key_pem)
    verifier = api_token_verifier_from_env(
        {
            "FIREBASE_PROJECT_ID": PROJECT,
            "API_AUTH_DEV_ISSUER": "true",
            "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file),
            **LOCAL_EMULATORS,
        }
    )

    with pytest.raises(Unauthenticated) as refused:
        verifier.authenticate(f"Bearer {emulator_token()}")
    assert refused.value.reason == "unsupported_algorithm"


@pytest.mark.parametrize("dev_issuer", [False, True])
def test_the_emulator_is_refused_on_cloud_run(dev_issuer: bool, tmp_path: Path) -> None:
    environ = {**EMULATOR, "K_SERVICE": "api"}
    if dev_issuer:
        key_file = tmp_path / "dev-issuer.pem"
        key_file.write_bytes(DevTokenIssuer(PROJECT).private_key_pem)
        environ |= {"API_AUTH_DEV_ISSUER": "true", "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file)}

    with pytest.raises(InsecureConfiguration, match="K_SERVICE"):
        api_token_verifier_from_env(environ)


def test_with_the_emulator_variable_its_tokens_are_accepted() -> None:
    verifier = api_token_verifier_from_env(EMULATOR)

    assert isinstance(verifier, LocalSignInVerifier)
    assert verifier.algorithms == {"none"}
    caller = verifier.authenticate(f"Bearer {emulator_token(_claims(iat=None, exp=None) | _fresh_times())}")
    assert (caller.uid, caller.role, caller.name) == ("alice", "attendee", "Alice Attendee")


def test_with_the_emulator_only_signed_tokens_are_refused(google_key: SigningKey) -> None:
    """With the emulator configured, an RS256 token (even a real-looking Firebase one) has no
    verifier locally: the production path is not half-enabled."""
    verifier = api_token_verifier_from_env(EMULATOR)
    signed = google_key.sign(_claims(iat=None, exp=None) | _fresh_times())

    with pytest.raises(Unauthenticated) as refused:
        verifier.authenticate(f"Bearer {signed}")
    assert refused.value.reason == "unsupported_algorithm"


def test_both_local_issuers_together_each_checked_by_its_own_rules(tmp_path: Path) -> None:
    dev = DevTokenIssuer(PROJECT)
    key_file = tmp_path / "dev-issuer.pem"
    key_file.write_bytes(dev.private_key_pem)
    verifier = api_token_verifier_from_env(
        {**EMULATOR, "API_AUTH_DEV_ISSUER": "true", "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file)}
    )

    assert verifier.verify(dev.mint("trainer", role="trainer", name="Tom Trainer")).role == "trainer"
    assert verifier.verify(emulator_token(_claims(iat=None, exp=None) | _fresh_times())).uid == "alice"
    # An unsigned token claiming the development issuer is not the emulator's: refused.
    forged = emulator_token(_claims(iss=dev.issuer, iat=None, exp=None) | _fresh_times())
    with pytest.raises(InvalidToken) as refused:
        verifier.verify(forged)
    assert refused.value.reason == "wrong_issuer"


def test_a_blank_emulator_variable_means_production() -> None:
    verifier = api_token_verifier_from_env({"FIREBASE_PROJECT_ID": PROJECT, "FIREBASE_AUTH_EMULATOR_HOST": "  "})

    assert isinstance(verifier, FirebaseIdTokenVerifier)


def _fresh_times() -> dict[str, int]:
    import time

    now = int(time.time())
    return {"iat": now - 5, "auth_time": now - 5, "exp": now + 3600}
