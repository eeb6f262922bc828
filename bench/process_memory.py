"""Resident set size and CPU time of a process group (a gunicorn master and its worker) from /proc."""

from __future__ import annotations

import os
from pathlib import Path


def group_rss_kib(pgid: int) -> dict[int, int]:
    """pid -> VmRSS in KiB for every live process of the group ``pgid``."""
    sizes: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        pid = int(entry)
        try:
            if os.getpgid(pid) != pgid:
                continue
            status = Path(f"/proc/{pid}/status").read_text()
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes[pid] = int(line.split()[1])
    return sizes


def group_cpu_seconds(pgid: int) -> float:
    """User + system CPU time so far of every live process of the group ``pgid`` (seconds)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) != pgid:
                continue
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (after the command's field)
    return total / ticks
