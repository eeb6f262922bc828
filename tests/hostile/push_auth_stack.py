"""The local stack serving the hostile auth app: push auth on, trusting one test signing key."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ops.local_stack.local_paths import new_log_dir
from ops.local_stack.stack import LocalStack, StackSettings
from tests.e2e.kit.push_tokens import AUDIENCE, KEY_ID, PUSH_EMAIL

AUTH_APP = Path("tests") / "hostile" / "auth_app" / "auth_main.py"


@contextmanager
def push_auth_stack(log_name: str, public_pem: str) -> Iterator[LocalStack]:
    """A stack whose push endpoints accept only tokens signed by the key of ``public_pem`` (key id
    ``KEY_ID``) for ``AUDIENCE`` and ``PUSH_EMAIL``; its logs under a new ``log_name`` folder."""
    log_dir = new_log_dir(log_name)
    key_file = log_dir / "push-public-key.pem"
    key_file.write_text(public_pem)
    env = {
        "PUSH_AUTH_DISABLED": "false",
        "TEST_PUSH_PUBLIC_KEY_FILE": str(key_file),
        "TEST_PUSH_KEY_ID": KEY_ID,
        "TEST_PUSH_AUDIENCE": AUDIENCE,
        "TEST_PUSH_EMAIL": PUSH_EMAIL,
    }
    settings = StackSettings(extra_env=env, log_dir=log_dir, functions_source=AUTH_APP, sweep_interval_seconds=3600)
    with LocalStack(settings) as running:
        yield running
