"""Missing emulators or Java: one clear line that says what to install."""

from __future__ import annotations

from pathlib import Path

import pytest

from ops.local_stack.required_tools import MissingTool, find_emulators

pytestmark = pytest.mark.unit


def test_missing_java_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MissingTool) as missing:
        find_emulators()
    assert "Java is missing" in str(missing.value) and "\n" not in str(missing.value)


def test_missing_emulators_say_which_and_how_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    java = tmp_path / "bin" / "java"
    java.parent.mkdir()
    java.write_text("#!/bin/sh\n")
    java.chmod(0o755)
    sdk = tmp_path / "sdk"
    (sdk / "platform" / "pubsub-emulator" / "bin").mkdir(parents=True)
    (sdk / "platform" / "pubsub-emulator" / "bin" / "cloud-pubsub-emulator").write_text("")
    monkeypatch.setenv("PATH", str(java.parent))
    monkeypatch.setenv("CLOUDSDK_ROOT", str(sdk))
    with pytest.raises(MissingTool) as missing:
        find_emulators()
    message = str(missing.value)
    assert "Firestore emulator is missing" in message and "Pub/Sub" not in message.split("missing", maxsplit=1)[0]
    assert "gcloud components install pubsub-emulator cloud-firestore-emulator" in message
    assert "\n" not in message
