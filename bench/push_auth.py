"""Push auth ON in the benchmark: a local signing key, its certificate endpoint, one token.

Pub/Sub push attaches a Google-signed OIDC token and reuses it for many pushes until it is
about to expire; the benchmark does the same with its own key: ``PushAuth.start()`` generates
an RSA key, serves its public key at a local URL in the format of Google's certificate endpoint
(``{key id: PEM}``, ``Cache-Control: max-age``) and signs one token valid for the run. Every
client of every target (the anchors too, which ignore it) sends ``authorization``.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

KEY_ID = "bench-push-key"
AUDIENCE = "https://bench.example.run.app/push"
PUSH_EMAIL = "push-invoker@bench.iam.gserviceaccount.com"
TOKEN_LIFETIME_SECONDS = 3 * 3600


@dataclass
class PushAuth:
    token: str
    certs_url: str
    _server: ThreadingHTTPServer

    @property
    def authorization(self) -> str:
        return f"Bearer {self.token}"

    def server_environment(self) -> dict[str, str]:
        """What a project server needs to verify the token (auth on, local certificates)."""
        return {
            "PUSH_AUTH_DISABLED": "false",
            "PUSH_AUTH_AUDIENCE": AUDIENCE,
            "PUSH_AUTH_ALLOWED_EMAILS": PUSH_EMAIL,
            "BENCH_PUSH_CERTS_URL": self.certs_url,
        }

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @classmethod
    def start(cls) -> PushAuth:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        from pipeline_kit.auth.rs256_token_signer import sign_rs256

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        body = json.dumps({KEY_ID: pem.decode("ascii")}).encode()
        now = int(time.time())
        claims = {
            "iss": "https://accounts.google.com",
            "aud": AUDIENCE,
            "email": PUSH_EMAIL,
            "email_verified": True,
            "sub": "1",
            "iat": now,
            "exp": now + TOKEN_LIFETIME_SECONDS,
        }
        token = sign_rs256({"kid": KEY_ID, "typ": "JWT", "alg": "RS256"}, claims, key)
        server = ThreadingHTTPServer(("127.0.0.1", 0), _certificates_handler(body))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name="bench-certs", daemon=True).start()
        return cls(token, f"http://127.0.0.1:{server.server_address[1]}/certs", server)


def _certificates_handler(body: bytes) -> type[BaseHTTPRequestHandler]:
    class Certificates(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "public, max-age=21600")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    return Certificates
