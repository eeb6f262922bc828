"""JwtVerifier: the good token passes, every forgery is refused with its reason."""

import datetime
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, utils
from cryptography.x509.oid import NameOID

from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.invalid_token import InvalidToken
from pipeline_kit.auth.jwt_verifier import JwtVerifier
from pipeline_kit.auth.rs256_token_signer import base64url
from tests.unit.kit.auth.conftest import (
    AUDIENCE,
    KEY_ID,
    NOW,
    CountingCertificateSource,
    SigningKey,
    push_claims,
    unsigned_token,
)

pytestmark = pytest.mark.unit

ISSUERS = ("https://accounts.google.com", "accounts.google.com")


def _verifier(source: Any) -> JwtVerifier:
    return JwtVerifier(source, issuers=ISSUERS, audiences=[AUDIENCE], clock=lambda: NOW)


def _hs256(claims: dict[str, Any], secret: bytes) -> str:
    header = base64url(json.dumps({"alg": "HS256", "kid": KEY_ID, "typ": "JWT"}).encode())
    payload = base64url(json.dumps(claims).encode())
    mac = hmac.new(secret, f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{base64url(mac)}"


def _es256(claims: dict[str, Any]) -> str:
    key = ec.generate_private_key(ec.SECP256R1())
    header = base64url(json.dumps({"alg": "ES256", "kid": KEY_ID}).encode())
    payload = base64url(json.dumps(claims).encode())
    der = key.sign(f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
    r, s = utils.decode_dss_signature(der)
    return f"{header}.{payload}.{base64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def _self_signed_certificate(key: SigningKey) -> str:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "test")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.private.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2100, 1, 1))
        .sign(key.private, hashes.SHA256())
    )
    return certificate.public_bytes(serialization.Encoding.PEM).decode("ascii")


Forgery = Callable[[SigningKey, SigningKey], str]

FORGERIES: list[tuple[str, Forgery, str]] = [
    ("empty", lambda good, bad: "", "malformed"),
    ("not three parts", lambda good, bad: "abc.def", "malformed"),
    ("four parts", lambda good, bad: good.sign(push_claims()) + ".x", "malformed"),
    (
        "empty signature",
        lambda good, bad: good.sign(push_claims()).rsplit(".", 1)[0] + ".",
        "malformed",
    ),
    ("bad base64", lambda good, bad: "e30.e30!.c2ln", "malformed"),
    ("padded base64", lambda good, bad: "e30=.e30.c2ln", "malformed"),
    ("header not JSON", lambda good, bad: f"{base64url(b'not json')}.e30.c2ln", "malformed"),
    ("header a JSON array", lambda good, bad: f"{base64url(b'[]')}.e30.c2ln", "malformed"),
    (
        "claims not JSON",
        lambda good, bad: f"{base64url(json.dumps({'alg': 'RS256', 'kid': KEY_ID}).encode())}.{base64url(b'{')}.c2ln",
        "malformed",
    ),
    ("too long", lambda good, bad: "a" * 20_000 + ".b.c", "malformed"),
    (
        "alg none",
        lambda good, bad: unsigned_token({"alg": "none", "kid": KEY_ID}, push_claims(), b""),
        "malformed",  # an empty signature segment is refused before alg is even read
    ),
    (
        "alg none with a signature",
        lambda good, bad: unsigned_token({"alg": "none", "kid": KEY_ID}, push_claims(), b"x"),
        "unsupported_algorithm",
    ),
    (
        "alg None spelled differently",
        lambda good, bad: unsigned_token({"alg": "NONE", "kid": KEY_ID}, push_claims(), b"x"),
        "unsupported_algorithm",
    ),
    (
        "HS256 with the public key PEM as secret",
        lambda good, bad: _hs256(push_claims(), good.public_pem.encode()),
        "unsupported_algorithm",
    ),
    ("ES256", lambda good, bad: _es256(push_claims()), "unsupported_algorithm"),
    ("signed by another key", lambda good, bad: bad.sign(push_claims()), "bad_signature"),
    (
        "claims tampered after signing",
        lambda good, bad: _tampered(good.sign(push_claims())),
        "bad_signature",
    ),
    ("no kid", lambda good, bad: good.sign(push_claims(), kid=None), "malformed"),
    ("unknown kid", lambda good, bad: good.sign(push_claims(), kid="nobody"), "unknown_key"),
    (
        "wrong audience",
        lambda good, bad: good.sign(push_claims(aud="https://other")),
        "wrong_audience",
    ),
    ("audience missing", lambda good, bad: good.sign(push_claims(aud=None)), "wrong_audience"),
    (
        "audience list with a non-string",
        lambda good, bad: good.sign(push_claims(aud=[AUDIENCE, 7])),
        "wrong_audience",
    ),
    (
        "issuer not a string",
        lambda good, bad: good.sign(push_claims(iss=["https://accounts.google.com"])),
        "wrong_issuer",
    ),
    (
        "audience list without ours",
        lambda good, bad: good.sign(push_claims(aud=["a", "b"])),
        "wrong_audience",
    ),
    (
        "wrong issuer",
        lambda good, bad: good.sign(push_claims(iss="https://evil.example")),
        "wrong_issuer",
    ),
    ("issuer missing", lambda good, bad: good.sign(push_claims(iss=None)), "wrong_issuer"),
    (
        "expired beyond skew",
        lambda good, bad: good.sign(push_claims(iat=NOW - 4000, exp=NOW - 31)),
        "expired",
    ),
    (
        "expires exactly at the end of the skew",
        lambda good, bad: good.sign(push_claims(iat=NOW - 4000, exp=NOW - 30)),
        "expired",
    ),
    ("no exp", lambda good, bad: good.sign(push_claims(exp=None)), "malformed"),
    ("exp a string", lambda good, bad: good.sign(push_claims(exp="soon")), "malformed"),
    ("exp a boolean", lambda good, bad: good.sign(push_claims(exp=True)), "malformed"),
    ("exp huge", lambda good, bad: good.sign(push_claims(exp=10**400)), "malformed"),
    (
        "issued in the future beyond skew",
        lambda good, bad: good.sign(push_claims(iat=NOW + 31)),
        "not_yet_valid",
    ),
    (
        "not valid before, beyond skew",
        lambda good, bad: good.sign(push_claims(nbf=NOW + 120)),
        "not_yet_valid",
    ),
    ("no iat", lambda good, bad: good.sign(push_claims(iat=None)), "malformed"),
    # RFC 7515 4.1.11: a crit naming an extension the verifier does not understand is invalid
    (
        "crit names an unknown extension",
        lambda good, bad: good.sign(push_claims(), crit=["http://example.com/ext"]),
        "unsupported_critical_header",
    ),
    ("crit empty", lambda good, bad: good.sign(push_claims(), crit=[]), "unsupported_critical_header"),
    (  # RFC 7797's unencoded payload: PyJWT understands it, no token here may use it
        "crit b64 with an unencoded payload",
        lambda good, bad: good.sign(push_claims(), crit=["b64"], b64=False),
        "unsupported_critical_header",
    ),
    ("crit not a list", lambda good, bad: good.sign(push_claims(), crit="exp"), "unsupported_critical_header"),
]


def _tampered(token: str) -> str:
    header, _, signature = token.split(".")
    claims = base64url(json.dumps(push_claims(email="admin@example.com")).encode())
    return f"{header}.{claims}.{signature}"


@pytest.mark.parametrize(
    ("forge", "reason"),
    [case[1:] for case in FORGERIES],
    ids=[case[0] for case in FORGERIES],
)
def test_forged_token_is_refused_with_its_reason(
    google_key: SigningKey, attacker_key: SigningKey, forge: Forgery, reason: str
) -> None:
    verifier = _verifier(StaticCertificateSource({KEY_ID: google_key.public_pem}))

    with pytest.raises(InvalidToken) as raised:
        verifier.verify(forge(google_key, attacker_key))

    assert raised.value.reason == reason


def test_header_alg_is_checked_even_when_the_signature_is_rs256(google_key: SigningKey) -> None:
    token = google_key.sign(push_claims())
    header = base64url(json.dumps({"alg": "PS256", "kid": KEY_ID}).encode())
    forged = header + token[token.index(".") :]
    verifier = _verifier(StaticCertificateSource({KEY_ID: google_key.public_pem}))

    with pytest.raises(InvalidToken, match="unsupported_algorithm"):
        verifier.verify(forged)


def test_good_token_is_accepted_and_its_claims_returned(google_key: SigningKey) -> None:
    verifier = _verifier(StaticCertificateSource({KEY_ID: google_key.public_pem}))

    claims = verifier.verify(google_key.sign(push_claims()))

    assert claims["email"] == push_claims()["email"]
    assert claims["aud"] == AUDIENCE


@pytest.mark.parametrize(
    "overrides",
    [
        {"iss": "accounts.google.com"},
        {"aud": ["other", AUDIENCE]},
        {"iat": NOW + 29, "exp": NOW + 3600},
        {"iat": NOW - 4000, "exp": NOW - 29},
        {"nbf": NOW + 29},
    ],
    ids=["short issuer", "audience list", "iat within skew", "exp within skew", "nbf within skew"],
)
def test_tolerated_variants_are_accepted(google_key: SigningKey, overrides: dict[str, Any]) -> None:
    verifier = _verifier(StaticCertificateSource({KEY_ID: google_key.public_pem}))

    assert verifier.verify(google_key.sign(push_claims(**overrides)))["sub"] == "1234567890"


def test_x509_certificates_are_accepted_as_keys(google_key: SigningKey) -> None:
    verifier = _verifier(StaticCertificateSource({KEY_ID: _self_signed_certificate(google_key)}))

    assert verifier.verify(google_key.sign(push_claims()))["email_verified"] is True


def test_unknown_kid_triggers_exactly_one_refresh(google_key: SigningKey) -> None:
    source = CountingCertificateSource(current={KEY_ID: google_key.public_pem})
    verifier = _verifier(source)

    with pytest.raises(InvalidToken, match="unknown_key"):
        verifier.verify(google_key.sign(push_claims(), kid="rotated-away"))

    assert source.calls == [False, True]


def test_rotated_key_is_found_after_a_refresh(google_key: SigningKey, rotated_key: SigningKey) -> None:
    source = CountingCertificateSource(
        current={KEY_ID: google_key.public_pem},
        after_refresh={KEY_ID: google_key.public_pem, rotated_key.kid: rotated_key.public_pem},
    )
    verifier = _verifier(source)

    assert verifier.verify(rotated_key.sign(push_claims()))["iss"] == ISSUERS[0]
    assert source.calls == [False, True]


def test_known_kid_never_refreshes(google_key: SigningKey) -> None:
    source = CountingCertificateSource(current={KEY_ID: google_key.public_pem})
    verifier = _verifier(source)

    for number in range(3):
        verifier.verify(google_key.sign(push_claims(jti=f"token-{number}")))

    assert source.calls == [False, False, False]


def test_a_verified_token_is_remembered_until_it_expires(google_key: SigningKey) -> None:
    source = CountingCertificateSource(current={KEY_ID: google_key.public_pem})
    now = [NOW]
    verifier = JwtVerifier(source, issuers=ISSUERS, audiences=[AUDIENCE], clock=lambda: now[0])
    token = google_key.sign(push_claims())
    first = verifier.verify(token)

    assert verifier.verify(token) == first
    assert source.calls == [False]  # the second use checked nothing again: the signature was verified once

    now[0] = float(first["exp"]) + 31  # past expiry and the 30 s skew
    with pytest.raises(InvalidToken) as rejected:
        verifier.verify(token)
    assert rejected.value.reason == "expired"


def test_a_forged_copy_of_a_remembered_token_is_still_checked(google_key: SigningKey) -> None:
    verifier = _verifier(StaticCertificateSource({KEY_ID: google_key.public_pem}))
    token = google_key.sign(push_claims())
    verifier.verify(token)
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"

    with pytest.raises(InvalidToken) as rejected:
        verifier.verify(forged)
    assert rejected.value.reason in ("bad_signature", "malformed")


def test_unreadable_or_non_rsa_key_is_an_unknown_key(google_key: SigningKey) -> None:
    ec_pem = (
        ec.generate_private_key(ec.SECP256R1())
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    for pem in ("not a pem", ec_pem):
        verifier = _verifier(StaticCertificateSource({KEY_ID: pem}))
        with pytest.raises(InvalidToken, match="unknown_key"):
            verifier.verify(google_key.sign(push_claims()))


def test_a_verifier_needs_issuers_and_audiences(google_key: SigningKey) -> None:
    source = StaticCertificateSource({KEY_ID: google_key.public_pem})
    with pytest.raises(ValueError, match="issuer"):
        JwtVerifier(source, issuers=[], audiences=[AUDIENCE])
    with pytest.raises(ValueError, match="audience"):
        JwtVerifier(source, issuers=ISSUERS, audiences=[])
