"""Long form of the fault run: ``python -m tests.faults.long_run [--waves N] [--seed S]``.

The default, 9 waves of the short form's workload (10 attendees × 4 bookings each, new
attendees and hours every wave, SIGKILL every 10 s throughout) with 12 poison messages and
lost answers for a fifth of the trainings (timed out by the saga deadline), raises ≥ 2,000
events. Prints the counts; exits non-zero when a check failed or fewer than 2,000 events
were raised.
"""

from __future__ import annotations

import sys

import click

from tests.faults.fault_run import FaultPlan, run_faults
from tests.faults.workload import WorkloadPlan


@click.command()
@click.option("--waves", default=9, show_default=True, help="Waves of 10 attendees × 4 bookings (≤ 9: 6 weeks).")
@click.option("--poison", default=12, show_default=True, help="Poison messages (~1% of the events).")
@click.option("--seed", default=11, show_default=True)
def main(waves: int, poison: int, seed: int) -> None:
    plan = FaultPlan(
        workload=WorkloadPlan(seed=seed),
        waves=waves,
        poison_messages=poison,
        kill_interval_seconds=10.0,
        min_kills=10,
        settle_timeout_seconds=300.0,
        seed=seed,
    )
    report = run_faults(plan)
    click.echo("fault run (long form):\n" + "\n".join(report.lines()))
    sys.exit(1 if report.problems or report.events < 2000 else 0)


if __name__ == "__main__":
    main()
