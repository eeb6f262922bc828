"""cloudbuild.yaml, checked offline: structure, waitFor graph, stage order, substitutions, files.

The checks are functions so the tests can also show each one catching a broken config.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
# The pipeline's stages in the order they must run; each is a step id.
STAGES = (
    "lint",
    "typecheck",
    "unit-tests",
    "emulator-tests",
    "build",
    "push",
    "terraform-plan",
    "terraform-apply",
    "smoke-test",
)
BUILT_IN = {"PROJECT_ID", "SHORT_SHA", "COMMIT_SHA", "BUILD_ID", "LOCATION", "REPO_NAME", "BRANCH_NAME", "TAG_NAME"}
_VARIABLE = re.compile(r"\$\{?(_[A-Z0-9_]+|[A-Z][A-Z0-9_]*)\}?")
_PATHLIKE = re.compile(r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]*)*$")
_FILE_SUFFIXES = (".txt", ".py", ".toml", ".yaml", ".tf", ".tfvars", ".hcl", ".json", ".cfg")


def load() -> dict[str, Any]:
    document = yaml.safe_load((REPO / "cloudbuild.yaml").read_text())
    assert isinstance(document, dict)
    return document


def structure_errors(document: dict[str, Any]) -> list[str]:
    errors = []
    steps = document.get("steps")
    if not isinstance(steps, list) or not steps:
        return ["no steps"]
    ids = [step.get("id") for step in steps]
    if len(set(ids)) != len(ids) or None in ids:
        errors.append(f"step ids must be present and unique: {ids}")
    for step in steps:
        if not isinstance(step.get("name"), str):
            errors.append(f"step {step.get('id')} has no image name")
        if "waitFor" not in step:
            errors.append(f"step {step.get('id')} has no waitFor")
        if not isinstance(step.get("args", []), list):
            errors.append(f"step {step.get('id')}: args must be a list")
    return errors


def dangling_wait_for(document: dict[str, Any]) -> list[str]:
    ids = {step["id"] for step in document["steps"]}
    return [
        f"{step['id']} waits for unknown {wanted}"
        for step in document["steps"]
        for wanted in step.get("waitFor", [])
        if wanted != "-" and wanted not in ids
    ]


def ancestors(document: dict[str, Any], step_id: str) -> set[str]:
    parents = {step["id"]: [w for w in step.get("waitFor", []) if w != "-"] for step in document["steps"]}
    seen: set[str] = set()
    pending = list(parents.get(step_id, []))
    while pending:
        current = pending.pop()
        if current not in seen:
            seen.add(current)
            pending.extend(parents.get(current, []))
    return seen


def order_errors(document: dict[str, Any]) -> list[str]:
    errors = []
    ids = {step["id"] for step in document["steps"]}
    for stage in STAGES:
        if stage not in ids:
            errors.append(f"missing stage {stage}")
    for index, stage in enumerate(STAGES):
        if stage not in ids:
            continue
        before = ancestors(document, stage)
        if stage in before:
            errors.append(f"{stage} waits for itself (cycle)")
        for earlier in STAGES[:index]:
            if earlier in {"lint", "typecheck"} and stage == "typecheck":
                continue  # lint and types run side by side
            if earlier not in before:
                errors.append(f"{stage} does not wait (directly or not) for {earlier}")
    return errors


def step_text(step: dict[str, Any]) -> str:
    parts = [str(step.get("name", "")), str(step.get("entrypoint", "")), str(step.get("dir", ""))]
    parts += [str(a) for a in step.get("args", [])] + [str(e) for e in step.get("env", [])]
    return "\n".join(parts)


def undeclared_substitutions(document: dict[str, Any]) -> list[str]:
    declared = set(document.get("substitutions", {}))
    texts = [step_text(step) for step in document["steps"]] + [
        str(v) for v in document.get("substitutions", {}).values()
    ]
    used = {name for text in texts for name in _VARIABLE.findall(text.replace("$$", ""))}
    return sorted(name for name in used if name not in declared and name not in BUILT_IN)


def missing_files(document: dict[str, Any]) -> list[str]:
    missing = []
    for step in document["steps"]:
        base = REPO / str(step.get("dir", ""))
        if not base.is_dir():
            missing.append(f"{step['id']}: dir {step.get('dir')}")
        text = step_text(step)
        for module in re.findall(r"python3? -m ([A-Za-z_][\w.]*)", text) + re.findall(
            r"bin/python -m ([A-Za-z_][\w.]*)", text
        ):
            if module in {"venv", "pytest", "pip"}:
                continue
            candidate = REPO / module.replace(".", "/")
            if not ((candidate / "__main__.py").is_file() or candidate.with_suffix(".py").is_file()):
                missing.append(f"{step['id']}: module {module}")
        for token in re.split(r"[\s\"'=\[\],]+", text):
            if not _PATHLIKE.match(token) or token.startswith((".venv", "-")) or token in {"api_url.txt", "tfplan"}:
                continue
            if ("/" in token and not token.startswith(("gcr.io", "hashicorp"))) or token.endswith(_FILE_SUFFIXES):
                if token.startswith(".venv") or token.count(".") > 2:
                    continue
                if not (base / token).exists() and not (REPO / token).exists():
                    missing.append(f"{step['id']}: {token}")
    return missing


def test_structure_is_valid() -> None:
    assert structure_errors(load()) == []


def test_every_wait_for_names_an_existing_step() -> None:
    assert dangling_wait_for(load()) == []


def test_the_order_is_lint_tests_build_deploy_smoke() -> None:
    assert order_errors(load()) == []


def test_every_substitution_used_is_declared_and_none_looks_like_a_secret() -> None:
    document = load()
    assert undeclared_substitutions(document) == []
    assert {"_REGION", "_IMAGE_TAG"} <= set(document["substitutions"])
    keys = set(document) | {key for step in document["steps"] for key in step}
    assert not {"secretEnv", "availableSecrets"} & keys
    public_by_design = {"_FIREBASE_WEB_API_KEY"}  # a Firebase web API key ships in every web page: not a secret
    for key in set(document["substitutions"]) - public_by_design:
        assert not re.search(r"SECRET|PASSWORD|TOKEN|KEY|CREDENTIAL", key), key


def test_every_file_or_module_a_step_uses_exists() -> None:
    assert missing_files(load()) == []


def test_the_image_pushed_is_the_one_built_and_deployed() -> None:
    steps = {step["id"]: step_text(step) for step in load()["steps"]}
    assert "${_IMAGE}" in steps["build"]
    assert "${_IMAGE}" in steps["push"]
    assert "image=${_IMAGE}" in steps["terraform-plan"]
    assert "tfplan" in steps["terraform-apply"]


def test_the_checks_catch_a_broken_config() -> None:
    broken = copy.deepcopy(load())
    steps = {step["id"]: step for step in broken["steps"]}
    steps["build"]["waitFor"] = ["unit-test"]  # typo: dangling, and build no longer waits for emulator tests
    steps["smoke-test"]["waitFor"] = ["push"]  # smoke before deploy
    steps["push"]["args"] = ["push", "${_IMAGE_TAGG}"]
    steps["lint"]["args"] = ["-ceu", "ruff check . --config ruff-missing.toml"]
    steps["unit-tests"]["args"] = ["-ceu", "python -m ops.missing_module"]

    assert dangling_wait_for(broken) == ["build waits for unknown unit-test"]
    errors = order_errors(broken)
    assert "build does not wait (directly or not) for emulator-tests" in errors
    assert "smoke-test does not wait (directly or not) for terraform-apply" in errors
    assert undeclared_substitutions(broken) == ["_IMAGE_TAGG"]
    assert missing_files(broken) == ["lint: ruff-missing.toml", "unit-tests: module ops.missing_module"]
