"""``python -m ops.smoke API_URL``: run the smoke checks, exit 0 when all pass (no third-party imports).

Exit 1 when a check fails; 2, with one line on stderr, for a URL that is not one or an API that
never answered. Each retry prints one "waiting for …" line on stderr.
"""

from __future__ import annotations

import sys

from ops.smoke.smoke_checks import SmokeError, run_smoke_checks


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m ops.smoke API_URL", file=sys.stderr)
        return 2
    try:
        results = run_smoke_checks(argv[0], on_wait=_print_wait)
    except SmokeError as error:
        print(error, file=sys.stderr)
        return 2
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    return 0 if all(result.ok for result in results) else 1


def _print_wait(attempt: int, attempts: int, detail: str) -> None:
    print(f"waiting for {detail} (attempt {attempt}/{attempts})", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
