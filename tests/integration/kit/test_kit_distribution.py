"""The kit as a user's service gets it: its wheel built from ``kit/`` (no build isolation, no
download: hatchling is pinned in the dev lock), installed with only its own dependencies into a
fresh virtualenv, and Hello run on it by real push on the emulators.

The dependencies are the kit's declared ones and theirs, each pinned with its hashes from
``requirements.txt`` (pip's cache serves them): pip installs with ``--require-hashes``, so a
dependency the wheel declares that the lock does not pin fails here, and ``pip check`` fails on a
range the lock does not satisfy. The virtualenv's interpreter runs with no repository path on
``sys.path`` (no ``PYTHONPATH``, its working directory outside the repository); only Hello's own
folder is added, by functions-framework, as for any app.

Why it takes ~30-40 s (more than the ~20 s a test should): it builds a wheel, creates a
virtualenv and installs ~40 wheels (grpcio, protobuf, cryptography among them) before the
scenario runs; this is the one test that sees the kit as its users do.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ops.local_stack.emulators import RunningEmulators
from tests.e2e.examples.hello_run import check_hello, running_hello

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
LOCK = REPO / "requirements.txt"
PIP = [sys.executable, "-m", "pip", "--disable-pip-version-check"]


def _run(argv: list[str], **kwargs: object) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)  # type: ignore[call-overload]
    assert done.returncode == 0, f"{' '.join(map(str, argv))} failed:\n{done.stdout}\n{done.stderr}"
    return str(done.stdout)


def _lock_entries() -> dict[str, str]:
    """Canonical name -> the lock's whole entry (``name==version \\`` and its ``--hash`` lines)."""
    entries: dict[str, str] = {}
    for block in re.split(r"\n(?=\S)", LOCK.read_text()):
        first = block.split("\n", 1)[0]
        match = re.match(r"([A-Za-z0-9_.\-]+)==", first)
        if match:
            entries[canonicalize_name(match[1])] = "\n".join(
                line for line in block.splitlines() if not line.lstrip().startswith("#")
            )
    return entries


def _requires(requires_dist: list[str]) -> list[Requirement]:
    """The ``Requires-Dist`` entries that apply here, extras not asked for left out."""
    environment = {**{key: str(value) for key, value in default_environment().items()}, "extra": ""}
    requirements = [Requirement(text) for text in requires_dist]
    return [r for r in requirements if r.marker is None or r.marker.evaluate(environment)]


def _closure(wheel: Path) -> set[str]:
    """The wheel's dependencies and theirs, by the metadata of the versions the lock pins (the
    ones installed in this virtualenv, which is installed from the lock)."""
    from importlib.metadata import distribution

    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(name).decode()
    prefix = "Requires-Dist:"
    pending = _requires(
        [line.removeprefix(prefix).strip() for line in metadata.splitlines() if line.startswith(prefix)]
    )
    seen: set[str] = set()
    while pending:
        requirement = pending.pop()
        key = canonicalize_name(requirement.name)
        if key in seen:
            continue
        seen.add(key)
        pending.extend(_requires(distribution(requirement.name).requires or []))
    return seen


@pytest.fixture(scope="module")
def installed_kit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The interpreter of a fresh virtualenv with the kit's wheel and its locked dependencies."""
    root = tmp_path_factory.mktemp("kit-distribution")
    _run([*PIP, "wheel", "-q", "--no-build-isolation", "--no-deps", str(REPO / "kit"), "-w", str(root / "dist")])
    (wheel,) = (root / "dist").glob("pipeline_kit-0.1.0-py3-none-any.whl")
    _run([sys.executable, "-m", "venv", "--without-pip", str(root / "venv")])
    python = root / "venv" / "bin" / "python"
    lock = _lock_entries()
    needed = _closure(wheel)
    missing = sorted(needed - lock.keys())
    assert not missing, f"the kit depends on packages requirements.txt does not pin: {missing}"
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    requirements = root / "requirements-kit.txt"
    requirements.write_text(
        "\n".join([f"pipeline-kit @ {wheel.as_uri()} --hash=sha256:{digest}", *(lock[n] for n in sorted(needed))])
        + "\n"
    )
    install = ["install", "-q", "--require-hashes", "--only-binary=:all:", "-r", str(requirements)]
    _run([*PIP, "--python", str(python), *install])
    _run([*PIP, "--python", str(python), "check"])
    yield python


def _clean_environment() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "K_SERVICE")}


def test_the_installed_kit_is_the_wheels_typed_and_exports_its_public_api(installed_kit: Path, tmp_path: Path) -> None:
    script = (
        "import json, sys, pathlib, pipeline_kit\n"
        "names = {n: getattr(pipeline_kit, n).__module__ for n in pipeline_kit.__all__}\n"
        "package = pathlib.Path(pipeline_kit.__file__).parent\n"
        "print(json.dumps({'file': str(package), 'typed': (package / 'py.typed').is_file(),"
        " 'all': sorted(names), 'path': sys.path, 'version': pipeline_kit.__version__}))"
    )
    shown = json.loads(_run([str(installed_kit), "-c", script], cwd=tmp_path, env=_clean_environment()))
    venv = installed_kit.parent.parent

    assert Path(shown["file"]).is_relative_to(venv / "lib"), shown["file"]
    assert shown["typed"]
    assert shown["version"] == "0.1.0"
    assert shown["all"] == sorted(__import__("pipeline_kit").__all__)
    assert not [entry for entry in shown["path"] if entry and Path(entry).is_relative_to(REPO)]


def test_hello_runs_on_the_installed_kit(installed_kit: Path, emulators: RunningEmulators, tmp_path: Path) -> None:
    with running_hello(str(installed_kit), tmp_path, _clean_environment()) as app:
        check_hello(app)
