"""Shared set-up of the offline Terraform tools for the infra tests (see infra/offline/)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from infra.offline import offline_terraform

CUSTOM_POLICIES = offline_terraform.OFFLINE_DIR / "checkov"


def run_checkov(directory: Path) -> dict[str, Any]:
    """checkov's JSON report for `directory`, offline, with the project's custom policies."""
    result = subprocess.run(
        [
            str(offline_terraform.checkov_executable()),
            "--directory",
            str(directory),
            "--framework",
            "terraform",
            "--skip-download",
            "--external-checks-dir",
            str(CUSTOM_POLICIES),
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1 = some check failed
    report: dict[str, Any] = json.loads(result.stdout)
    return report
