"""The Firebase Authentication emulator (``firebase-tools`` from npm) on free ports.

``firebase-tools`` is pinned in ``ops/auth_emulator/package.json`` (lockfile committed) and
installed by ``make auth-emulator``. The emulator runs in its own process group (node starts
children), with a ``firebase.json`` written into the stack's log folder: the auth emulator only,
its hub and logging ports free ones too (two stacks may run at once), no UI. A ``demo-`` project
id needs no credentials and works offline. Its ID tokens are unsigned: the API trusts them only
while ``FIREBASE_AUTH_EMULATOR_HOST`` is set (see ``pipeline_kit.auth``).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ops.local_stack.emulators import wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.local_paths import REPO_ROOT
from ops.local_stack.managed_process import ManagedProcess
from ops.local_stack.required_tools import MissingTool

AUTH_EMULATOR_PROJECT = "demo-wild-workouts"
"""The Firebase project id of local sign-in: the API's FIREBASE_PROJECT_ID must be the same."""

PACKAGE_DIR = REPO_ROOT / "ops" / "auth_emulator"


def find_firebase_cli(package_dir: Path = PACKAGE_DIR) -> Path:
    """The installed ``firebase`` launcher, or MissingTool saying in one line what to install."""
    if shutil.which("node") is None:
        raise MissingTool(
            "Node.js is missing: the Firebase Authentication emulator needs node 20+ and npm "
            "(e.g. `apt-get install nodejs npm`), then `make auth-emulator`."
        )
    cli = package_dir / "node_modules" / ".bin" / "firebase"
    if not cli.exists():
        raise MissingTool("firebase-tools is not installed: run `make auth-emulator` (npm ci in ops/auth_emulator).")
    return cli


@dataclass
class RunningAuthEmulator:
    host: str
    project: str
    process: ManagedProcess

    @property
    def url(self) -> str:
        return f"http://{self.host}"

    def environment(self) -> dict[str, str]:
        """What a server reads to trust the emulator (the Admin SDKs read the same variable)."""
        return {"FIREBASE_AUTH_EMULATOR_HOST": self.host}

    def wait_until_ready(self, deadline: float) -> None:
        """Until ``GET /`` says ``{"authEmulator": {"ready": true}}``; StartupFailed with the log tail."""
        wait_until(lambda: _ready(self.url), self.process, deadline)

    def stop(self) -> None:
        self.process.stop()


def start_auth_emulator(
    log_dir: Path, project: str = AUTH_EMULATOR_PROJECT, cli: Path | None = None
) -> RunningAuthEmulator:
    """Start it (without waiting: call ``wait_until_ready``, it takes seconds to boot)."""
    launcher = cli or find_firebase_cli()
    port, hub_port, logging_port = free_port(), free_port(), free_port()
    config = log_dir / "firebase.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        json.dumps(
            {
                "emulators": {
                    "auth": {"host": "127.0.0.1", "port": port},
                    "hub": {"host": "127.0.0.1", "port": hub_port},
                    "logging": {"host": "127.0.0.1", "port": logging_port},
                    "ui": {"enabled": False},
                    "singleProjectMode": True,
                }
            },
            indent=2,
        )
    )
    env = {**os.environ, "NO_UPDATE_NOTIFIER": "1", "FORCE_COLOR": "0"}
    env.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
    process = ManagedProcess(
        "auth-emulator",
        [str(launcher), "emulators:start", "--only", "auth", "--project", project, "--config", str(config)],
        log_dir / "auth-emulator.log",
        env=env,
        cwd=log_dir,  # firebase-tools writes its debug log into the working folder
    ).start()
    return RunningAuthEmulator(host=f"127.0.0.1:{port}", project=project, process=process)


def start_auth_emulator_and_wait(log_dir: Path, timeout_seconds: float = 90.0) -> RunningAuthEmulator:
    emulator = start_auth_emulator(log_dir)
    try:
        emulator.wait_until_ready(time.monotonic() + timeout_seconds)
    except BaseException:
        emulator.stop()
        raise
    return emulator


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/", timeout=1) as response:  # noqa: S310 - local URL
            body = json.loads(response.read())
    except (urllib.error.URLError, OSError, ValueError):
        return False
    return isinstance(body, dict) and body.get("authEmulator", {}).get("ready") is True
