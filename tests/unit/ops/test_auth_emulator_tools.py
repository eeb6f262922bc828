"""The auth emulator's missing pieces are said in one line, with the command that fixes them."""

from pathlib import Path

import pytest

from ops.local_stack.auth_emulator import find_firebase_cli
from ops.local_stack.required_tools import MissingTool

pytestmark = pytest.mark.unit


def test_without_node_the_message_names_node_and_npm(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)

    with pytest.raises(MissingTool) as missing:
        find_firebase_cli(tmp_path)

    message = str(missing.value)
    assert "\n" not in message
    assert "Node.js is missing" in message and "npm" in message


def test_without_firebase_tools_the_message_names_the_make_target(tmp_path: Path) -> None:
    with pytest.raises(MissingTool, match=r"make auth-emulator"):
        find_firebase_cli(tmp_path)


def test_the_installed_launcher_is_found(tmp_path: Path) -> None:
    launcher = tmp_path / "node_modules" / ".bin" / "firebase"
    launcher.parent.mkdir(parents=True)
    launcher.write_text("#!/bin/sh\n")

    assert find_firebase_cli(tmp_path) == launcher
