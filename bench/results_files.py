"""Write a run's results: the JSON document, the latency plot and (full runs) BENCHMARKS.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.latency_plot import plot_latencies
from bench.report import render_markdown
from bench.targets import REPO_ROOT

JSON_NAME = "benchmark.json"
PLOT_NAME = "latency.png"


def write_results(results: dict[str, Any], out_dir: Path, *, write_markdown: bool) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / JSON_NAME).write_text(json.dumps(results, indent=1) + "\n")
    plot_latencies(results, out_dir / PLOT_NAME)
    markdown = render_markdown(results, f"bench/results/{PLOT_NAME}")
    (out_dir / "summary.md").write_text(markdown)
    if write_markdown:
        (REPO_ROOT / "BENCHMARKS.md").write_text(markdown)
    print(markdown)
