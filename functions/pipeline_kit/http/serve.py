"""``python -m pipeline_kit.http.serve``: functions-framework's production server, with gunicorn's
limits on the request line and the headers.

Why it exists: functions-framework's own CLI starts gunicorn with ``limit_request_line=0``
(unlimited), so a request line of any length is read into memory in full before any code of
ours runs; no limit of ours (the body limits in ``request_body.py``) can be ahead of it. This
launcher starts the same server with these limits instead (``LIMITS``):

- ``limit_request_line = 8190`` (gunicorn's maximum; its own default is 4094): a longer request
  line (method, path with its query, version) is answered 414 and the connection closed;
- ``limit_request_field_size = 8190`` and ``limit_request_fields = 100`` (gunicorn's defaults,
  which functions-framework leaves alone; stated here so they stay so): a longer header is
  answered 431, more headers 431 too.

Everything else is functions-framework's CLI, unchanged: the same options and environment
variables (``--target``/``FUNCTION_TARGET``, required; ``--source``/``FUNCTION_SOURCE``;
``--signature-type``/``FUNCTION_SIGNATURE_TYPE``; ``--host``/``HOST``, default 0.0.0.0;
``--port``/``PORT``, default 8080), its own ``create_app`` and its own ``GunicornApplication``,
so ``THREADS``, ``WORKERS``, ``CLOUD_RUN_TIMEOUT_SECONDS``, ``THREADED_TIMEOUT_ENABLED`` and
``GUNICORN_LOG_LEVEL`` mean what they mean there. Left out on purpose: ``--debug``/``DEBUG``
(Flask's development server) and ``--asgi``/``FUNCTION_USE_ASGI``: this serves WSGI targets with
the production server only, and refuses a target that is not one.

The assumption it rests on: ``GunicornApplication`` is in the private module
``functions_framework._http.gunicorn`` and applies its ``**options`` after its own defaults
(``self.options.update(options)``), so ours win. ``tests/unit/kit/http/test_serve.py`` pins
that against the installed functions-framework: an upgrade that changes it fails there.

Where it does not apply: deployed from source to Cloud Run functions, Google's Python buildpack
starts functions-framework's own CLI (its web process is ``functions-framework``), without these
limits. This project deploys its own image, whose command is this module (Dockerfile). In front
of Cloud Run, Google documents a cap on the request size (32 MB for Cloud Run functions); a cap
on the request line or the headers at Google's front end is not confirmed, so this server does
not count on one.
"""

from __future__ import annotations

from typing import Any, Final

import click

LIMITS: Final[dict[str, int]] = {
    "limit_request_line": 8190,
    "limit_request_field_size": 8190,
    "limit_request_fields": 100,
}
"""gunicorn settings passed to functions-framework's ``GunicornApplication`` as ``**options``."""


def production_server(app: Any, host: str, port: int) -> Any:
    """functions-framework's ``GunicornApplication`` for ``app`` on ``host:port``, with ``LIMITS``
    (its ``run()`` serves until the arbiter is stopped). Refuses an app that is not Flask (an
    ASGI target), which functions-framework would serve with another server."""
    import flask
    from functions_framework._http.gunicorn import GunicornApplication

    if not isinstance(app, flask.Flask):
        raise click.UsageError("only WSGI (Flask) targets are served here; this target is ASGI")
    return GunicornApplication(app, host, port, False, **LIMITS)  # type: ignore[no-untyped-call]


@click.command()
@click.option("--target", envvar="FUNCTION_TARGET", type=click.STRING, required=True)
@click.option("--source", envvar="FUNCTION_SOURCE", type=click.Path(), default=None)
@click.option(
    "--signature-type",
    envvar="FUNCTION_SIGNATURE_TYPE",
    type=click.Choice(["http", "event", "cloudevent", "typed"]),
    default="http",
)
@click.option("--host", envvar="HOST", type=click.STRING, default="0.0.0.0")  # noqa: S104 - a container listens on all interfaces
@click.option("--port", envvar="PORT", type=click.INT, default=8080)
def main(target: str, source: str | None, signature_type: str, host: str, port: int) -> None:
    """Serve TARGET from SOURCE as functions-framework does, with gunicorn's request limits."""
    from functions_framework import create_app

    app = create_app(target, source, signature_type)  # type: ignore[no-untyped-call]
    production_server(app, host, port).run()


if __name__ == "__main__":
    main()
