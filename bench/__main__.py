"""``python -m bench [--short] [--out DIR]``: run every benchmark, write the results.

The full run (default) writes ``bench/results/benchmark.json``, ``bench/results/latency.png``
and regenerates ``BENCHMARKS.md``; ``--short`` runs tiny sizes (the test command's short form)
and writes only to ``--out``. ``--from-json FILE`` re-renders the files from saved results;
``--without-sections`` leaves out the booking and soak sections (``bench.extra_sections``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--short", action="store_true", help="tiny sizes: proves the harness works (< 60 s)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "results", help="results folder")
    parser.add_argument("--from-json", type=Path, help="do not measure: re-render the files from a results JSON")
    parser.add_argument(
        "--without-sections", action="store_true", help="skip the booking and soak sections (bench.extra_sections)"
    )
    args = parser.parse_args(argv)
    functions_dir = str(REPO_ROOT / "functions")
    if functions_dir not in sys.path:
        sys.path.insert(0, functions_dir)
    from bench.results_files import write_results
    from bench.run import run_benchmarks
    from bench.sizes import FULL, SHORT
    from ops.local_stack.local_paths import new_log_dir

    if args.from_json is not None:
        import json

        results = json.loads(args.from_json.read_text())
    else:
        sizes = SHORT if args.short else FULL
        results = run_benchmarks(sizes, new_log_dir("bench"), with_sections=not args.without_sections)
    write_results(results, args.out, write_markdown=not args.short)
    return 0


if __name__ == "__main__":
    sys.exit(main())
