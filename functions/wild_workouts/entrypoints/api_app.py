"""The public HTTP API entry point (``FUNCTION_TARGET=api``, and the monolith's other paths).

``handle_api_request(request)`` dispatches functions-framework's Flask request to the API's
own Flask app, built on the first request and cached for the life of the process (cold
start: importing this module imports neither Flask nor Google clients). The routes come from
each module's ``entrypoints/http_routes.py``; see ``api_flask_app`` for what every request
goes through and ``api_error_mapping`` for the error answers.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from wild_workouts.entrypoints.api_dependencies import ApiDependencies


def build_api_app(dependencies: ApiDependencies) -> Any:
    """A Flask app serving every module's routes with ``dependencies`` (tests pass fakes)."""
    from wild_workouts.entrypoints.api_flask_app import build_flask_app
    from wild_workouts.entrypoints.api_openapi import openapi_document
    from wild_workouts.trainer.entrypoints.http_routes import trainer_routes
    from wild_workouts.trainings.entrypoints.http_routes import trainings_routes
    from wild_workouts.users.entrypoints.http_routes import users_routes

    routes = [
        *trainer_routes(dependencies),
        *trainings_routes(dependencies),
        *users_routes(dependencies),
    ]
    return build_flask_app(routes, dependencies.verifier, openapi_document())


@cache
def api_app() -> Any:
    """The process-wide app on Firestore (raises InsecureConfiguration on unsafe auth settings)."""
    from wild_workouts.entrypoints.api_firestore_dependencies import firestore_api_dependencies

    return build_api_app(firestore_api_dependencies())


def handle_api_request(request: Any) -> Any:
    """Answer one request (a Flask/Werkzeug request from functions-framework).

    The body is read through the outer request (which caches it: functions-framework reads
    it again after the function returns) and handed to the API app as a fresh stream.
    """
    import io

    app = api_app()
    body: bytes = request.get_data()
    environ = {**request.environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}
    with app.request_context(environ):
        return app.full_dispatch_request()
