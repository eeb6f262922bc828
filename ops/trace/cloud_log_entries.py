"""Read log entries from Cloud Logging: ``entries:list`` of the Logging REST API (v2).

Called through google-auth's ``AuthorizedSession`` (Application Default Credentials, read-only
logging scope): google-auth and requests are in the project's requirements, the
google-cloud-logging client is not. Pages are followed until ``limit`` entries or the last page.
"""

from __future__ import annotations

from typing import Any

from ops.cli_support.operator_error import OperatorError

ENTRIES_LIST = "https://logging.googleapis.com/v2/entries:list"
READ_SCOPE = "https://www.googleapis.com/auth/logging.read"
PAGE_SIZE = 1000


def authorized_session() -> Any:
    import google.auth
    from google.auth.transport.requests import AuthorizedSession

    try:
        credentials, _ = google.auth.default(scopes=[READ_SCOPE])
    except google.auth.exceptions.DefaultCredentialsError as error:
        raise OperatorError(
            f"no Google credentials for Cloud Logging ({error}): run `gcloud auth application-default login`"
        ) from None
    return AuthorizedSession(credentials)  # type: ignore[no-untyped-call]


def list_entries(session: Any, project: str, query: str, *, limit: int = 5000) -> list[dict[str, Any]]:
    """Entries matching ``query`` in ``project``, oldest first. ``session.post(url, json=...)``
    answers like ``requests``; a non-2xx answer is an ``OperatorError`` with Google's message."""
    entries: list[dict[str, Any]] = []
    body: dict[str, Any] = {
        "resourceNames": [f"projects/{project}"],
        "filter": query,
        "orderBy": "timestamp asc",
        "pageSize": PAGE_SIZE,
    }
    while len(entries) < limit:
        response = session.post(ENTRIES_LIST, json=body, timeout=60)
        if response.status_code // 100 != 2:
            raise OperatorError(f"Cloud Logging answered {response.status_code}: {_message(response)}")
        page = response.json()
        entries.extend(page.get("entries", []))
        token = page.get("nextPageToken")
        if not token:
            break
        body = {**body, "pageToken": token}
    return entries[:limit]


def _message(response: Any) -> str:
    try:
        return str(response.json()["error"]["message"])[:300]
    except (ValueError, KeyError, TypeError):
        return str(getattr(response, "text", ""))[:300]
