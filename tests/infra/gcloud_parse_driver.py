"""Run many ``gcloud`` commands through the installed Cloud SDK in one process (its own Python).

Started by ``tests/infra/gcloud_commands.py`` as ``<gcloud's python> gcloud_parse_driver.py
SDK_ROOT`` with a JSON list of argument lists (without ``gcloud``) on stdin; prints one JSON object
per command (``{"exit": code, "output": what it wrote}``) on stdout. Each command goes through
``gcloud_main.CreateCLI(...).Execute(argv)``, what the ``gcloud`` script runs (the same parser,
flag types and validators), but the SDK loads once instead of once per command (about 0.8 s
each). What each command writes to stdout and stderr is caught at the file-descriptor level.

Runs under the SDK's bundled Python, not the project's: standard library and the SDK only.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from typing import Any


def main() -> int:
    sdk_root = sys.argv[1]
    sys.path[:0] = [os.path.join(sdk_root, "lib", "third_party"), os.path.join(sdk_root, "lib")]
    from googlecloudsdk import gcloud_main  # type: ignore[import-not-found]

    commands: list[list[str]] = json.load(sys.stdin)
    report = os.fdopen(os.dup(1), "w")
    cli: Any = gcloud_main.CreateCLI([])
    for argv in commands:
        code, output = _run(cli, argv)
        report.write(json.dumps({"exit": code, "output": output}) + "\n")
        report.flush()
    return 0


def _run(cli: Any, argv: list[str]) -> tuple[int, str]:
    with tempfile.TemporaryFile(mode="w+b") as caught:
        sys.stdout.flush()
        sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        os.dup2(caught.fileno(), 1)
        os.dup2(caught.fileno(), 2)
        try:
            code = _exit_code(cli, argv)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])
        caught.seek(0)
        return code, caught.read().decode("utf-8", "replace")


def _exit_code(cli: Any, argv: list[str]) -> int:
    try:
        cli.Execute(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except BaseException as error:  # reported as the command's failure
        sys.stderr.write(f"driver: {type(error).__name__}: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
