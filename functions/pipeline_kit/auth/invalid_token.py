"""The error raised for a JWT that must not be trusted."""

from typing import Literal

TokenRejection = Literal[
    "malformed",
    "unsupported_algorithm",
    "unsupported_critical_header",
    "unknown_key",
    "bad_signature",
    "wrong_issuer",
    "wrong_audience",
    "expired",
    "not_yet_valid",
]
"""Short, stable reason codes: safe to log and to count in metrics, never token content."""


class InvalidToken(Exception):
    """The token is not valid; ``reason`` says why. Retrying the same token will not help."""

    def __init__(self, reason: TokenRejection) -> None:
        super().__init__(reason)
        self.reason: TokenRejection = reason
