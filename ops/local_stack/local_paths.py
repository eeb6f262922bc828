"""Where the local stack keeps its logs (a git-ignored folder in the repository)."""

from __future__ import annotations

import os
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def new_log_dir(kind: str) -> Path:
    """``.local/logs/<kind>-<timestamp>-<pid>/``, created."""
    base = Path(os.environ.get("LOCAL_STACK_LOG_ROOT", REPO_ROOT / ".local" / "logs"))
    path = base / f"{kind}-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path
