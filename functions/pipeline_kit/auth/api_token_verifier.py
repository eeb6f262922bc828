"""What the HTTP API needs from a token verifier, whichever issuer stands behind it."""

from typing import Protocol

from pipeline_kit.auth.firebase_id_token_verifier import ApiCaller


class ApiTokenVerifier(Protocol):
    """``verify`` returns the caller or raises InvalidToken; ``authenticate`` reads an
    ``Authorization`` header and raises Unauthenticated (401) instead.
    CertificatesUnavailable may propagate from either (a server fault: answer 5xx)."""

    def verify(self, token: str) -> ApiCaller: ...

    def authenticate(self, authorization_header: str | None) -> ApiCaller: ...
