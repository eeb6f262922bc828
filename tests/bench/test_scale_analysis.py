"""The arithmetic behind the booking and soak figures, on hand-made samples: the hops telescope
into the end-to-end time, the busy slots and peak in flight, the soak's trend verdict."""

from __future__ import annotations

import math
import random

import pytest

from bench.booking_hops import Delivery, OutboxEvent, critical_path, subscription_load
from bench.soak_trend import trend

pytestmark = pytest.mark.unit


def _event(event_id: str, event_type: str, created: float, sent: float) -> OutboxEvent:
    return OutboxEvent(event_id, event_type, "c1", "x", created, sent)


def _delivery(consumer: str, event_id: str, arrived: float, answered: float) -> Delivery:
    return Delivery(consumer, event_id, "c1", arrived, answered, "handled")


def test_the_critical_path_goes_through_the_later_answer_and_adds_up() -> None:
    events = [
        _event("req", "TrainingScheduleRequested", 0.10, 0.12),
        _event("hour", "HourReserved", 0.30, 0.32),
        _event("debit", "TrainingBalanceDebited", 0.50, 0.55),
    ]
    deliveries = [
        _delivery("trainer-on-trainings", "req", 0.20, 0.33),
        _delivery("users-on-trainings", "req", 0.40, 0.56),
        _delivery("trainings-on-trainer", "hour", 0.45, 0.50),
        _delivery("trainings-on-users", "debit", 0.70, 0.80),  # the later answer
        _delivery("attendee-trainings", "req", 0.15, 0.16),
    ]
    path = critical_path(0.0, 0.78, "c1", events, deliveries)
    assert path is not None
    assert path["api"] == pytest.approx(0.12)
    assert path["push_wait_1"] == pytest.approx(0.40 - 0.12)  # through users-on-trainings, not the trainer
    assert path["service_1"] == pytest.approx(0.55 - 0.40)
    assert path["push_wait_2"] == pytest.approx(0.70 - 0.55)
    assert path["service_2"] == pytest.approx(0.78 - 0.70)
    assert sum(path.values()) == pytest.approx(0.78)


def test_a_booking_without_its_records_has_no_path() -> None:
    events = [_event("req", "TrainingScheduleRequested", 0.1, 0.12)]
    assert critical_path(0.0, 1.0, "c1", events, []) is None


def test_busy_slots_and_peak_in_flight_per_subscription() -> None:
    deliveries = [
        _delivery("a", "1", 0.0, 0.5),
        _delivery("a", "2", 0.2, 0.6),
        _delivery("a", "3", 0.7, 0.9),
        _delivery("b", "4", 5.0, 5.1),  # outside the window
    ]
    load = subscription_load(deliveries, 0.0, 1.0)
    assert set(load) == {"a"}
    assert load["a"]["deliveries"] == 3
    assert load["a"]["busy_slots"] == pytest.approx(0.5 + 0.4 + 0.2)
    assert load["a"]["peak_in_flight"] == 2


def test_a_flat_noisy_resource_shows_no_growth() -> None:
    noise = random.Random(7)
    samples = [{"events": n * 500, "rss": 100 + noise.gauss(0, 0.5)} for n in range(100)]
    fitted = trend(samples, "rss")
    assert fitted["met"]
    assert (
        abs(fitted["slope_per_10k"]) <= 2 * fitted["slope_se_per_10k"]
        or abs(fitted["growth_over_soak"]) <= fitted["noise_2sigma"]
    )


def test_a_leak_is_growth_beyond_noise() -> None:
    noise = random.Random(7)
    samples = [{"events": n * 500, "rss": 100 + n * 500 / 10_000 * 2.0 + noise.gauss(0, 0.5)} for n in range(100)]
    fitted = trend(samples, "rss")
    assert fitted["slope_per_10k"] == pytest.approx(2.0, abs=0.1)
    assert fitted["growth_over_soak"] == pytest.approx(2.0 * 99 * 500 / 10_000, rel=0.05)
    assert not fitted["met"]


def test_a_constant_count_is_met_and_too_few_samples_are_not() -> None:
    assert trend([{"events": n, "fds": 28} for n in range(10)], "fds")["met"]
    short = trend([{"events": 1, "fds": 28}], "fds")
    assert not short["met"] and math.isnan(short["slope_per_10k"])
