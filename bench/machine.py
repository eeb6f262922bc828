"""What the benchmark ran on: CPU, memory, load, versions (recorded with the results)."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any


def machine_info() -> dict[str, Any]:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory_kib = int(line.split()[1])
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": round(memory_kib / 1024 / 1024, 1),
        "python": platform.python_version(),
        "kernel": platform.release(),
        "functions_framework": metadata.version("functions-framework"),
        "google_cloud_firestore": metadata.version("google-cloud-firestore"),
        "google_cloud_pubsub": metadata.version("google-cloud-pubsub"),
    }


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]
