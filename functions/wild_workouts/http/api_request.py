"""One request to the public HTTP API, from functions-framework's Flask request to the API app.

``handle_api_request(app, request)`` dispatches the request to ``app`` (the API's own Flask app,
built by the composition root, ``bootstrap.api_app``; see ``api_flask_app`` for what every request
goes through and ``api_error`` for the error answers). Importing this module imports neither
Flask nor Google clients (cold start).
"""

from __future__ import annotations

from typing import Any


def handle_api_request(app: Any, request: Any) -> Any:
    """Answer one request (a Flask/Werkzeug request from functions-framework) with ``app``.

    Limits before work: the body is read first, before the app is asked anything, and no
    further than ``MAX_BODY_BYTES`` (``pipeline_kit.http.request_body``: a ``Content-Length``
    over it is refused unread, a chunked body at the first byte past it). The API app gets the
    body as a fresh stream; a body over the limit reaches it as an empty one with a length over
    the limit, which the app refuses (413 ``body_too_large``) before routing and auth.
    """
    import io

    from pipeline_kit.http.request_body import BodyOverLimit, body_within
    from wild_workouts.http.api_flask_app import MAX_BODY_BYTES

    read = body_within(request, MAX_BODY_BYTES)
    body, length = (b"", read.size_at_least) if isinstance(read, BodyOverLimit) else (read, len(read))
    environ = {**request.environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(length)}
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    with app.request_context(environ):
        return app.full_dispatch_request()
