"""What a module's ``http_routes.py`` declares: routes, the call they get, the answer they give.

Cross-cutting work (token, role, request validation against the OpenAPI document, error
mapping, correlation id, span) is done once by the API app, not by the routes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wild_workouts.shared_kernel.caller import Caller
from wild_workouts.shared_kernel.role import Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True, slots=True)
class ApiCall:
    """A validated request: who calls, the JSON body, and the path, query and header
    parameters its OpenAPI operation declares (header names as declared there)."""

    caller: Caller
    correlation_id: str
    body: Any = None
    path: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ApiResponse:
    status: int
    body: Any = None
    """JSON-serialisable, or None for an empty body."""
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ApiRoute:
    """``path`` is the OpenAPI path template (``/trainings/{training_id}``); ``operation_id``
    names its operation in ``openapi.json`` (request validation reads it there)."""

    method: str
    path: str
    operation_id: str
    roles: frozenset[Role]
    handle: Callable[[ApiCall], ApiResponse]
