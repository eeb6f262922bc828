"""Find the Cloud SDK emulators and Java, or say in one line what to install."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


class MissingTool(RuntimeError):
    """A tool the local stack needs is not installed. The message is one line saying what to install."""


@dataclass(frozen=True)
class EmulatorLaunchers:
    pubsub: Path
    firestore: Path


_COMMON_SDK_ROOTS = (
    "/usr/lib/google-cloud-sdk",
    "/usr/share/google-cloud-sdk",
    "~/google-cloud-sdk",
)


def find_sdk_root() -> Path | None:
    """The Cloud SDK root: $CLOUDSDK_ROOT, the usual install places, then `gcloud info`."""
    explicit = os.environ.get("CLOUDSDK_ROOT")
    if explicit:
        return Path(explicit)
    for candidate in _COMMON_SDK_ROOTS:
        path = Path(candidate).expanduser()
        if (path / "platform").is_dir():
            return path
    gcloud = shutil.which("gcloud")
    if gcloud is None:
        return None
    try:
        out = subprocess.run(
            [gcloud, "info", "--format=value(installation.sdk_root)"],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout.strip()
    except (subprocess.SubprocessError, OSError):
        return None
    return Path(out) if out else None


def find_emulators() -> EmulatorLaunchers:
    """Locate both emulator launchers and check Java, or raise MissingTool with the fix."""
    if shutil.which("java") is None:
        raise MissingTool(
            "Java is missing: the Pub/Sub and Firestore emulators need a Java 17+ runtime "
            "(e.g. `apt-get install openjdk-17-jre-headless`)."
        )
    root = find_sdk_root()
    install_hint = (
        "install the Google Cloud SDK emulators: `gcloud components install pubsub-emulator "
        "cloud-firestore-emulator` (or the packages google-cloud-cli-pubsub-emulator and "
        "google-cloud-cli-firestore-emulator)"
    )
    if root is None:
        raise MissingTool(f"The Google Cloud SDK was not found: {install_hint}.")
    pubsub = root / "platform" / "pubsub-emulator" / "bin" / "cloud-pubsub-emulator"
    firestore = root / "platform" / "cloud-firestore-emulator" / "cloud_firestore_emulator"
    missing = [name for name, path in (("Pub/Sub", pubsub), ("Firestore", firestore)) if not path.exists()]
    if missing:
        raise MissingTool(f"The {' and '.join(missing)} emulator is missing under {root}: {install_hint}.")
    return EmulatorLaunchers(pubsub=pubsub, firestore=firestore)
