"""Write a run's results: the JSON document (with the previous run's headline figures, when it
replaces one), the latency plot, each section's own JSON and plot (``bench.extra_sections``:
``booking.json``, ``soak.json``, which their modules' own commands write too) and (full runs)
BENCHMARKS.md, rendered from what the folder then holds (a section not run this time is
rendered from its file there), and the cost table of ``docs/scale-and-cost.md`` from the
``booking.json`` just written (``bench.cost_model``), so the committed doc always matches the
committed results."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.cost_model import write_table
from bench.extra_sections import read_extra_sections, write_extra_sections
from bench.latency_plot import plot_latencies
from bench.report import render_markdown
from bench.report_previous import previous_figures
from bench.targets import REPO_ROOT

JSON_NAME = "benchmark.json"
PLOT_NAME = "latency.png"


def write_results(results: dict[str, Any], out_dir: Path, *, write_markdown: bool) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    if "previous" not in results:
        results["previous"] = previous_figures(out_dir / JSON_NAME)  # the run this one replaces
    sections = write_extra_sections(results, out_dir)
    main = {key: value for key, value in results.items() if key not in sections}
    (out_dir / JSON_NAME).write_text(json.dumps(main, indent=1) + "\n")
    plot_latencies(results, out_dir / PLOT_NAME)
    markdown = render_markdown({**main, **read_extra_sections(out_dir)}, f"bench/results/{PLOT_NAME}")
    (out_dir / "summary.md").write_text(markdown)
    if write_markdown:
        (REPO_ROOT / "BENCHMARKS.md").write_text(markdown)
        if "booking_latency" in sections:
            write_table(out_dir / "booking.json")
    print(markdown)
