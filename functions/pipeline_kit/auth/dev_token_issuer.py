"""A local stand-in for Firebase Authentication: mints RS256 ID tokens with its own key.

Only in a process that proves it is local: api_token_verifier_factory (and the application's
token minting) refuse it otherwise, see ``local_process_proof``.
"""

import time
from collections.abc import Callable, Mapping
from typing import Any

from pipeline_kit.auth.certificate_source import StaticCertificateSource
from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier
from pipeline_kit.auth.rs256_token_signer import sign_rs256


def dev_issuer(project_id: str) -> str:
    return f"https://dev-issuer.local/{project_id}"


class DevTokenIssuer:
    """Generates an RSA key pair (or loads ``private_key_pem``, so that a test harness and a
    server process can share one) and mints Firebase-shaped ID tokens."""

    key_id = "dev-issuer-key"

    def __init__(
        self,
        project_id: str,
        *,
        private_key_pem: bytes | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        if private_key_pem is None:
            self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        else:
            loaded = serialization.load_pem_private_key(private_key_pem, password=None)
            if not isinstance(loaded, rsa.RSAPrivateKey):
                raise ValueError("the development issuer needs an RSA private key")
            self._key = loaded
        self.project_id = project_id
        self.issuer = dev_issuer(project_id)
        self._clock = clock
        public_pem = self._key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.certificates = StaticCertificateSource({self.key_id: public_pem.decode("ascii")})

    @property
    def private_key_pem(self) -> bytes:
        """Unencrypted PKCS#8 PEM: write it to a file only for local runs."""
        from cryptography.hazmat.primitives import serialization

        return self._key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )

    def mint(
        self,
        uid: str,
        role: str | None = None,
        name: str | None = None,
        ttl_seconds: int = 3600,
        extra_claims: Mapping[str, Any] | None = None,
    ) -> str:
        """A signed ID token for ``uid``, valid from now for ``ttl_seconds``."""
        now = int(self._clock())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.project_id,
            "sub": uid,
            "user_id": uid,
            "iat": now,
            "auth_time": now,
            "exp": now + ttl_seconds,
        }
        if role is not None:
            claims["role"] = role
        if name is not None:
            claims["name"] = name
        claims.update(extra_claims or {})
        return sign_rs256({"kid": self.key_id, "typ": "JWT"}, claims, self._key)

    def verifier(self) -> FirebaseIdTokenVerifier:
        """A verifier that trusts exactly this issuer's tokens."""
        return FirebaseIdTokenVerifier(
            self.project_id, certificates=self.certificates, issuer=self.issuer, clock=self._clock
        )
