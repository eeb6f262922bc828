"""Reading auth settings from the environment, refusing anything ambiguous."""

from collections.abc import Mapping

from pipeline_kit.auth.insecure_configuration import InsecureConfiguration


def env_flag(environ: Mapping[str, str], name: str) -> bool:
    """``"true"`` → True; absent, empty or ``"false"`` → False (any case); anything else is
    refused rather than guessed."""
    value = environ.get(name, "").strip().lower()
    if value in ("", "false"):
        return False
    if value == "true":
        return True
    raise InsecureConfiguration(f"{name} must be 'true' or 'false', got {value[:20]!r}")


def env_list(environ: Mapping[str, str], name: str) -> list[str]:
    """A comma-separated list, blanks dropped."""
    return [item.strip() for item in environ.get(name, "").split(",") if item.strip()]


def on_cloud_run(environ: Mapping[str, str]) -> bool:
    """Cloud Run (and Cloud Run functions) always set K_SERVICE."""
    return bool(environ.get("K_SERVICE", "").strip())
