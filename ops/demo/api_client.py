"""A small client of the Wild Workouts HTTP API for the demo and the end-to-end tests."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import requests


@dataclass
class ApiResponse:
    status: int
    body: Any
    correlation_id: str


class ApiClient:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        self._session = requests.Session()

    def call(self, method: str, path: str, json: Any = None, correlation_id: str | None = None) -> ApiResponse:
        correlation = correlation_id or f"demo-{uuid.uuid4().hex[:12]}"
        response = self._session.request(
            method,
            f"{self.base_url}{path}",
            json=json,
            headers={"Authorization": f"Bearer {self.token}", "X-Correlation-Id": correlation},
            timeout=30,
        )
        try:
            body = response.json() if response.content else None
        except ValueError:
            body = response.text
        return ApiResponse(response.status_code, body, response.headers.get("X-Correlation-Id", correlation))
