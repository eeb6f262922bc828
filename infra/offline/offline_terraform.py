"""Run the real `terraform` against the stand-in Google provider, with no network.

Everything it creates lives in git-ignored places, and is rebuilt when its inputs change:
- `.venv-tfprovider/` and `.venv-checkov/`: virtualenvs from the hashed lock files beside this
  file (package registries only; a stamp file skips the install next time);
- `.local/terraform/`: the `terraform-provider-google` launcher, the CLI config whose
  `dev_overrides` points Terraform at it, the cached schema message, and the data dir
  (`TF_DATA_DIR`) holding the installed local modules.

Usage (also what `make infra-tools` runs): `python3 infra/offline/offline_terraform.py setup`.
`validate` and `test` run those Terraform commands in `infra/` after `setup`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

OFFLINE_DIR = Path(__file__).resolve().parent
INFRA_DIR = OFFLINE_DIR.parent
REPO_ROOT = INFRA_DIR.parent
LOCAL_DIR = REPO_ROOT / ".local" / "terraform"
PROVIDER_VENV = REPO_ROOT / ".venv-tfprovider"
CHECKOV_VENV = REPO_ROOT / ".venv-checkov"
PROVIDER_REQUIREMENTS = OFFLINE_DIR / "requirements-stand-in-provider.txt"
CHECKOV_REQUIREMENTS = OFFLINE_DIR / "requirements-checkov.txt"


def ensure_virtualenv(location: Path, requirements: Path) -> Path:
    """Create `location` with exactly `requirements` installed; return its python."""
    python = location / "bin" / "python"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()[:12]
    stamp = location / f".installed-{digest}"
    if stamp.exists():
        return python
    if not python.exists():
        venv.create(location, with_pip=True)
    # The requirement files are locks (every package pinned with its hashes, `make lock`); wheels
    # only, so no build step fetches unpinned build tools.
    pip = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    pip += ["--require-hashes", "--only-binary=:all:"]
    subprocess.run([*pip, "-r", str(requirements)], check=True)
    for old in location.glob(".installed-*"):
        old.unlink()
    stamp.touch()
    return python


def checkov_executable() -> Path:
    ensure_virtualenv(CHECKOV_VENV, CHECKOV_REQUIREMENTS)
    return CHECKOV_VENV / "bin" / "checkov"


def install_stand_in_provider() -> dict[str, str]:
    """Write the launcher and CLI config; return the environment Terraform needs."""
    python = ensure_virtualenv(PROVIDER_VENV, PROVIDER_REQUIREMENTS)
    plugins = LOCAL_DIR / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    launcher = plugins / "terraform-provider-google"
    script = OFFLINE_DIR / "stand_in_provider.py"
    launcher.write_text(
        f"#!/bin/sh\nSTAND_IN_SCHEMA_CACHE='{LOCAL_DIR}' exec '{python}' '{script}' \"$@\"\n",
    )
    launcher.chmod(0o755)
    cli_config = LOCAL_DIR / "terraformrc"
    cli_config.write_text(
        "provider_installation {\n"
        f'  dev_overrides {{\n    "hashicorp/google" = "{plugins}"\n  }}\n'
        "  direct {}\n"
        "}\n",
    )
    return {
        **os.environ,
        "TF_CLI_CONFIG_FILE": str(cli_config),
        "TF_DATA_DIR": str(LOCAL_DIR / "data"),
        "TF_IN_AUTOMATION": "1",
        "CHECKPOINT_DISABLE": "1",
    }


def terraform(args: list[str], env: dict[str, str], cwd: Path = INFRA_DIR) -> subprocess.CompletedProcess[str]:
    """Run one terraform command (never interactive, no colour); the caller checks the result."""
    return subprocess.run(
        ["terraform", *args, "-no-color"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )


def setup() -> dict[str, str]:
    """Everything `validate` and `test` need: the provider, the CLI config, the local modules."""
    env = install_stand_in_provider()
    # `get` installs the local modules only: `init` would look the overridden provider up online.
    init = terraform(["get"], env)
    if init.returncode != 0:
        raise RuntimeError(f"terraform get failed:\n{init.stdout}\n{init.stderr}")
    return env


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else "setup"
    env = setup()
    if command == "setup":
        checkov_executable()
        return 0
    result = terraform([command], env)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
