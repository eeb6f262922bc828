"""``.local/dev-stack.json``: what ``make dev`` is running, for ``python -m ops token`` and friends.

Written when the stack is up, removed when it stops. A record whose process is gone (the stack
was killed) counts as no stack.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from ops.local_stack.local_paths import REPO_ROOT

RECORD_FILE = REPO_ROOT / ".local" / "dev-stack.json"


class NoDevStack(RuntimeError):
    """No ``make dev`` stack is running; the message says so in one line."""


@dataclass(frozen=True)
class DevStackRecord:
    api_url: str
    firebase_project_id: str
    dev_issuer_key_file: str
    auth_emulator_url: str | None
    pid: int

    def write(self, path: Path | None = None) -> None:
        path = path or RECORD_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2))
        temporary.replace(path)

    @staticmethod
    def read(path: Path | None = None) -> DevStackRecord:
        """The running stack's record, or NoDevStack."""
        path = path or RECORD_FILE
        hint = "start one with `make dev`"
        try:
            values = json.loads(path.read_text())
            record = DevStackRecord(**values)
        except FileNotFoundError:
            raise NoDevStack(f"no `make dev` stack is running ({hint}).") from None
        except (ValueError, TypeError):
            raise NoDevStack(f"{path.name} is unreadable: {hint}.") from None
        if not _alive(record.pid):
            raise NoDevStack(f"no `make dev` stack is running (process {record.pid} is gone; {hint}).")
        return record

    @staticmethod
    def remove(path: Path | None = None, pid: int | None = None) -> None:
        """Remove the record (only this process's, when ``pid`` is given)."""
        path = path or RECORD_FILE
        try:
            if pid is not None and json.loads(path.read_text()).get("pid") != pid:
                return
            path.unlink()
        except (FileNotFoundError, ValueError):
            return


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
