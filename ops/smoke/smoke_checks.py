"""Smoke checks against a deployed API: it answers, it serves its contract, it guards its doors.

1. ``GET /openapi.json`` → 200 with an OpenAPI document (the service started and routes);
2. ``GET /trainings`` without a token → 401 (authentication is on; nothing is written).

Read-only on purpose: it runs against production after every deploy. A cold start is
retried (``attempts``, ``pause_seconds``). Standard library only, so it runs in any Python image.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SmokeResult:
    name: str
    ok: bool
    detail: str


Fetch = Callable[[str], tuple[int, bytes]]


def fetch(url: str, timeout: float = 15.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 - https URL given by the operator
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())


def run_smoke_checks(
    api_url: str, get: Fetch = fetch, attempts: int = 5, pause_seconds: float = 3.0
) -> list[SmokeResult]:
    base = api_url.rstrip("/")
    results = [_retrying(lambda: _openapi(base, get), attempts, pause_seconds)]
    results.append(_retrying(lambda: _unauthenticated(base, get), attempts, pause_seconds))
    return results


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


def _retrying(check: Callable[[], SmokeResult], attempts: int, pause_seconds: float) -> SmokeResult:
    result = SmokeResult("unknown", False, "not run")
    for attempt in range(attempts):
        try:
            result = check()
        except (OSError, urllib.error.URLError) as error:
            result = SmokeResult("reachable", False, f"{type(error).__name__}: {error}")
        if result.ok:
            return result
        if attempt + 1 < attempts:
            time.sleep(pause_seconds)
    return result
