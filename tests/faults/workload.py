"""The Wild Workouts traffic of a fault run, through the HTTP API.

Attendees get a balance, the trainer opens hours, every attendee books more hours than the
balance allows from a pool smaller than the bookings (so hours collide and balances run out:
both rejection paths of the saga run), then a share of the scheduled trainings is canceled
early (refund 1).
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ops.demo.dev_tokens import mint
from tests.faults.patient_api import PatientApi


@dataclass(frozen=True)
class WorkloadPlan:
    attendees: int = 10
    balance: int = 3
    bookings_per_attendee: int = 4
    cancel_share: float = 0.5
    seed: int = 7

    @property
    def days_per_wave(self) -> int:
        """Calendar days one wave's hours span (9 bookable hours a day)."""
        return -(-int(self.attendees * self.bookings_per_attendee * 0.8) // 9)


def _iso(hour: datetime) -> str:
    return hour.strftime("%Y-%m-%dT%H:%M:%SZ")


def bookable_hours(count: int, now: datetime, first_day: int = 2) -> list[str]:
    """``count`` hours 12–20 UTC from ``first_day`` days ahead on (≥ 2: a cancel is early, refund 1)."""
    hours: list[str] = []
    day = (now + timedelta(days=first_day)).date()
    while len(hours) < count:
        hours += [_iso(datetime(day.year, day.month, day.day, h, tzinfo=UTC)) for h in range(12, 21)]
        day += timedelta(days=1)
    return hours[:count]


class Workload:
    def __init__(self, base_url: str, plan: WorkloadPlan, run_id: str, first_day: int = 2) -> None:
        self.plan = plan
        self._random = random.Random(plan.seed)
        self.admin = PatientApi(base_url, mint(f"admin-{run_id}", "admin", "Admin"))
        self.trainer = PatientApi(base_url, mint(f"trainer-{run_id}", "trainer", "Trainer"))
        self.attendees = {
            f"a{i}-{run_id}": PatientApi(base_url, mint(f"a{i}-{run_id}", "attendee", f"Attendee {i}"))
            for i in range(plan.attendees)
        }
        self.granted = dict.fromkeys(self.attendees, plan.balance)
        pool = max(1, int(plan.attendees * plan.bookings_per_attendee * 0.8))
        self.hours = bookable_hours(pool, datetime.now(UTC), first_day)
        self.accepted: dict[str, str] = {}  # training id → attendee
        self.canceled: list[str] = []

    def clients(self) -> list[PatientApi]:
        return [self.admin, self.trainer, *self.attendees.values()]

    def set_up(self) -> None:
        for user in self.attendees:
            answer = self.admin.call("POST", f"/users/{user}/grants", {"amount": self.plan.balance})
            assert answer.status == 200, answer
        for start in range(0, len(self.hours), 100):
            answer = self.trainer.call("PUT", "/trainer/hours/available", {"hours": self.hours[start : start + 100]})
            assert answer.status == 204, answer

    def book(self) -> None:
        requests = [
            (user, self._random.choice(self.hours))
            for user in self.attendees
            for _ in range(self.plan.bookings_per_attendee)
        ]
        self._random.shuffle(requests)

        def one(user: str, hour: str) -> None:
            answer = self.attendees[user].call("POST", "/trainings", {"hour": hour, "notes": "fault run"})
            if answer.status == 202 and isinstance(answer.body, dict):
                self.accepted[str(answer.body["training_id"])] = user

        with ThreadPoolExecutor(max_workers=4) as pool:
            for future in [pool.submit(one, user, hour) for user, hour in requests]:
                future.result()

    def cancel(self, scheduled: list[str]) -> None:
        chosen = [t for t in sorted(scheduled) if t in self.accepted and self._random.random() < self.plan.cancel_share]

        def one(training_id: str) -> None:
            answer = self.attendees[self.accepted[training_id]].call("POST", f"/trainings/{training_id}/cancel")
            if answer.status in (202, 409):  # 409: a repeat after a dropped connection found it canceled
                self.canceled.append(training_id)

        with ThreadPoolExecutor(max_workers=4) as pool:
            for future in [pool.submit(one, training_id) for training_id in chosen]:
                future.result()
