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

RECORD_FILE_NAME = "dev-stack.json"
# Where a running stack announces itself; OPS_DEV_STACK_DIR moves it (tests, so that they never
# touch the record of a `make dev` the developer is running).
DEV_STACK_DIR_VARIABLE = "OPS_DEV_STACK_DIR"


def dev_stack_dir() -> Path:
    """The folder of the running stack's record and env file (default ``.local/``)."""
    override = os.environ.get(DEV_STACK_DIR_VARIABLE, "").strip()
    return Path(override) if override else REPO_ROOT / ".local"


def record_file() -> Path:
    return dev_stack_dir() / RECORD_FILE_NAME


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
        path = path or record_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(asdict(self), indent=2))
        temporary.replace(path)

    @staticmethod
    def read(path: Path | None = None) -> DevStackRecord:
        """The running stack's record, or NoDevStack."""
        path = path or record_file()
        hint = "start one with `make dev`"
        try:
            values = json.loads(path.read_text())
            record = DevStackRecord(**values)
        except FileNotFoundError:
            raise NoDevStack(f"no `make dev` stack is running ({hint}).") from None
        except (ValueError, TypeError):
            raise NoDevStack(f"{path.name} is unreadable: {hint}.") from None
        if not process_alive(record.pid):
            raise NoDevStack(f"no `make dev` stack is running (process {record.pid} is gone; {hint}).")
        return record

    @staticmethod
    def remove(path: Path | None = None, pid: int | None = None) -> None:
        """Remove the record (only this process's, when ``pid`` is given)."""
        path = path or record_file()
        try:
            if pid is not None and json.loads(path.read_text()).get("pid") != pid:
                return
            path.unlink()
        except (FileNotFoundError, ValueError):
            return


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
