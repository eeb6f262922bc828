"""The public HTTP API entry point (``FUNCTION_TARGET=api``, and the monolith's other paths).

``handle_api_request(request)`` dispatches functions-framework's Flask request to the API's
own Flask app (``bootstrap.api_app``), built on the first request and cached for the life of the process (cold
start: importing this module imports neither Flask nor Google clients). The routes come from
each module's ``entrypoints/http_routes.py``; see ``api_flask_app`` for what every request
goes through and ``api_error`` for the error answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wild_workouts import bootstrap
from wild_workouts.entrypoints.api_dependencies import ApiDependencies

if TYPE_CHECKING:
    from wild_workouts.http.web_assets import WebServing


def build_api_app(dependencies: ApiDependencies, web: WebServing | None = None) -> Any:
    """A Flask app serving every module's routes with ``dependencies`` (tests pass fakes) and
    the web app ``web`` (by default as the process's settings say)."""
    from wild_workouts.http.api_flask_app import build_flask_app
    from wild_workouts.http.openapi_document import openapi_document
    from wild_workouts.trainer.entrypoints.http_routes import trainer_routes
    from wild_workouts.trainings.entrypoints.http_routes import trainings_routes
    from wild_workouts.users.entrypoints.http_routes import users_routes

    routes = [
        *trainer_routes(dependencies),
        *trainings_routes(dependencies),
        *users_routes(dependencies),
    ]
    if web is None:
        web = bootstrap.web_serving(bootstrap.settings())
    return build_flask_app(routes, dependencies.verifier, openapi_document(), web)


api_app = bootstrap.api_app
"""The process-wide app (built by the composition root; tests replace it here)."""


def handle_api_request(request: Any) -> Any:
    """Answer one request (a Flask/Werkzeug request from functions-framework).

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
    app = api_app()
    environ = {**request.environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(length)}
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    with app.request_context(environ):
        return app.full_dispatch_request()
