"""One Firestore client per process, created on first use (not at import: cold start)."""

from __future__ import annotations

import os
import threading
from typing import Any

_lock = threading.Lock()
_client: Any = None


def firestore_client() -> Any:
    """The process-wide ``google.cloud.firestore.Client`` (emulator when FIRESTORE_EMULATOR_HOST is set)."""
    global _client  # noqa: PLW0603 - a process-wide singleton is the point
    if _client is None:
        with _lock:
            if _client is None:
                from google.cloud import firestore

                project = os.environ.get("GOOGLE_CLOUD_PROJECT") or os.environ.get("GCP_PROJECT") or None
                _client = firestore.Client(project=project)
    return _client


def reset_firestore_client() -> None:
    """Forget the client (tests that switch emulators)."""
    global _client  # noqa: PLW0603
    with _lock:
        _client = None
