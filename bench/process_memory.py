"""Resident set size of a process group (a gunicorn master and its worker) from /proc."""

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
