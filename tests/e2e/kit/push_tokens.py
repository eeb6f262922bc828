"""Push OIDC tokens signed with a locally generated RSA key (no Google, no network).

The unit tests' helpers live in a conftest (not importable without pulling its autouse
fixtures), so this small signer builds on the kit's ``sign_rs256`` instead.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from pipeline_kit.auth.rs256_token_signer import base64url, sign_rs256

KEY_ID = "e2e-push-key"
AUDIENCE = "https://counter.example.run.app/push"
PUSH_EMAIL = "push-invoker@wild-workouts-test.iam.gserviceaccount.com"


@dataclass(frozen=True)
class PushTokenSigner:
    private: rsa.RSAPrivateKey
    kid: str = KEY_ID

    @classmethod
    def generate(cls, kid: str = KEY_ID) -> PushTokenSigner:
        return cls(rsa.generate_private_key(public_exponent=65537, key_size=2048), kid)

    @property
    def public_pem(self) -> str:
        return (
            self.private.public_key()
            .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
            .decode("ascii")
        )

    def sign(self, claims: Mapping[str, Any]) -> str:
        return sign_rs256({"kid": self.kid, "typ": "JWT"}, claims, self.private)


def push_claims(**overrides: Any) -> dict[str, Any]:
    """Claims of a valid push token now; an override of ``None`` removes the claim."""
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": "https://accounts.google.com",
        "aud": AUDIENCE,
        "email": PUSH_EMAIL,
        "email_verified": True,
        "sub": "1234567890",
        "iat": now - 10,
        "exp": now + 3600,
    }
    claims.update(overrides)
    return {name: value for name, value in claims.items() if value is not None}


def alg_none_token(claims: Mapping[str, Any], kid: str = KEY_ID) -> str:
    return f"{_segment({'alg': 'none', 'kid': kid, 'typ': 'JWT'})}.{_segment(claims)}."


def hs256_token(claims: Mapping[str, Any], secret: bytes, kid: str = KEY_ID) -> str:
    signing_input = f"{_segment({'alg': 'HS256', 'kid': kid, 'typ': 'JWT'})}.{_segment(claims)}"
    signature = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return f"{signing_input}.{base64url(signature)}"


def _segment(value: Mapping[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode("ascii")
