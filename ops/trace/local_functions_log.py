"""Where the local stack's functions log is: ``<log root>/stack-*/functions.log``, the newest.

Every ``LocalStack`` (``python -m ops dev``, ``make dev``, the e2e tests) writes its functions'
stdout there (``ops/local_stack/local_paths``; the root is ``$LOCAL_STACK_LOG_ROOT`` or
``.local/logs``). The newest by modification time is the running stack's, or the last one's.
"""

from __future__ import annotations

import os
from pathlib import Path

from ops.local_stack.local_paths import REPO_ROOT


def newest_functions_log(root: Path | None = None) -> Path | None:
    base = root or Path(os.environ.get("LOCAL_STACK_LOG_ROOT", REPO_ROOT / ".local" / "logs"))
    candidates = [path for path in base.glob("stack-*/functions.log") if path.is_file()]
    return max(candidates, key=lambda path: path.stat().st_mtime) if candidates else None
