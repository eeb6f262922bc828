"""Sections of the run that live in their own modules (the booking's end-to-end time and the
soak, ``bench.booking_latency`` and ``bench.soak``): run each whose module exists, plot and
render what it measured. Each starts what it needs itself (its own emulators or local stack),
after the anchors' phases have stopped theirs, so no two measurements share the machine.

A section is data (``SECTIONS``): the module and its ``run(sizes, log_dir, progress)`` function
(sizes: the module's ``FULL`` or ``SHORT``), the renderer ``render(data, plot_path) -> str``
and the plotter ``plot(data, path)``. A module that is not there yet is skipped, and so is its
section; the results hold each section's JSON under its key.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Section:
    key: str
    module: str
    run: str
    render_module: str
    render: str
    plot_module: str
    plot: str
    plot_file: str
    json_file: str  # also written alone, where the module's own command writes it


SECTIONS = (
    Section(
        "booking_latency",
        "bench.booking_latency",
        "run_booking_latency",
        "bench.scale_report",
        "render_booking_section",
        "bench.booking_plot",
        "plot_booking_latency",
        "booking_latency.png",
        "booking.json",
    ),
    Section(
        "soak",
        "bench.soak",
        "run_soak",
        "bench.scale_report",
        "render_soak_section",
        "bench.soak_plot",
        "plot_soak",
        "soak_rss.png",
        "soak.json",
    ),
)


def _module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != name:
            raise
        return None


def _function(module_name: str, name: str) -> Callable[..., Any] | None:
    module = _module(module_name)
    found = getattr(module, name, None) if module is not None else None
    return found if callable(found) else None


def run_extra_sections(short: bool, log_dir: Path, progress: Callable[[str], None]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for section in SECTIONS:
        if _function(section.module, section.run) is None:
            continue
        progress(f"section {section.key} ({section.module})")
        results[section.key] = run_section(section, short, log_dir / section.key, progress)
    return results


def write_extra_sections(results: Mapping[str, Any], out_dir: Path) -> set[str]:
    """Each section of ``results`` in its own JSON file (as its module's command writes it), with
    its plot; returns the keys written."""
    written: set[str] = set()
    for section in SECTIONS:
        if section.key not in results:
            continue
        (out_dir / section.json_file).write_text(json.dumps(results[section.key], indent=1) + "\n")
        written.add(section.key)
        plot = _function(section.plot_module, section.plot)
        if plot is not None:
            plot(results[section.key], out_dir / section.plot_file)
    return written


def read_extra_sections(out_dir: Path) -> dict[str, Any]:
    """The sections whose JSON files ``out_dir`` holds, by key."""
    return {
        section.key: json.loads((out_dir / section.json_file).read_text())
        for section in SECTIONS
        if (out_dir / section.json_file).exists()
    }


def render_extra_sections(results: Mapping[str, Any]) -> list[str]:
    lines: list[str] = []
    for section in SECTIONS:
        render = _function(section.render_module, section.render) if section.key in results else None
        if render is not None:
            lines += [str(render(results[section.key], f"bench/results/{section.plot_file}")).rstrip("\n"), ""]
    return lines


def section_command(key: str, argv: list[str] | None = None) -> int:
    """``python -m <section module> [--short] [--out DIR]``: run one section alone, write its JSON
    and plot to DIR (default ``bench/results``) and print its rendered part of BENCHMARKS.md.
    Written into ``bench/results``, the booking section also rewrites docs/scale-and-cost.md's
    cost table (``bench.cost_model``), so the committed doc matches the committed results."""
    import argparse
    import sys

    from bench.targets import REPO_ROOT

    section = next(section for section in SECTIONS if section.key == key)
    parser = argparse.ArgumentParser(prog=f"python -m {section.module}", description=f"the {key} section alone")
    parser.add_argument("--short", action="store_true", help="tiny sizes: proves the harness works")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "bench" / "results", help="results folder")
    args = parser.parse_args(argv)
    functions_dir = str(REPO_ROOT / "functions")
    if functions_dir not in sys.path:
        sys.path.insert(0, functions_dir)
    from bench.cost_model import RESULTS, write_table
    from ops.local_stack.local_paths import new_log_dir

    results = run_section(section, args.short, new_log_dir(f"bench-{key}"))
    args.out.mkdir(parents=True, exist_ok=True)
    write_extra_sections({key: results}, args.out)
    if section.json_file == RESULTS.name and args.out.resolve() == RESULTS.parent.resolve():
        write_table(args.out / section.json_file)
    print("\n".join(render_extra_sections({key: results})))
    return 0


def run_section(section: Section, short: bool, log_dir: Path, progress: Callable[[str], None] = print) -> Any:
    """Run one section at the module's ``SHORT`` or ``FULL`` sizes."""
    run = _function(section.module, section.run)
    module = _module(section.module)
    if run is None or module is None:
        raise SystemExit(f"{section.module} has no {section.run}")
    return run(getattr(module, "SHORT" if short else "FULL"), log_dir, progress)
