"""The whole pipeline locally: emulators, the functions, the topology, the outbox sweeper and
the saga timeouts (loops standing in for Cloud Scheduler), and, with ``auth_emulator``, the
Firebase Authentication emulator seeded with the demo users.

``LocalStack`` is a context manager. On exit — normal, exception, Ctrl-C or SIGTERM — it
stops every process group it started (the emulators' ``java`` children included). The
functions are served by functions-framework's production server (gunicorn with threads, started
as in the image through ``pipeline_kit.http.serve``, with gunicorn's request limits) as one
service for everything (the "monolith" deployment), each push subscription pointing at
``/push/<consumer>``; the topology comes from the Terraform definitions.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType

from ops.local_stack.auth_emulator import RunningAuthEmulator, find_firebase_cli, start_auth_emulator
from ops.local_stack.auth_emulator_accounts import DEMO_WEB_API_KEY
from ops.local_stack.emulators import RunningEmulators, StartupFailed, start_emulators, wait_until
from ops.local_stack.free_port import free_port
from ops.local_stack.local_paths import REPO_ROOT, new_log_dir
from ops.local_stack.managed_process import ManagedProcess
from ops.local_stack.pubsub_provisioner import BackoffOverride, provision_topology
from ops.local_stack.required_tools import find_emulators
from ops.local_stack.topology import TOPOLOGY_FILE, Topology, load_topology

LOCAL_PROJECT = "wild-workouts-local"


@dataclass
class StackSettings:
    project: str = LOCAL_PROJECT
    backoff: BackoffOverride | None = field(default_factory=lambda: BackoffOverride(1.0, 5.0))
    ack_deadline_seconds: int | None = 30
    sweep_interval_seconds: float = 5.0
    sweep_older_than_seconds: float = 10.0
    # The saga timeouts' loop (Cloud Scheduler runs it every minute), and the saga timeout the
    # API gives new bookings (SAGA_TIMEOUT_SECONDS; None: the functions' default, 300 s).
    saga_timeouts_interval_seconds: float = 5.0
    saga_timeout_seconds: float | None = None
    extra_env: dict[str, str] = field(default_factory=dict)
    log_dir: Path | None = None
    # Serve another functions entry point (e.g. a fault-injecting wrapper in tests/); paths relative to the repo.
    functions_source: Path = Path("functions") / "main.py"
    functions_target: str = "monolith"
    # The Firebase Authentication emulator with the demo users (about 10-20 s more to start; needs
    # `make auth-emulator`). The API then also trusts its tokens, and its Firebase project id is
    # the emulator's (AUTH_EMULATOR_PROJECT) for every local token, the development issuer's too.
    auth_emulator: bool = False
    # The built web app the API serves at /app/ (None: the API's default, the repository's web/dist).
    web_dist_dir: Path | None = None
    # The topology to create (another app's, e.g. examples/hello/topology.tf, with its own
    # functions_source); its http_functions decide which scheduler loops run.
    topology_file: Path = TOPOLOGY_FILE


class LocalStack:
    def __init__(self, settings: StackSettings | None = None) -> None:
        self.settings = settings or StackSettings()
        self.log_dir = self.settings.log_dir or new_log_dir("stack")
        self.topology: Topology = load_topology(self.settings.topology_file)
        self.emulators: RunningEmulators | None = None
        self.functions: ManagedProcess | None = None
        self.auth_emulator: RunningAuthEmulator | None = None
        self.functions_url = ""
        self._sweeper_stop = threading.Event()
        self._loops: list[threading.Thread] = []
        self._saved_env: dict[str, str | None] = {}

    # -- lifecycle -----------------------------------------------------------------------------
    def start(self) -> LocalStack:
        launchers = find_emulators()
        firebase_cli = find_firebase_cli() if self.settings.auth_emulator else None
        try:
            if firebase_cli is not None:  # the slowest to boot: started first, awaited last
                self.auth_emulator = start_auth_emulator(self.log_dir, cli=firebase_cli)
            self.emulators = start_emulators(launchers, self.log_dir)
            self._set_environment({**self.emulators.environment(), "GOOGLE_CLOUD_PROJECT": self.settings.project})
            self._start_functions()
            provision_topology(
                self.settings.project,
                self.topology,
                endpoint_for=lambda consumer: f"{self.functions_url}/push/{consumer.name}",
                backoff_override=self.settings.backoff,
                ack_deadline_override=self.settings.ack_deadline_seconds,
            )
            self._start_sweeper()
            if self.auth_emulator is not None:
                from ops.local_stack.demo_users import seed_demo_users

                self.auth_emulator.wait_until_ready(time.monotonic() + 90)
                seed_demo_users(self.auth_emulator)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop everything, side by side: every process group gets SIGTERM at once (a Java
        emulator can take seconds to exit), then each is waited for (SIGKILL after its grace)."""
        self._sweeper_stop.set()
        processes = [
            *([self.functions] if self.functions is not None else []),
            *(self.emulators.processes if self.emulators is not None else []),
            *([self.auth_emulator.process] if self.auth_emulator is not None else []),
        ]
        for process in processes:
            process.terminate()
        for loop in self._loops:
            loop.join(timeout=5)
        if self.functions is not None:
            self.functions.stop()
        if self.emulators is not None:
            self.emulators.stop()
        if self.auth_emulator is not None:
            self.auth_emulator.stop()
        self._restore_environment()

    def _set_environment(self, values: dict[str, str]) -> None:
        """Point this process's client libraries at the stack (undone by ``stop``)."""
        for key, value in values.items():
            self._saved_env.setdefault(key, os.environ.get(key))
            os.environ[key] = value
        forget_kit_clients()

    def _restore_environment(self) -> None:
        for key, value in self._saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        self._saved_env.clear()
        forget_kit_clients()

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # -- pieces --------------------------------------------------------------------------------
    def function_environment(self) -> dict[str, str]:
        assert self.emulators is not None
        env = dict(os.environ)
        env.update(self.emulators.environment())
        env.update(
            {
                "GOOGLE_CLOUD_PROJECT": self.settings.project,
                "PUSH_AUTH_DISABLED": "true",  # the emulator sends no OIDC token
                "TRACE_EXPORTER": env.get("TRACE_EXPORTER", "none"),
                "ACK_DEADLINE_SECONDS": str(self.settings.ack_deadline_seconds or 60),
                "PYTHONUNBUFFERED": "1",
                # functions/ first, as in the image (the launcher is imported before the source is loaded)
                "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT / "functions"), env.get("PYTHONPATH")])),
            }
        )
        env.pop("K_SERVICE", None)
        env.pop("FIREBASE_AUTH_EMULATOR_HOST", None)
        if self.auth_emulator is not None:
            from ops.local_stack.demo_users import demo_users_json

            env.update(self.auth_emulator.environment())
            env.update(
                {
                    "FIREBASE_PROJECT_ID": self.auth_emulator.project,
                    "FIREBASE_WEB_API_KEY": DEMO_WEB_API_KEY,
                    "WEB_DEMO_USERS": demo_users_json(),
                }
            )
        if self.settings.web_dist_dir is not None:
            env["WEB_DIST_DIR"] = str(self.settings.web_dist_dir)
        if self.settings.saga_timeout_seconds is not None:
            env["SAGA_TIMEOUT_SECONDS"] = str(self.settings.saga_timeout_seconds)
        env.update(self.settings.extra_env)
        return env

    @property
    def firebase_project_id(self) -> str:
        """The audience of the ID tokens the local API accepts (mint development tokens for it)."""
        return self.auth_emulator.project if self.auth_emulator is not None else self.settings.project

    def restart_functions(self) -> None:
        """SIGKILL the functions process group (no grace: requests die mid-flight) and start it
        again on the same port, so the push endpoints stay valid."""
        assert self.functions is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.functions.pid, signal.SIGKILL)
        self.functions.stop(grace_seconds=5.0)  # reaps the group (already dead: returns at once)
        self._start_functions(port=int(self.functions_url.rsplit(":", 1)[1]))

    def _start_functions(self, port: int | None = None) -> None:
        port = port or free_port()
        self.functions_url = f"http://127.0.0.1:{port}"
        self.functions = ManagedProcess(
            "functions",
            [
                sys.executable,
                "-m",
                "pipeline_kit.http.serve",  # as deployed: functions-framework with gunicorn's request limits
                "--source",
                str(REPO_ROOT / self.settings.functions_source),
                "--target",
                self.settings.functions_target,
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            self.log_dir / "functions.log",
            env=self.function_environment(),
            cwd=REPO_ROOT,
        ).start()
        wait_until(lambda: _answers(f"{self.functions_url}/healthz"), self.functions, time.monotonic() + 60)

    def _start_sweeper(self) -> None:
        """The scheduled triggers the topology's ``http_functions`` name (``outbox_sweeper``,
        ``saga_timeouts``), each POSTed on its interval (the URL is read at every call:
        ``restart_functions`` keeps the port, but a loop must not hold a stale one)."""
        older_than = self.settings.sweep_older_than_seconds
        triggers = self.topology.http_functions
        if "outbox_sweeper" in triggers:
            path = f"/outbox_sweeper?older_than_seconds={older_than}"
            self._start_loop("outbox-sweeper", path, self.settings.sweep_interval_seconds)
        if "saga_timeouts" in triggers:
            self._start_loop("saga-timeouts", "/saga_timeouts", self.settings.saga_timeouts_interval_seconds)

    def _start_loop(self, name: str, path: str, interval: float) -> None:
        def loop() -> None:
            while not self._sweeper_stop.wait(interval):
                try:
                    request = urllib.request.Request(f"{self.functions_url}{path}", method="POST", data=b"")  # noqa: S310 - local URL
                    urllib.request.urlopen(request, timeout=30).close()  # noqa: S310
                except (urllib.error.URLError, OSError):
                    continue

        thread = threading.Thread(target=loop, name=name, daemon=True)
        thread.start()
        self._loops.append(thread)

    def describe(self) -> str:
        assert self.emulators is not None
        auth = f"Auth emulator {self.auth_emulator.host}, " if self.auth_emulator is not None else ""
        return (
            f"Pub/Sub emulator {self.emulators.pubsub_host}, Firestore emulator {self.emulators.firestore_host}, "
            f"{auth}functions {self.functions_url}, logs {_shown(self.log_dir)}"
        )


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(REPO_ROOT))
    except ValueError:  # a log folder outside the repository (LOCAL_STACK_LOG_ROOT, tmp_path)
        return str(path)


def forget_kit_clients() -> None:
    """The kit's process-wide clients are bound to the emulators they were created for."""
    from pipeline_kit.firestore.firestore_client import reset_firestore_client
    from pipeline_kit.pubsub.publisher import reset_publisher

    reset_firestore_client()
    reset_publisher()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:  # noqa: S310 - local URL
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def install_termination_handler() -> None:
    """Turn SIGTERM (and SIGHUP) into KeyboardInterrupt so ``with LocalStack()`` cleans up."""

    def raise_interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, raise_interrupt)
    signal.signal(signal.SIGHUP, raise_interrupt)


__all__ = ["LocalStack", "StackSettings", "StartupFailed", "install_termination_handler"]
