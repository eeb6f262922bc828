"""The launcher's assumptions about functions-framework, pinned against the installed version:
its private ``GunicornApplication`` applies ``**options`` after its own defaults (so the
request limits win), it still reads THREADS, WORKERS and CLOUD_RUN_TIMEOUT_SECONDS itself, and
the launcher's options are the CLI's (names, environment variables, defaults). If an upgrade
of functions-framework changes any of it, a test here fails and says what to revisit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import flask
import pytest
from click.testing import CliRunner

from pipeline_kit.http import serve

pytestmark = pytest.mark.unit


def _settings(server: Any) -> dict[str, Any]:
    names = ("bind", "workers", "threads", "timeout", *serve.LIMITS)
    return {name: getattr(server.cfg, name) for name in names}


def test_the_limits_win_over_functions_frameworks_defaults() -> None:
    server = serve.production_server(flask.Flask("target"), "127.0.0.1", 8123)
    settings = _settings(server)
    assert settings["bind"] == ["127.0.0.1:8123"]
    assert {name: settings[name] for name in serve.LIMITS} == {
        "limit_request_line": 8190,
        "limit_request_field_size": 8190,
        "limit_request_fields": 100,
    }


def test_functions_framework_alone_still_leaves_the_request_line_unlimited() -> None:
    """Why the launcher exists. If this fails, functions-framework now sets a limit itself:
    check whether ``pipeline_kit.http.serve`` is still needed."""
    from functions_framework._http.gunicorn import GunicornApplication

    plain = GunicornApplication(flask.Flask("target"), "127.0.0.1", 8123, False)  # type: ignore[no-untyped-call]
    assert plain.cfg.limit_request_line == 0, "functions-framework changed its gunicorn defaults"


def test_threads_workers_and_the_timeout_still_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THREADS", "3")
    monkeypatch.setenv("WORKERS", "2")
    monkeypatch.setenv("CLOUD_RUN_TIMEOUT_SECONDS", "17")
    monkeypatch.delenv("THREADED_TIMEOUT_ENABLED", raising=False)
    settings = _settings(serve.production_server(flask.Flask("target"), "0.0.0.0", 8080))
    assert (settings["threads"], settings["workers"], settings["timeout"]) == (3, 2, 17)


def test_an_asgi_target_is_refused_not_served_by_another_server() -> None:
    with pytest.raises(click.UsageError):
        serve.production_server(object(), "127.0.0.1", 8123)


def test_the_options_are_functions_frameworks_cli_options_but_debug_and_asgi() -> None:
    from functions_framework._cli import _cli

    def described(command: click.Command) -> dict[str, tuple[Any, ...]]:
        return {
            str(p.name): (tuple(p.opts), p.envvar, p.default, p.required, repr(p.type.to_info_dict()))
            for p in command.params
            if isinstance(p, click.Option)
        }

    theirs = described(_cli)
    assert set(theirs) - set(described(serve.main)) == {"debug", "asgi"}
    assert described(serve.main) == {name: theirs[name] for name in described(serve.main)}


def test_the_command_serves_the_target_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """FUNCTION_TARGET, FUNCTION_SOURCE and PORT as the CLI reads them; functions-framework's own
    app reaches the server (its ``run`` replaced: nothing listens in a unit test)."""
    source = tmp_path / "main.py"
    source.write_text("def hello(request):\n    return 'hello'\n")
    served: list[tuple[Any, str, int]] = []

    class Recorded:
        def __init__(self, app: Any, host: str, port: int) -> None:
            served.append((app, host, port))

        def run(self) -> None:
            return None

    monkeypatch.setattr(serve, "production_server", Recorded)
    environment = {"FUNCTION_TARGET": "hello", "FUNCTION_SOURCE": str(source), "PORT": "9321"}
    result = CliRunner().invoke(serve.main, ["--host", "127.0.0.1"], env=environment)
    assert result.exit_code == 0, result.output
    [(app, host, port)] = served
    assert (host, port) == ("127.0.0.1", 9321)
    assert app.test_client().get("/").get_data(as_text=True) == "hello"
