"""The container, checked statically (no Docker engine here): a pinned Node stage that builds the
web app, then a slim Python base, non-root user, only the runtime requirements, only functions/ and
the built web/dist, the production server on $PORT for $FUNCTION_TARGET, and a .dockerignore that
keeps tests, ops, infra, virtualenvs, node_modules and local builds out of the context."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]


def instructions() -> list[tuple[str, str]]:
    text = (REPO / "Dockerfile").read_text().replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "") for line in lines]


def of(kind: str) -> list[str]:
    return [argument for instruction, argument in instructions() if instruction == kind]


def stages() -> list[list[tuple[str, str]]]:
    """The instructions of each build stage, in order (each starts with its FROM)."""
    result: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            result.append([])
        if result:
            result[-1].append(instruction)
    return result


def final_stage_of(kind: str) -> list[str]:
    return [argument for instruction, argument in stages()[-1] if instruction == kind]


def ignored(path: str) -> bool:
    """Docker's rule: the last pattern that matches decides; ``!`` re-includes."""
    verdict = False
    for raw in (REPO / ".dockerignore").read_text().splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        pattern = pattern.lstrip("!").rstrip("/")
        candidates = [pattern, pattern.removeprefix("**/")]
        parts = path.split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        suffixes = ["/".join(parts[i:]) for i in range(len(parts))]
        if any(fnmatch.fnmatchcase(p, c) for c in candidates for p in prefixes + (suffixes if "**" in pattern else [])):
            verdict = not negate
    return verdict


def test_the_base_image_is_slim_python() -> None:
    bases = of("FROM")
    assert len(bases) == 2
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?@sha256:[0-9a-f]{64}", bases[-1].split()[0])


def test_every_base_image_is_pinned_by_digest_as_in_cloud_build() -> None:
    """A tag can be moved to another build; a digest cannot. The same image as a Cloud Build step
    (python, node) carries the same digest there."""
    steps = [
        step
        for name in ("cloudbuild.yaml", "cloudbuild-image.yaml", "cloudbuild-plan.yaml", "cloudbuild-deploy.yaml")
        for step in yaml.safe_load((REPO / name).read_text())["steps"]
    ]
    in_cloud_build = dict(str(step["name"]).split("@", 1) for step in steps)
    for base in of("FROM"):
        image = base.split()[0]
        assert re.fullmatch(r"[a-z0-9./-]+:[A-Za-z0-9_.-]+@sha256:[0-9a-f]{64}", image), image
        tag, digest = image.split("@")
        assert in_cloud_build.get(tag, digest) == digest, image


def test_it_runs_as_a_non_root_user() -> None:
    users = of("USER")
    assert users, "no USER instruction"
    user = users[-1].split(":")[0]
    assert user not in {"root", "0"}
    assert instructions()[-1][0] == "CMD" and [i for i, _ in instructions()].index("USER") < len(instructions()) - 1


def test_it_installs_only_the_runtime_requirements_and_copies_only_functions_and_the_built_web_app() -> None:
    runs = " ".join(final_stage_of("RUN"))
    assert "pip install" in runs
    assert re.findall(r"-r\s+(\S+)", runs) == ["requirements.txt"]
    assert "requirements-dev" not in (REPO / "Dockerfile").read_text()
    from_context = [argument.split()[-2] for argument in final_stage_of("COPY") if "--from=" not in argument]
    assert sorted(from_context) == ["functions/", "requirements.txt"]
    from_stages = [argument.split() for argument in final_stage_of("COPY") if "--from=" in argument]
    assert [(words[-2], words[-1]) for words in from_stages] == [("/src/web/dist/", "./web/dist/")]
    assert "WEB_DIST_DIR=/app/web/dist" in " ".join(final_stage_of("ENV"))
    assert "npm" not in runs and "node" not in " ".join(final_stage_of("FROM"))


def test_a_pinned_node_stage_builds_the_web_app_from_its_lockfile() -> None:
    first = stages()[0]
    image, _, name = first[0][1].partition(" AS ")
    assert re.fullmatch(r"node:20\.\d+\.\d+-bookworm-slim@sha256:[0-9a-f]{64}", image.strip()), (
        image
    )  # a full version and its digest
    assert name.strip() == "web"
    runs = [argument for kind, argument in first if kind == "RUN"]
    assert runs[0].startswith("npm ci")  # the lockfile decides every version
    assert "npm run build" in runs[-1]
    copies = [argument for kind, argument in first if kind == "COPY"]
    assert copies[0] == "web/package.json web/package-lock.json ./"  # dependencies cached apart from sources


def test_the_command_serves_function_target_on_port_with_the_production_server() -> None:
    command = of("CMD")[-1]
    # functions-framework's server through the kit's launcher (its request-line and header limits):
    # the module is in the image (functions/ is copied) and importable (PYTHONPATH).
    assert "python -m pipeline_kit.http.serve " in command
    assert (REPO / "functions" / "pipeline_kit" / "http" / "serve.py").is_file()
    assert "PYTHONPATH=/app/functions" in " ".join(of("ENV"))
    assert "--debug" not in command  # the debug server is Flask's, not gunicorn
    assert "${FUNCTION_TARGET}" in command
    assert "${PORT}" in command
    assert "exec " in command  # PID 1 is the server: SIGTERM from Cloud Run reaches it
    environment = " ".join(of("ENV"))
    assert "PYTHONUNBUFFERED=1" in environment  # structured logs leave at once
    assert re.search(r"THREADS=\d+", environment)


def test_the_build_context_keeps_out_everything_but_the_functions() -> None:
    for path in (
        "tests/unit/__init__.py",
        "ops/cli.py",
        "infra/topology.tf",
        ".venv/bin/python",
        ".venv-checkov/x",
        ".local/logs/a.log",
        ".git/HEAD",
        "functions/pipeline_kit/__pycache__/x.pyc",
        "web/node_modules/vue/index.js",
        "web/dist/index.html",
        "web/dist/assets/index-3f2a1b.js",
        "ops/auth_emulator/node_modules/firebase-tools/package.json",
    ):
        assert ignored(path), path
    for path in (
        "requirements.txt",
        "functions/main.py",
        "functions/pipeline_kit/events/event_envelope.py",
        "web/package.json",
        "web/package-lock.json",
        "web/src/main.ts",
        "web/index.html",
    ):
        assert not ignored(path), path


def test_bytecode_is_compiled_at_build_time_not_on_every_cold_start() -> None:
    """The image sets PYTHONDONTWRITEBYTECODE and runs as a non-root user: without .pyc files
    built into the image, every cold start would compile every module from source."""
    runs = final_stage_of("RUN")
    assert not any("--no-compile" in run for run in runs)
    functions_copied_at = next(
        i for i, (kind, arg) in enumerate(stages()[-1]) if kind == "COPY" and "functions/" in arg
    )
    compiled_at = next(i for i, (kind, arg) in enumerate(stages()[-1]) if kind == "RUN" and "compileall" in arg)
    assert compiled_at > functions_copied_at
    assert "/app/functions" in stages()[-1][compiled_at][1]
