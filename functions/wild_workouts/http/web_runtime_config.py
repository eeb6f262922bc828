"""What the web app learns at run time (``GET /app/config.json``) and the origins its pages may call.

Built once from the settings (``wild_workouts.settings``), at the API app's start-up:

- ``FIREBASE_WEB_API_KEY``, ``FIREBASE_AUTH_DOMAIN`` (default ``<project>.firebaseapp.com``),
  ``FIREBASE_PROJECT_ID`` (else ``GOOGLE_CLOUD_PROJECT``): the Firebase JS SDK's settings. The web
  API key identifies the project to Google; it is not a secret (every Firebase web app ships it).
- ``FIREBASE_AUTH_EMULATOR_HOST`` (``host:port``): the Authentication emulator; the browser gets
  ``authEmulatorUrl`` and the pages may connect to it instead of Google's sign-in endpoints.
- ``WEB_DEMO_USERS``: a JSON list of ``{"email", "password", "displayName", "role", "uid"}`` the
  sign-in page offers. Published only while the emulator is configured and not on Cloud Run
  (``K_SERVICE`` set): demo passwords never reach a deployed page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

GOOGLE_SIGN_IN_ORIGINS = ("https://identitytoolkit.googleapis.com", "https://securetoken.googleapis.com")
"""Where the Firebase JS SDK's email/password sign-in and token refresh go in production."""

DEMO_USER_FIELDS = ("email", "password", "displayName", "role", "uid")


@dataclass(frozen=True)
class WebRuntimeConfig:
    api_key: str
    auth_domain: str
    project_id: str
    auth_emulator_url: str | None
    demo_users: tuple[Mapping[str, str], ...]

    def as_json(self) -> dict[str, Any]:
        """The body of ``/app/config.json`` (the shape the web app reads)."""
        return {
            "firebase": {"apiKey": self.api_key, "authDomain": self.auth_domain, "projectId": self.project_id},
            "authEmulatorUrl": self.auth_emulator_url,
            "demoUsers": [dict(user) for user in self.demo_users],
        }

    def sign_in_origins(self) -> tuple[str, ...]:
        """The origins (besides the app's own) a page talks to: the emulator, or Google's sign-in."""
        return (self.auth_emulator_url,) if self.auth_emulator_url else GOOGLE_SIGN_IN_ORIGINS


def web_runtime_config(
    *,
    api_key: str,
    auth_domain: str,
    project_id: str,
    auth_emulator_host: str,
    demo_users_json: str,
    on_cloud_run: bool,
) -> WebRuntimeConfig:
    """The config for these settings (see the module docstring). Raises ValueError when
    ``demo_users_json`` is used (a local run with the emulator) but is not a list of demo users
    (a local mistake, said at start-up rather than shown as an empty sign-in page)."""
    local_sign_in = bool(auth_emulator_host) and not on_cloud_run
    return WebRuntimeConfig(
        api_key=api_key,
        auth_domain=auth_domain or (f"{project_id}.firebaseapp.com" if project_id else ""),
        project_id=project_id,
        auth_emulator_url=_emulator_url(auth_emulator_host) if auth_emulator_host else None,
        demo_users=_demo_users(demo_users_json) if local_sign_in else (),
    )


def _emulator_url(host: str) -> str:
    return host.rstrip("/") if host.startswith(("http://", "https://")) else f"http://{host}"


def _demo_users(text: str) -> tuple[Mapping[str, str], ...]:
    if not text.strip():
        return ()
    try:
        users = json.loads(text)
    except ValueError:
        raise ValueError("WEB_DEMO_USERS is not JSON") from None
    if not isinstance(users, list) or not all(
        isinstance(user, dict) and all(isinstance(user.get(field), str) for field in DEMO_USER_FIELDS) for user in users
    ):
        raise ValueError(f"WEB_DEMO_USERS must be a list of objects with string fields {', '.join(DEMO_USER_FIELDS)}")
    return tuple({field: user[field] for field in DEMO_USER_FIELDS} for user in users)
