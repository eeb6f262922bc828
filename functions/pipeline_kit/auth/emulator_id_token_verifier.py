"""The unsigned ID tokens of the Firebase Authentication emulator (local sign-in only).

The emulator signs nothing: its tokens are ``header.payload.`` with ``{"alg": "none"}``. Anyone
can forge one, so this verifier must never run where real users are: api_token_verifier_factory
builds it only while ``FIREBASE_AUTH_EMULATOR_HOST`` is set, and only in a process that proves
it is local (``local_process_proof``: not on Cloud Run, every backend an emulator on loopback).
Every other check of a Firebase ID token still applies.
"""

import time
import types
from collections.abc import Callable

from pipeline_kit.auth._jwt_decoding import checked_header, unsigned_claims
from pipeline_kit.auth._registered_claims import check_auth_time, check_times
from pipeline_kit.auth.firebase_id_token_verifier import (
    ApiCaller,
    api_caller_from_claims,
    authenticate_bearer,
    firebase_issuer,
)
from pipeline_kit.auth.invalid_token import InvalidToken

_UNSIGNED = "none"


class EmulatorIdTokenVerifier:
    """``alg`` exactly ``none`` with an empty signature, ``iss`` ``https://securetoken.google.com/<project>``
    (the emulator uses the production issuer), ``aud`` ``<project>``, ``exp`` / ``iat`` / ``nbf``
    and ``auth_time`` (required, not in the future) with ``clock_skew_seconds`` of tolerance, no
    ``crit`` header, and a non-empty ``sub`` of at most 128 characters.

    ``verify`` raises InvalidToken with a reason code; ``authenticate`` turns it into
    Unauthenticated (401).
    """

    def __init__(
        self,
        project_id: str,
        *,
        clock: Callable[[], float] = time.time,
        clock_skew_seconds: float = 30,
    ) -> None:
        self._issuers = frozenset([firebase_issuer(project_id)])
        self._audiences = frozenset([project_id])
        self._clock = clock
        self._skew = clock_skew_seconds

    def verify(self, token: str) -> ApiCaller:
        if checked_header(token, signed=False).get("alg") != _UNSIGNED:
            raise InvalidToken("unsupported_algorithm")
        claims = unsigned_claims(token, issuers=self._issuers, audiences=self._audiences)
        now = self._clock()
        check_times(claims, now, self._skew)
        check_auth_time(claims, now, self._skew)
        return api_caller_from_claims(types.MappingProxyType(claims))

    def authenticate(self, authorization_header: str | None) -> ApiCaller:
        return authenticate_bearer(self.verify, authorization_header)
