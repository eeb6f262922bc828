"""The error that stops a process from starting with unsafe or incomplete auth settings."""


class InsecureConfiguration(RuntimeError):
    """Raised at start-up by the ``*_from_env`` factories; the process must not serve."""
