"""What a full, unsettled ``Prefer: wait=10`` costs on the Firestore emulator: reads and CPU.

Prints the figures (run with ``-s``); asserts only what the backoff guarantees: the number of
reads is bounded (25 ms doubling to 500 ms: about two reads a second once at the cap).
"""

from __future__ import annotations

import time

import pytest

from tests.integration.api.conftest import ApiClient
from tests.integration.api.dev_token import mint_dev_token

pytestmark = pytest.mark.integration


def test_an_unsettled_ten_second_wait_reads_about_twice_a_second_and_costs_little_cpu(
    api: ApiClient, unique: str
) -> None:
    from datetime import UTC, datetime, timedelta

    from pipeline_kit.observability.rpc_counter import FIRESTORE_RPCS

    token = mint_dev_token(f"cost-{unique}", "attendee", "Cody")
    hour = (datetime.now(UTC) + timedelta(days=6)).strftime("%Y-%m-%dT14:00:00Z")

    def measured(key: str, headers: dict[str, str]) -> tuple[int, float, float, float, int]:
        before = FIRESTORE_RPCS.snapshot()
        wall, thread_cpu, process_cpu = time.monotonic(), time.thread_time(), time.process_time()
        response = api.call(
            "POST", "/trainings", token, json={"hour": hour}, headers={"Idempotency-Key": key, **headers}
        )
        thread_cpu, process_cpu = time.thread_time() - thread_cpu, time.process_time() - process_cpu
        reads = FIRESTORE_RPCS.snapshot().reads - before.reads
        return response.status_code, time.monotonic() - wall, thread_cpu, process_cpu, reads

    measured("warm-up", {})  # the first request loads the clients
    _, base_wall, base_thread, base_process, base_reads = measured("plain", {})
    status, wall, thread_cpu, process_cpu, reads = measured("waiting", {"Prefer": "wait=10"})
    assert status == 202
    wait_reads = reads - base_reads
    waited = wall - base_wall
    print(  # noqa: T201 - the figures are what this test is for (run with -s)
        f"\nPrefer: wait=10, never settled: wall {wall:.2f} s, {reads} reads, CPU {thread_cpu * 1000:.0f} ms "
        f"(request thread) / {process_cpu * 1000:.0f} ms (process). A plain booking: wall {base_wall * 1000:.0f} ms, "
        f"{base_reads} reads, CPU {base_thread * 1000:.0f} / {base_process * 1000:.0f} ms. The wait added "
        f"{wait_reads} reads and {(thread_cpu - base_thread) * 1000:.0f} ms thread CPU "
        f"({(thread_cpu - base_thread) / waited * 100:.2f} % of {waited:.2f} s waited), "
        f"{(process_cpu - base_process) * 1000:.0f} ms process CPU "
        f"({(process_cpu - base_process) / waited * 100:.2f} %)"
    )
    assert 10 <= wall < 13
    assert 20 <= wait_reads <= 30, wait_reads
