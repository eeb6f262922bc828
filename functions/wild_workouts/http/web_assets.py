"""The web app and the API docs, served by the API's Flask app (same origin: no CORS).

Routes (all GET/HEAD; registered by ``register_web_assets`` when the app is built, so nothing
here loads at import of ``main.py`` or on push paths):

- ``/`` → 302 ``/app/``; ``/app`` → 302 ``/app/``; ``/docs`` → 302 ``/docs/``.
- ``/app/`` and ``/app/<route>`` without a file extension → ``index.html`` (the single-page app
  routes in the browser), ``Cache-Control: no-cache``, HTML security headers.
- ``/app/assets/<file>`` → ``<dist>/assets/<file>``: content-hashed names, cached for a year
  (``immutable``).
- ``/app/<file.ext>`` → ``<dist>/<file.ext>`` (icons and other unhashed files), ``no-cache``.
- ``/app/config.json`` → the runtime config (``web_runtime_config``), ``no-cache``.
- ``/docs/`` → ``<dist>/docs/index.html`` (Swagger UI reading ``/openapi.json``); ``/docs/<file>``
  → ``<dist>/docs/<file>``, ``no-cache``.

Files are served with ``send_from_directory`` (``safe_join``: no path escapes the dist folder;
directories and missing files are 404 JSON). When the dist folder has no ``index.html`` the web
paths answer 503 JSON ``web_app_not_built``. ``<dist>`` is ``WEB_DIST_DIR`` (``dist_dir``), by
default the repository's ``web/dist`` (in the image ``/app/web/dist``). Endpoints are named ``web.*``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, Flask, Response, redirect, send_from_directory
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as WerkzeugResponse

from wild_workouts.http.web_runtime_config import WebRuntimeConfig
from wild_workouts.http.web_security_headers import EVERY_ANSWER, html_headers

DEFAULT_DIST_DIR = Path(__file__).resolve().parents[3] / "web" / "dist"
IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
NOT_BUILT_MESSAGE = (
    "the web app is not built: run `cd web && npm ci && npm run build` (or `make browser-tools`), "
    "or set WEB_DIST_DIR to a built web/dist folder"
)


@dataclass(frozen=True)
class WebServing:
    """What the web routes serve: the built web app's folder and ``/app/config.json``."""

    dist_dir: Path
    config: WebRuntimeConfig


def dist_dir(configured: Path | None) -> Path:
    """The web app's folder: ``configured`` (``WEB_DIST_DIR``), else the repository's ``web/dist``."""
    return configured if configured is not None else DEFAULT_DIST_DIR


def register_web_assets(app: Flask, serving: WebServing) -> None:
    """Add the web routes to ``app`` (see the module docstring)."""
    dist = serving.dist_dir
    config = serving.config
    config_body = json.dumps(config.as_json(), separators=(",", ":"))
    page_headers = html_headers(config.sign_in_origins())
    web = Blueprint("web", __name__)

    def built() -> bool:
        return (dist / "index.html").is_file()

    def file_answer(folder: Path, name: str, cache_control: str) -> Response:
        if not built():
            return _json(503, "web_app_not_built", NOT_BUILT_MESSAGE)
        try:
            response = send_from_directory(folder, name, max_age=None)
        except NotFound:
            return _json(404, "not_found", "no such file")
        response.headers["Cache-Control"] = cache_control
        headers = page_headers if name.endswith(".html") else EVERY_ANSWER
        response.headers.update(headers)
        return response

    @web.get("/")
    @web.get("/app")
    def to_the_app() -> WerkzeugResponse:
        return redirect("/app/", 302)

    @web.get("/docs")
    def to_the_docs() -> WerkzeugResponse:
        return redirect("/docs/", 302)

    @web.get("/app/")
    @web.get("/app/<path:route>")
    def app_page(route: str = "") -> Response:
        last_segment = route.rsplit("/", 1)[-1]
        if route.split("/", 1)[0] == "assets" or "." in last_segment:  # a file, never the page
            return file_answer(dist, route, NO_CACHE)
        return file_answer(dist, "index.html", NO_CACHE)

    @web.get("/app/assets/<path:name>")
    def app_asset(name: str) -> Response:
        return file_answer(dist / "assets", name, IMMUTABLE)

    @web.get("/app/config.json")
    def app_config() -> Response:
        response = Response(config_body, status=200, mimetype="application/json")
        response.headers["Cache-Control"] = NO_CACHE
        response.headers.update(EVERY_ANSWER)
        return response

    @web.get("/docs/")
    @web.get("/docs/<path:name>")
    def docs(name: str = "index.html") -> Response:
        return file_answer(dist / "docs", name, NO_CACHE)

    app.register_blueprint(web)


def _json(status: int, code: str, message: str) -> Response:
    response = Response(json.dumps({"code": code, "message": message}), status=status, mimetype="application/json")
    response.headers.update(EVERY_ANSWER)
    return response
