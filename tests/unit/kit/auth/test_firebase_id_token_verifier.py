"""Firebase ID tokens for the HTTP API, and the development issuer that stands in locally."""

from typing import Any

import pytest

from pipeline_kit.auth.access_denied import Unauthenticated
from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer, dev_issuer
from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier, firebase_issuer
from pipeline_kit.auth.invalid_token import InvalidToken
from tests.unit.kit.auth.conftest import KEY_ID, NOW, SigningKey

pytestmark = pytest.mark.unit

PROJECT = "wild-workouts-test"


def _firebase_claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": firebase_issuer(PROJECT),
        "aud": PROJECT,
        "sub": "user-1",
        "user_id": "user-1",
        "auth_time": int(NOW) - 10,
        "iat": int(NOW) - 10,
        "exp": int(NOW) + 3590,
        "role": "trainer",
        "name": "Mariusz",
    }
    claims.update(overrides)
    return {name: value for name, value in claims.items() if value is not None}


def _verifier(key: SigningKey) -> FirebaseIdTokenVerifier:
    return FirebaseIdTokenVerifier(
        PROJECT,
        certificates=StaticCertificateSource({KEY_ID: key.public_pem}),
        clock=lambda: NOW,
    )


def test_firebase_token_gives_uid_role_and_name(google_key: SigningKey) -> None:
    caller = _verifier(google_key).verify(google_key.sign(_firebase_claims()))

    assert (caller.uid, caller.role, caller.name) == ("user-1", "trainer", "Mariusz")
    assert caller.claims["aud"] == PROJECT


def test_role_and_name_are_none_when_absent_or_not_strings(google_key: SigningKey) -> None:
    token = google_key.sign(_firebase_claims(role=["admin"], name=None))

    caller = _verifier(google_key).verify(token)

    assert (caller.role, caller.name) == (None, None)


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"iss": "https://accounts.google.com"}, "wrong_issuer"),
        ({"iss": firebase_issuer("another-project")}, "wrong_issuer"),
        ({"iss": dev_issuer(PROJECT)}, "wrong_issuer"),
        ({"aud": "another-project"}, "wrong_audience"),
        ({"sub": None}, "malformed"),
        ({"sub": ""}, "malformed"),
        ({"sub": "x" * 129}, "malformed"),
        ({"sub": 42}, "malformed"),
        ({"exp": int(NOW) - 100, "iat": int(NOW) - 4000}, "expired"),
        # auth_time (when the user signed in): required, a number, not in the future (30 s skew)
        ({"auth_time": None}, "malformed"),
        ({"auth_time": "yesterday"}, "malformed"),
        ({"auth_time": True}, "malformed"),
        ({"auth_time": float("nan")}, "malformed"),
        ({"auth_time": int(NOW) + 86400}, "not_yet_valid"),  # the finding: a day ahead was accepted
        ({"auth_time": int(NOW) + 31}, "not_yet_valid"),
    ],
)
def test_bad_firebase_tokens_are_refused(google_key: SigningKey, overrides: dict[str, Any], reason: str) -> None:
    with pytest.raises(InvalidToken) as raised:
        _verifier(google_key).verify(google_key.sign(_firebase_claims(**overrides)))

    assert raised.value.reason == reason


@pytest.mark.parametrize("auth_time", [int(NOW) + 30, int(NOW) - 7 * 86400, 0])
def test_auth_time_within_the_skew_or_long_ago_is_accepted(google_key: SigningKey, auth_time: int) -> None:
    """A session signed in a week ago refreshes its ID token hourly with the same auth_time."""
    assert _verifier(google_key).verify(google_key.sign(_firebase_claims(auth_time=auth_time))).uid == "user-1"


def test_auth_time_is_checked_on_every_use_of_a_remembered_token(google_key: SigningKey) -> None:
    """The RS256 verifier remembers verified tokens; the auth_time check is not skipped then."""
    moment = [NOW - 100]
    verifier = FirebaseIdTokenVerifier(
        PROJECT, certificates=StaticCertificateSource({KEY_ID: google_key.public_pem}), clock=lambda: moment[0]
    )
    token = google_key.sign(_firebase_claims(auth_time=int(NOW), iat=int(NOW) - 200))
    with pytest.raises(InvalidToken, match="not_yet_valid"):
        verifier.verify(token)
    moment[0] = NOW
    assert verifier.verify(token).uid == "user-1"


def test_a_crit_header_is_refused(google_key: SigningKey) -> None:
    token = google_key.sign(_firebase_claims(), crit=["exp-extension"], **{"exp-extension": True})

    with pytest.raises(InvalidToken) as raised:
        _verifier(google_key).verify(token)
    assert raised.value.reason == "unsupported_critical_header"


def test_authenticate_maps_header_problems_to_401(google_key: SigningKey) -> None:
    verifier = _verifier(google_key)

    assert verifier.authenticate(f"Bearer {google_key.sign(_firebase_claims())}").uid == "user-1"
    for header, reason in [(None, "missing_token"), ("Bearer x.y.z", "malformed")]:
        with pytest.raises(Unauthenticated) as raised:
            verifier.authenticate(header)
        assert (raised.value.reason, raised.value.http_status) == (reason, 401)


@pytest.fixture(scope="module")
def dev() -> DevTokenIssuer:
    return DevTokenIssuer(PROJECT, clock=lambda: NOW)


def test_dev_issuer_tokens_verify_with_its_own_verifier(dev: DevTokenIssuer) -> None:
    caller = dev.verifier().verify(dev.mint("attendee-7", role="attendee", name="Ana"))

    assert (caller.uid, caller.role, caller.name) == ("attendee-7", "attendee", "Ana")
    assert caller.claims["iss"] == f"https://dev-issuer.local/{PROJECT}"


def test_dev_issuer_tokens_carry_auth_time_and_it_is_checked(dev: DevTokenIssuer) -> None:
    assert dev.verifier().verify(dev.mint("u")).claims["auth_time"] == int(NOW)
    with pytest.raises(InvalidToken, match="not_yet_valid"):
        dev.verifier().verify(dev.mint("u", extra_claims={"auth_time": int(NOW) + 3600}))
    with pytest.raises(InvalidToken, match="malformed"):
        dev.verifier().verify(dev.mint("u", extra_claims={"auth_time": None}))


def test_dev_issuer_tokens_expire(dev: DevTokenIssuer) -> None:
    token = dev.mint("u", ttl_seconds=60)
    later = FirebaseIdTokenVerifier(PROJECT, certificates=dev.certificates, issuer=dev.issuer, clock=lambda: NOW + 120)

    with pytest.raises(InvalidToken, match="expired"):
        later.verify(token)


def test_dev_issuer_tokens_are_refused_by_the_firebase_verifier(dev: DevTokenIssuer) -> None:
    firebase = FirebaseIdTokenVerifier(PROJECT, certificates=dev.certificates, clock=lambda: NOW)

    with pytest.raises(InvalidToken, match="wrong_issuer"):
        firebase.verify(dev.mint("u", role="trainer"))


def test_dev_issuer_can_be_shared_through_its_private_key(dev: DevTokenIssuer) -> None:
    same = DevTokenIssuer(PROJECT, private_key_pem=dev.private_key_pem, clock=lambda: NOW)

    assert same.verifier().verify(dev.mint("u")).uid == "u"
    assert dev.verifier().verify(same.mint("v")).uid == "v"


def test_another_dev_issuer_is_not_trusted(dev: DevTokenIssuer) -> None:
    stranger = DevTokenIssuer(PROJECT, clock=lambda: NOW)

    with pytest.raises(InvalidToken, match="bad_signature"):
        dev.verifier().verify(stranger.mint("u"))
