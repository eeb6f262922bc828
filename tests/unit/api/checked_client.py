"""A Flask test client whose every answer is checked against the OpenAPI document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.unit.api.openapi_responses import assert_matches_openapi


@dataclass
class CheckedClient:
    flask_client: Any

    def call(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        headers = dict(kwargs.pop("headers", {}))
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        response = self.flask_client.open(path, method=method, headers=headers, **kwargs)
        assert_matches_openapi(method, path, response)
        return response
