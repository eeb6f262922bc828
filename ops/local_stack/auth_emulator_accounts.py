"""The Authentication emulator's identitytoolkit REST endpoints: create accounts, set custom
claims (``Authorization: Bearer owner`` is the emulator's admin credential), sign in.

The same endpoints exist in production under Google's host; there they need real admin
credentials (the Firebase Admin SDK), which nothing here has.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any

DEMO_WEB_API_KEY = "demo-api-key"
"""The emulator accepts any API key; the web app and the REST calls send this one locally."""

_ADMIN = {"Authorization": "Bearer owner"}


class AuthEmulatorError(RuntimeError):
    """The emulator refused a call; the message has its error code (e.g. EMAIL_EXISTS)."""


def create_account(emulator_url: str, project: str, *, uid: str, email: str, password: str, display_name: str) -> None:
    _post(
        f"{emulator_url}/identitytoolkit.googleapis.com/v1/projects/{project}/accounts",
        {"localId": uid, "email": email, "password": password, "displayName": display_name, "emailVerified": True},
        _ADMIN,
    )


def set_custom_claims(emulator_url: str, project: str, uid: str, claims: Mapping[str, Any]) -> None:
    """Replace the user's custom claims (they appear at the top level of its next ID tokens)."""
    _post(
        f"{emulator_url}/identitytoolkit.googleapis.com/v1/projects/{project}/accounts:update",
        {"localId": uid, "customAttributes": json.dumps(dict(claims))},
        _ADMIN,
    )


def sign_in_with_password(emulator_url: str, email: str, password: str) -> str:
    """An ID token for the account, as the Firebase JS SDK's signInWithEmailAndPassword gets it."""
    answer = _post(
        f"{emulator_url}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key={DEMO_WEB_API_KEY}",
        {"email": email, "password": password, "returnSecureToken": True},
        {},
    )
    token = answer.get("idToken")
    if not isinstance(token, str):
        raise AuthEmulatorError("signInWithPassword answered no idToken")
    return token


def _post(url: str, body: Mapping[str, Any], headers: Mapping[str, str]) -> dict[str, Any]:
    request = urllib.request.Request(  # noqa: S310 - the local emulator's URL
        url,
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            answer = json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        raise AuthEmulatorError(_error_message(error)) from None
    return answer if isinstance(answer, dict) else {}


def _error_message(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read())["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return f"HTTP {error.code}"
