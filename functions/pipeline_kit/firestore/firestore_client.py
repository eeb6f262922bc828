"""One Firestore client per process, created on first use (not at import: cold start)."""

from __future__ import annotations

import os
import threading
from typing import Any

_lock = threading.Lock()
_client: Any = None
_project: tuple[str | None] | None = None


def configure(project_id: str | None) -> None:
    """Build the client for ``project_id`` (None: the Google library's default) from now on. The
    composition root calls it once at start from its settings; a process that never calls it
    uses ``GOOGLE_CLOUD_PROJECT`` or ``GCP_PROJECT`` from its environment."""
    global _project  # noqa: PLW0603 - set once by the composition root
    _project = (project_id or None,)
    reset_firestore_client()


def firestore_client() -> Any:
    """The process-wide ``google.cloud.firestore.Client`` (emulator when FIRESTORE_EMULATOR_HOST is set)."""
    global _client  # noqa: PLW0603 - a process-wide singleton is the point
    if _client is None:
        with _lock:
            if _client is None:
                from google.cloud import firestore

                project = (
                    _project[0]
                    if _project is not None
                    else os.environ.get("GOOGLE_CLOUD_PROJECT") or os.environ.get("GCP_PROJECT") or None
                )
                _client = firestore.Client(project=project)
    return _client


def reset_firestore_client() -> None:
    """Forget the client (tests that switch emulators)."""
    global _client  # noqa: PLW0603
    with _lock:
        _client = None
