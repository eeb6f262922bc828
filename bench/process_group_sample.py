"""One sample of a process group's resources from /proc (a gunicorn master and its worker):
resident memory, open file descriptors, threads and CPU time, summed over the group's live
processes. ``bench/process_memory.py`` gives the memory alone, per process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from bench.process_memory import PROC_GONE, cpu_ticks, group_pids

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class GroupSample:
    at: float  # epoch seconds
    processes: int
    rss_kib: int
    open_fds: int
    threads: int
    cpu_seconds: float  # user + system, since each process started


def sample_group(pgid: int, at: float) -> GroupSample:
    """Sum ``VmRSS`` and ``Threads`` (``/proc/PID/status``), the entries of ``/proc/PID/fd`` and
    utime + stime (``/proc/PID/stat``) over every live process of the group ``pgid``."""
    processes = rss = fds = threads = 0
    ticks = 0
    for pid in group_pids(pgid):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            open_fds = len(os.listdir(f"/proc/{pid}/fd"))
            stat = Path(f"/proc/{pid}/stat").read_text()
        except PROC_GONE:
            continue
        processes += 1
        fds += open_fds
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss += int(line.split()[1])
            elif line.startswith("Threads:"):
                threads += int(line.split()[1])
        ticks += cpu_ticks(stat)
    return GroupSample(at, processes, rss, fds, threads, ticks / CLOCK_TICKS)


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from ``/proc/stat``; the
    difference of two readings gives the machine's utilisation over an interval."""
    fields = [int(value) for value in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    total = sum(fields[:8])
    return (total - idle) / CLOCK_TICKS, total / CLOCK_TICKS
