"""Smoke checks against a deployed API: it answers, it serves its contract, it guards its doors.

1. ``GET /openapi.json`` → 200 with an OpenAPI document (the service started and routes);
2. ``GET /trainings`` without a token → 401 (authentication is on; nothing is written).

Read-only on purpose: it runs against production after every deploy. A cold start is
retried (``attempts``, ``pause_seconds``; ``on_wait`` hears of every retry, so the operator sees
what is awaited). Operator errors are raised in one line, never as a list of failed checks: a URL
that is not one (``NotAUrl``, before any request) and an API that never answered (``Unreachable``,
after the first check's attempts; the second check is then not tried). Standard library only, so
it runs in any Python image.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass


class SmokeError(Exception):
    """An operator error, explained in one line (exit code 2)."""


class NotAUrl(SmokeError):
    pass


class Unreachable(SmokeError):
    pass


@dataclass(frozen=True)
class SmokeResult:
    name: str
    ok: bool
    detail: str


Fetch = Callable[[str], tuple[int, bytes]]
# (attempt just failed, attempts, what it answered): called before each pause.
OnWait = Callable[[int, int, str], None]


def fetch(url: str, timeout: float = 15.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - https URL given by the operator
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())


def run_smoke_checks(
    api_url: str,
    get: Fetch = fetch,
    attempts: int = 5,
    pause_seconds: float = 3.0,
    on_wait: OnWait | None = None,
) -> list[SmokeResult]:
    """Both checks' results; NotAUrl or Unreachable (one-line messages) for an operator error."""
    base = checked_url(api_url)
    first = _retrying(lambda: _openapi(base, get), attempts, pause_seconds, f"{base}/openapi.json", on_wait)
    if first.name == "reachable":
        raise Unreachable(f"cannot reach {base}: {first.detail} (after {attempts} attempts)")
    second = _retrying(lambda: _unauthenticated(base, get), attempts, pause_seconds, f"{base}/trainings", on_wait)
    return [first, second]


def checked_url(api_url: str) -> str:
    """``api_url`` without its trailing slash, or NotAUrl when it is no http(s) URL with a host."""
    parsed = urllib.parse.urlsplit(api_url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise NotAUrl(f"not an API URL: {api_url!r} (expected http(s)://host[:port][/path])")
    return api_url.strip().rstrip("/")


def _openapi(base: str, get: Fetch) -> SmokeResult:
    status, body = get(f"{base}/openapi.json")
    if status != 200:
        return SmokeResult("openapi", False, f"GET /openapi.json answered {status}")
    try:
        document = json.loads(body)
    except ValueError:
        return SmokeResult("openapi", False, "GET /openapi.json is not JSON")
    ok = isinstance(document, dict) and "openapi" in document and "paths" in document
    return SmokeResult("openapi", ok, "OpenAPI document served" if ok else "not an OpenAPI document")


def _unauthenticated(base: str, get: Fetch) -> SmokeResult:
    status, _ = get(f"{base}/trainings")
    return SmokeResult("auth", status == 401, f"GET /trainings without a token answered {status} (expected 401)")


def _retrying(
    check: Callable[[], SmokeResult], attempts: int, pause_seconds: float, awaited: str, on_wait: OnWait | None
) -> SmokeResult:
    result = SmokeResult("unknown", False, "not run")
    for attempt in range(1, attempts + 1):
        try:
            result = check()
        except (OSError, urllib.error.URLError) as error:
            reason = error.reason if isinstance(error, urllib.error.URLError) else error
            result = SmokeResult("reachable", False, f"{type(reason).__name__}: {reason}")
        if result.ok:
            return result
        if attempt < attempts:
            if on_wait is not None:
                on_wait(attempt, attempts, f"{awaited}: {result.detail}")
            time.sleep(pause_seconds)
    return result
