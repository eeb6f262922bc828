"""Locally generated signing keys and token builders: no network, no Google."""

import base64
import json
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pipeline_kit.auth.rs256_token_signer import base64url, sign_rs256

NOW = 1_800_000_000.0
AUDIENCE = "https://trainer.example.run.app/push"
PUSH_EMAIL = "push-invoker@wild-workouts.iam.gserviceaccount.com"
KEY_ID = "google-key-1"
LOCAL_EMULATORS = {"FIRESTORE_EMULATOR_HOST": "127.0.0.1:8080", "PUBSUB_EMULATOR_HOST": "localhost:8085"}
"""What a local process has set: its data and its topics are emulators on this machine."""


@dataclass
class SigningKey:
    private: rsa.RSAPrivateKey
    kid: str

    @property
    def public_pem(self) -> str:
        return (
            self.private.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode("ascii")
        )

    def sign(self, claims: Mapping[str, Any], **header: Any) -> str:
        return sign_rs256({"kid": self.kid, "typ": "JWT", **header}, claims, self.private)


@dataclass
class CountingCertificateSource:
    """Answers ``keys`` from ``current``, swapped for ``after_refresh`` on refresh."""

    current: dict[str, str]
    after_refresh: dict[str, str] | None = None
    calls: list[bool] = field(default_factory=list)

    def keys(self, *, refresh: bool = False) -> Mapping[str, str]:
        self.calls.append(refresh)
        if refresh and self.after_refresh is not None:
            self.current = self.after_refresh
        return self.current


def push_claims(**overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = {
        "iss": "https://accounts.google.com",
        "aud": AUDIENCE,
        "azp": "1234567890",
        "email": PUSH_EMAIL,
        "email_verified": True,
        "sub": "1234567890",
        "iat": int(NOW) - 60,
        "exp": int(NOW) + 3540,
    }
    claims.update(overrides)
    return {name: value for name, value in claims.items() if value is not None}


def unsigned_token(header: Mapping[str, Any], claims: Mapping[str, Any], signature: bytes) -> str:
    def segment(value: Mapping[str, Any]) -> str:
        return base64url(json.dumps(value).encode())

    return f"{segment(header)}.{segment(claims)}.{base64url(signature)}"


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unit tests never reach Google: any connection attempt fails the test loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("unit tests must not open network connections")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="session")
def google_key() -> SigningKey:
    return SigningKey(rsa.generate_private_key(public_exponent=65537, key_size=2048), KEY_ID)


@pytest.fixture(scope="session")
def attacker_key() -> SigningKey:
    return SigningKey(rsa.generate_private_key(public_exponent=65537, key_size=2048), KEY_ID)


@pytest.fixture(scope="session")
def rotated_key() -> SigningKey:
    return SigningKey(rsa.generate_private_key(public_exponent=65537, key_size=2048), "google-key-2")
