"""An API client that outlasts the faults: it repeats a request on 503 and on dropped connections.

Repeating is safe for what the fault run sends: a 503 means nothing was committed; a dropped
connection may hide a committed booking, which the run then finds in Firestore (every stored
training must reach a final state, known to the client or not).
"""

from __future__ import annotations

import time
from typing import Any

import requests

from ops.demo.api_client import ApiClient, ApiResponse


class PatientApi:
    def __init__(self, base_url: str, token: str, attempts: int = 40) -> None:
        self._client = ApiClient(base_url, token)
        self._attempts = attempts
        self.repeats = 0

    def call(self, method: str, path: str, json: Any = None) -> ApiResponse:
        for _ in range(self._attempts):
            try:
                response = self._client.call(method, path, json)
            except requests.RequestException:
                response = None
            if response is not None and response.status not in (502, 503, 504):
                return response
            self.repeats += 1
            time.sleep(0.3)
        raise RuntimeError(f"{method} {path}: no answer after {self._attempts} attempts")
