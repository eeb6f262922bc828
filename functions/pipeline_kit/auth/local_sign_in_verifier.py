"""The local API's verifier: the development issuer's tokens and/or the Authentication emulator's.

Each token goes to the one verifier for its header's ``alg`` (``RS256`` → the development
issuer, ``none`` → the emulator), so an unsigned token never reaches a signature check it could
slip past, and a signed one never reaches the unsigned path. Built by
api_token_verifier_factory only in a process that proves it is local (``local_process_proof``).
"""

from collections.abc import Mapping

from pipeline_kit.auth._jwt_decoding import header_algorithm
from pipeline_kit.auth.api_token_verifier import ApiTokenVerifier
from pipeline_kit.auth.firebase_id_token_verifier import ApiCaller, authenticate_bearer
from pipeline_kit.auth.invalid_token import InvalidToken


class LocalSignInVerifier:
    """Routes a token by its ``alg`` to ``verifiers_by_algorithm``; an algorithm with no verifier
    is InvalidToken("unsupported_algorithm")."""

    def __init__(self, verifiers_by_algorithm: Mapping[str, ApiTokenVerifier]) -> None:
        if not verifiers_by_algorithm:
            raise ValueError("a LocalSignInVerifier needs at least one verifier")
        self._verifiers = dict(verifiers_by_algorithm)

    @property
    def algorithms(self) -> frozenset[str]:
        return frozenset(self._verifiers)

    def verify(self, token: str) -> ApiCaller:
        verifier = self._verifiers.get(header_algorithm(token) or "")
        if verifier is None:
            raise InvalidToken("unsupported_algorithm")
        return verifier.verify(token)

    def authenticate(self, authorization_header: str | None) -> ApiCaller:
        return authenticate_bearer(self.verify, authorization_header)
