"""The web app and the API docs, served by the real API app (and the monolith) from a dist folder
made here (not the real web build): SPA fallback, hashed assets, config.json, /docs, security
headers, no path traversal, a clear answer when the web app is not built."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ops.local_stack.emulators import RunningEmulators
from pipeline_kit.firestore.firestore_client import reset_firestore_client

pytestmark = pytest.mark.integration

INDEX = '<!doctype html><html><head><script type="module" src="/app/assets/index-3f2a1b.js"></script></head></html>'


def make_dist(root: Path) -> Path:
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "docs").mkdir()
    (dist / "index.html").write_text(INDEX)
    (dist / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (dist / "assets" / "index-3f2a1b.js").write_text("console.log('app')")
    (dist / "assets" / "index-9c8d7e.css").write_text("body{margin:0}")
    (dist / "docs" / "index.html").write_text("<!doctype html><title>API docs</title>")
    (dist / "docs" / "swagger-initializer.js").write_text("window.ui = SwaggerUIBundle({url: '/openapi.json'})")
    (root / "secret.txt").write_text("outside the dist folder")
    return dist


def _client(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, dist: Path, **env: str) -> Any:
    monkeypatch.setenv("FIREBASE_PROJECT_ID", "demo-wild-workouts")
    monkeypatch.setenv("API_AUTH_DEV_ISSUER", "true")
    monkeypatch.setenv("API_AUTH_DEV_PRIVATE_KEY_FILE", str(tmp_path / "dev-issuer.pem"))
    monkeypatch.setenv("WEB_DIST_DIR", str(dist))
    monkeypatch.delenv("K_SERVICE", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    reset_firestore_client()
    from wild_workouts import bootstrap
    from wild_workouts.http.dev_tokens import dev_issuer_key

    dev_issuer_key(tmp_path / "dev-issuer.pem")
    return bootstrap.firestore_api_app(bootstrap.settings()).test_client()


@pytest.fixture
def web(emulators: RunningEmulators, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    return _client(monkeypatch, tmp_path, make_dist(tmp_path))


def test_the_root_and_app_without_slash_redirect_to_the_app(web: Any) -> None:
    for path in ("/", "/app"):
        response = web.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"] == "/app/"


@pytest.mark.parametrize("path", ["/app/", "/app/trainings", "/app/trainer/schedule", "/app/trainings/abc-123"])
def test_app_routes_get_index_html_with_no_cache_and_security_headers(web: Any, path: str) -> None:
    response = web.get(path)

    assert response.status_code == 200
    assert response.get_data(as_text=True) == INDEX
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-cache"
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp and "frame-ancestors 'none'" in csp
    assert "connect-src 'self' https://identitytoolkit.googleapis.com https://securetoken.googleapis.com" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Correlation-Id"]


def test_hashed_assets_are_cached_for_a_year(web: Any) -> None:
    script = web.get("/app/assets/index-3f2a1b.js")
    style = web.get("/app/assets/index-9c8d7e.css")

    assert script.status_code == 200
    assert script.get_data(as_text=True) == "console.log('app')"
    assert script.mimetype in ("text/javascript", "application/javascript")
    assert script.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert script.headers["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in script.headers
    assert style.mimetype == "text/css"


def test_an_unhashed_file_at_the_app_root_is_served_without_long_cache(web: Any) -> None:
    response = web.get("/app/favicon.svg")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(
    "path",
    [
        "/app/assets/missing-000000.js",
        "/app/missing.png",
        "/docs/missing.js",
        "/app/assets/%2e%2e/%2e%2e/secret.txt",
        "/app/%2e%2e/secret.txt",
        "/app/assets/..%2f..%2fsecret.txt",
        "/docs/..%2f..%2fsecret.txt",
        "/app/assets/",
    ],
)
def test_unknown_files_and_traversal_attempts_are_json_404s(web: Any, path: str) -> None:
    response = web.get(path)

    assert response.status_code == 404, path
    assert response.json["code"] == "not_found"
    assert "outside the dist folder" not in response.get_data(as_text=True)


def test_the_docs_page_and_its_files(web: Any) -> None:
    redirect = web.get("/docs")
    page = web.get("/docs/")
    initializer = web.get("/docs/swagger-initializer.js")

    assert (redirect.status_code, redirect.headers["Location"]) == (302, "/docs/")
    assert page.status_code == 200
    assert page.get_data(as_text=True) == "<!doctype html><title>API docs</title>"
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert initializer.status_code == 200
    assert "/openapi.json" in initializer.get_data(as_text=True)


def test_config_json_in_production_shape(web: Any) -> None:
    response = web.get("/app/config.json")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-cache"
    assert response.json == {
        "firebase": {
            "apiKey": "",
            "authDomain": "demo-wild-workouts.firebaseapp.com",
            "projectId": "demo-wild-workouts",
        },
        "authEmulatorUrl": None,
        "demoUsers": [],
    }


def test_config_json_and_csp_with_the_auth_emulator(
    emulators: RunningEmulators, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    users = [{"email": "a@wild-workouts.test", "password": "pw", "displayName": "A", "role": "attendee", "uid": "a"}]
    web = _client(
        monkeypatch,
        tmp_path,
        make_dist(tmp_path),
        FIREBASE_AUTH_EMULATOR_HOST="127.0.0.1:9199",
        FIREBASE_WEB_API_KEY="demo-api-key",
        WEB_DEMO_USERS=json.dumps(users),
    )

    body = web.get("/app/config.json").json
    csp = web.get("/app/").headers["Content-Security-Policy"]

    assert body["authEmulatorUrl"] == "http://127.0.0.1:9199"
    assert body["demoUsers"] == users
    assert body["firebase"]["apiKey"] == "demo-api-key"
    assert "connect-src 'self' http://127.0.0.1:9199;" in csp
    assert "googleapis" not in csp


@pytest.mark.parametrize("path", ["/app/", "/app/trainings", "/app/assets/index-3f2a1b.js", "/docs/"])
def test_without_a_build_the_web_paths_say_so(
    emulators: RunningEmulators, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: str
) -> None:
    web = _client(monkeypatch, tmp_path, tmp_path / "no-dist")

    response = web.get(path)

    assert response.status_code == 503
    assert response.json["code"] == "web_app_not_built"
    assert "npm run build" in response.json["message"]
    assert web.get("/openapi.json").status_code == 200  # the API itself is unaffected


def test_the_api_keeps_its_json_404_for_unknown_paths(web: Any) -> None:
    response = web.get("/nowhere")

    assert (response.status_code, response.json["code"]) == (404, "not_found")


@pytest.fixture
def fresh_process_app() -> Iterator[None]:
    from wild_workouts.bootstrap import api_app

    api_app.cache_clear()
    yield
    api_app.cache_clear()


@pytest.mark.parametrize("target", ["api", "monolith"])
def test_served_through_functions_framework(
    emulators: RunningEmulators,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    fresh_process_app: None,
    target: str,
) -> None:
    import functions_framework

    _client(monkeypatch, tmp_path, make_dist(tmp_path))  # sets the environment the process app reads
    source = Path(__file__).resolve().parents[3] / "functions" / "main.py"
    client = functions_framework.create_app(target=target, source=str(source)).test_client()  # type: ignore[no-untyped-call]

    assert client.get("/").headers["Location"] == "/app/"
    page = client.get("/app/schedule")
    assert page.status_code == 200
    assert page.get_data(as_text=True) == INDEX
    assert client.get("/app/assets/index-3f2a1b.js").headers["Cache-Control"].endswith("immutable")
    assert client.get("/app/config.json").json["firebase"]["projectId"] == "demo-wild-workouts"
