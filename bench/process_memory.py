"""Resident set size and CPU time of a process group (a gunicorn master and its worker) from /proc.

``group_pids`` lists the group's live processes; a process that ends between the listing and a
read of its ``/proc`` files is skipped (the readers catch the errors ``/proc`` raises then)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

PROC_GONE = (ProcessLookupError, FileNotFoundError, PermissionError)
"""What reading a process's /proc entry raises once it has ended (or was never ours to read)."""


def group_pids(pgid: int) -> Iterator[int]:
    """Every live process of the group ``pgid``."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) == pgid:
                yield int(entry)
        except PROC_GONE:
            continue


def cpu_ticks(stat: str) -> int:
    """utime + stime from a ``/proc/PID/stat`` line (fields 14 and 15, counted after "pid (comm) ")."""
    fields = stat[stat.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])


def group_rss_kib(pgid: int) -> dict[int, int]:
    """pid -> VmRSS in KiB for every live process of the group ``pgid``."""
    sizes: dict[int, int] = {}
    for pid in group_pids(pgid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except PROC_GONE:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes[pid] = int(line.split()[1])
    return sizes


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time so far of every live process of the group ``pgid`` (seconds)."""
    total = 0
    for pid in group_pids(pgid):
        try:
            total += cpu_ticks(Path(f"/proc/{pid}/stat").read_text())
        except PROC_GONE:
            continue
    return total / os.sysconf("SC_CLK_TCK")
