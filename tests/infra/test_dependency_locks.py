"""The Python dependency locks: every package (transitive ones too) pinned with `==` and its
hashes, generated from the small `*.in` files by `make lock`, and installed with
`--require-hashes` everywhere something is installed (Makefile, Dockerfile, Cloud Build, the
offline tools' virtualenvs)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[2]
OFFLINE = REPO / "infra" / "offline"
# lock -> the input it is compiled from
LOCKS = {
    REPO / "requirements.txt": REPO / "requirements.in",
    REPO / "requirements-dev.txt": REPO / "requirements-dev.in",
    OFFLINE / "requirements-stand-in-provider.txt": OFFLINE / "requirements-stand-in-provider.in",
    OFFLINE / "requirements-checkov.txt": OFFLINE / "requirements-checkov.in",
}
_PINNED = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[A-Za-z0-9.+!-]+)(?:\s*;[^-]+)?(?P<rest>.*)$")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def logical_lines(text: str) -> list[str]:
    """The requirement lines of a requirements file: continuations joined, comments dropped."""
    joined = re.sub(r"\\\n", " ", text)
    return [
        line.split(" #")[0].strip()
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def lock_errors(text: str) -> list[str]:
    """Every line that is not `name==version [; marker] --hash=sha256:... [--hash=...]`."""
    errors = []
    for line in logical_lines(text):
        found = _PINNED.match(line)
        if not found:
            errors.append(f"not pinned with ==: {line[:80]}")
            continue
        rest = found.group("rest").split()
        if not rest or not all(_HASH.fullmatch(word) for word in rest):
            errors.append(f"{found.group('name')}: no --hash, or something else on its line")
    return errors


def pins(text: str) -> dict[str, str]:
    """Normalised name -> version of every `name==version` line."""
    result = {}
    for line in logical_lines(text):
        found = _PINNED.match(line)
        if found:
            result[re.sub(r"[-_.]+", "-", found.group("name")).lower()] = found.group("version")
    return result


@pytest.mark.parametrize("lock", sorted(LOCKS), ids=lambda p: p.name)
def test_every_line_of_the_lock_is_pinned_with_hashes(lock: Path) -> None:
    text = lock.read_text()
    assert lock_errors(text) == []
    assert len(pins(text)) >= 8
    assert "make lock" in text.splitlines()[1]  # generated, and says by what


@pytest.mark.parametrize("lock", sorted(LOCKS), ids=lambda p: p.name)
def test_the_lock_holds_every_direct_pin_of_its_input_at_the_same_version(lock: Path) -> None:
    locked = pins(lock.read_text())
    direct = pins(LOCKS[lock].read_text())
    assert direct, LOCKS[lock]
    assert {name: locked.get(name) for name in direct} == direct


def test_the_dev_lock_keeps_the_runtime_versions() -> None:
    runtime = pins((REPO / "requirements.txt").read_text())
    dev = pins((REPO / "requirements-dev.txt").read_text())
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_lock_checks_catch_an_unpinned_or_unhashed_line() -> None:
    good = "flask==3.1.3 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via -r requirements.in\n"
    assert lock_errors(good) == []
    assert lock_errors("flask>=3.1\n") == ["not pinned with ==: flask>=3.1"]
    assert lock_errors("flask==3.1.3\n") == ["flask: no --hash, or something else on its line"]
    assert lock_errors("flask==3.1.3 --hash=md5:abc\n") == ["flask: no --hash, or something else on its line"]
    assert lock_errors("-r requirements.txt\n") == ["not pinned with ==: -r requirements.txt"]


def _pip_installs(text: str) -> list[str]:
    return [m.group(0) for m in re.finditer(r"\bpip install\s[^\n]*", text.replace("\\\n", " "))]


def test_every_install_requires_hashes_and_wheels() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert "PIP_LOCKED := --require-hashes --only-binary=:all:" in makefile
    installs = {"Makefile": _pip_installs(makefile), "Dockerfile": _pip_installs((REPO / "Dockerfile").read_text())}
    for config in sorted(REPO.glob("cloudbuild*.yaml")):
        steps = yaml.safe_load(config.read_text())["steps"]
        installs[config.name] = [i for step in steps for a in step.get("args", []) for i in _pip_installs(str(a))]
    installs["offline_terraform.py"] = [
        "pip install " + " ".join(re.findall(r'"(--[a-z-]+[^"]*)"', (OFFLINE / "offline_terraform.py").read_text()))
    ]
    assert installs["Makefile"] and installs["Dockerfile"] and installs["cloudbuild.yaml"]
    for where, lines in installs.items():
        for line in lines:
            assert "--require-hashes" in line or "$(PIP_LOCKED)" in line, (where, line)
            assert "--only-binary=:all:" in line or "$(PIP_LOCKED)" in line, (where, line)
            assert "--upgrade" not in line, (where, line)  # nothing outside the lock


def test_make_lock_compiles_every_lock_and_the_venv_stamp_follows_the_locks() -> None:
    makefile = (REPO / "Makefile").read_text()
    recipe = makefile.split("\nlock:", 1)[1].split("\n\n", 1)[0]
    assert "UV_LOCK    := --quiet --generate-hashes --universal --python-version 3.11" in makefile
    for lock, source in LOCKS.items():
        assert f"{source.relative_to(REPO)} -o {lock.relative_to(REPO)}" in recipe
    assert "$(BIN)/uv pip compile" in recipe
    assert "uv" in pins((REPO / "requirements-dev.txt").read_text())  # the tool is locked too
    stamp = next(line for line in makefile.splitlines() if line.startswith("STAMP"))
    assert "requirements.txt requirements-dev.txt" in stamp and "sha1sum" in stamp
