"""``python -m ops.smoke API_URL``: run the smoke checks, exit 0 when all pass (no third-party imports)."""

from __future__ import annotations

import sys

from ops.smoke.smoke_checks import run_smoke_checks


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m ops.smoke API_URL", file=sys.stderr)
        return 2
    results = run_smoke_checks(argv[0])
    for result in results:
        print(f"{'ok  ' if result.ok else 'FAIL'} {result.name}: {result.detail}")
    return 0 if all(result.ok for result in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
