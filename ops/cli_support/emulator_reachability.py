"""Fail fast, in one line, when an emulator variable points at nothing.

The Google client libraries retry an unreachable emulator for a minute before giving up; an
operator who forgot to start the local stack should hear about it at once instead.
"""

from __future__ import annotations

import os
import socket

from ops.cli_support.operator_error import OperatorError


def require_reachable(variable: str, timeout_seconds: float = 2.0) -> None:
    """If ``variable`` (e.g. ``PUBSUB_EMULATOR_HOST``) is set, its host:port must accept connections."""
    address = os.environ.get(variable, "").strip()
    if not address:
        return
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host or "127.0.0.1", int(port)), timeout=timeout_seconds):
            return
    except (OSError, ValueError):
        raise OperatorError(
            f"no emulator reachable at {address} ({variable}): start the local stack (`python -m ops dev`) "
            f"or unset {variable} to use Google Cloud"
        ) from None
