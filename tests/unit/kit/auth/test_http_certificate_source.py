"""HttpCertificateSource: one fetch per max-age, rate-limited refreshes, stale keys on failure."""

import socket
import threading
import time
from collections.abc import Callable

import pytest

from pipeline_kit.auth.http_certificate_source import (
    GOOGLE_OAUTH2_CERTS_URL,
    CertificatesUnavailable,
    FetchedCertificates,
    HttpCertificateSource,
    fetch_with_requests,
)
from pipeline_kit.auth.invalid_token import InvalidToken
from pipeline_kit.auth.jwt_verifier import JwtVerifier
from tests.unit.kit.auth.conftest import AUDIENCE, KEY_ID, NOW, SigningKey, push_claims

pytestmark = pytest.mark.unit


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class FakeEndpoint:
    """Answers the queued bodies in turn (the last one forever); records every fetch."""

    def __init__(self, *answers: object, max_age: float | None = 3600) -> None:
        self.answers = list(answers)
        self.max_age = max_age
        self.fetches: list[tuple[str, float]] = []

    def __call__(self, url: str, timeout_seconds: float) -> FetchedCertificates:
        self.fetches.append((url, timeout_seconds))
        answer = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        if isinstance(answer, Exception):
            raise answer
        return FetchedCertificates(keys=answer, max_age_seconds=self.max_age)


def _source(endpoint: FakeEndpoint, clock: Callable[[], float]) -> HttpCertificateSource:
    return HttpCertificateSource(fetch=endpoint, clock=clock, refresh_cooldown_seconds=60, default_max_age_seconds=300)


def test_many_verifications_cost_one_fetch(google_key: SigningKey) -> None:
    endpoint = FakeEndpoint({KEY_ID: google_key.public_pem})
    verifier = JwtVerifier(
        _source(endpoint, FakeClock()),
        issuers=["https://accounts.google.com"],
        audiences=[AUDIENCE],
        clock=lambda: NOW,
    )

    for _ in range(20):
        verifier.verify(google_key.sign(push_claims()))

    assert endpoint.fetches == [(GOOGLE_OAUTH2_CERTS_URL, 5.0)]


def test_keys_are_fetched_again_after_max_age() -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint({"a": "pem-a"}, {"b": "pem-b"}, max_age=100)
    source = _source(endpoint, clock)

    assert dict(source.keys()) == {"a": "pem-a"}
    clock.now += 99
    assert dict(source.keys()) == {"a": "pem-a"}
    clock.now += 1
    assert dict(source.keys()) == {"b": "pem-b"}
    assert len(endpoint.fetches) == 2


def test_default_max_age_applies_without_cache_control() -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint({"a": "pem-a"}, max_age=None)
    source = _source(endpoint, clock)

    source.keys()
    clock.now += 299
    source.keys()
    assert len(endpoint.fetches) == 1
    clock.now += 1
    source.keys()
    assert len(endpoint.fetches) == 2


def test_refresh_fetches_once_then_not_again_within_the_cooldown(
    google_key: SigningKey,
) -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint({KEY_ID: google_key.public_pem})
    source = _source(endpoint, clock)
    verifier = JwtVerifier(source, issuers=["https://accounts.google.com"], audiences=[AUDIENCE], clock=lambda: NOW)
    verifier.verify(google_key.sign(push_claims()))
    clock.now += 61  # the initial fetch is out of the cooldown window

    for _ in range(50):
        with pytest.raises(InvalidToken, match="unknown_key"):
            verifier.verify(google_key.sign(push_claims(), kid=f"made-up-{_}"))
        clock.now += 1  # 50 s: still within one cooldown window

    assert len(endpoint.fetches) == 2
    clock.now += 11
    with pytest.raises(InvalidToken, match="unknown_key"):
        verifier.verify(google_key.sign(push_claims(), kid="made-up-later"))
    assert len(endpoint.fetches) == 3


def test_refresh_right_after_the_first_fetch_is_rate_limited() -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint({"a": "pem-a"}, {"b": "pem-b"})
    source = _source(endpoint, clock)

    source.keys()
    assert dict(source.keys(refresh=True)) == {"a": "pem-a"}
    assert len(endpoint.fetches) == 1


def test_refresh_picks_up_rotated_keys() -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint({"a": "pem-a"}, {"a": "pem-a", "b": "pem-b"})
    source = _source(endpoint, clock)

    source.keys()
    clock.now += 60
    assert dict(source.keys(refresh=True)) == {"a": "pem-a", "b": "pem-b"}


@pytest.mark.parametrize("failure", [OSError("connection reset"), {}, [], {"a": 1}, "not json object"])
def test_failed_fetch_serves_stale_keys(failure: object) -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint({"a": "pem-a"}, failure, max_age=100)
    source = _source(endpoint, clock)
    source.keys()
    clock.now += 100

    assert dict(source.keys()) == {"a": "pem-a"}
    assert dict(source.keys()) == {"a": "pem-a"}
    assert len(endpoint.fetches) == 2  # the failure also starts a cooldown


def test_failed_first_fetch_raises_and_calls_within_the_cooldown_fail_fast() -> None:
    clock = FakeClock()
    endpoint = FakeEndpoint(TimeoutError("slow"), {"a": "pem-a"})
    source = HttpCertificateSource(fetch=endpoint, clock=clock, failure_cooldown_seconds=10)

    with pytest.raises(CertificatesUnavailable, match="TimeoutError"):
        source.keys()
    clock.now += 9.9
    for refresh in (False, True):
        with pytest.raises(CertificatesUnavailable, match="not retried for 10 s"):
            source.keys(refresh=refresh)
    assert len(endpoint.fetches) == 1  # nothing cached, and still no second fetch
    clock.now += 0.1
    assert dict(source.keys()) == {"a": "pem-a"}
    assert len(endpoint.fetches) == 2


def test_keys_are_read_only() -> None:
    source = _source(FakeEndpoint({"a": "pem-a"}), FakeClock())

    with pytest.raises(TypeError):
        source.keys()["b"] = "pem-b"  # type: ignore[index]


def test_concurrent_first_calls_fetch_once() -> None:
    release = threading.Event()
    endpoint_calls: list[str] = []

    def slow_fetch(url: str, timeout_seconds: float) -> FetchedCertificates:
        endpoint_calls.append(url)
        release.wait(timeout=5)
        return FetchedCertificates(keys={"a": "pem-a"}, max_age_seconds=3600)

    source = HttpCertificateSource(fetch=slow_fetch, clock=time.monotonic)
    results: list[dict[str, str]] = []
    threads = [threading.Thread(target=lambda: results.append(dict(source.keys()))) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    release.set()
    for thread in threads:
        thread.join(timeout=5)

    assert endpoint_calls == [GOOGLE_OAUTH2_CERTS_URL]
    assert results == [{"a": "pem-a"}] * 8


class FailingEndpoint:
    """Google unreachable: every fetch takes ``seconds`` (in flight meanwhile), then fails."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.fetches = 0
        self._count = threading.Lock()

    def __call__(self, url: str, timeout_seconds: float) -> FetchedCertificates:
        with self._count:
            self.fetches += 1
        time.sleep(self.seconds)
        raise ConnectionError("unreachable")


def _flood(source: HttpCertificateSource, threads: int, calls_each: int) -> list[BaseException | None]:
    """``threads`` callers, released together, each calling ``keys`` ``calls_each`` times."""
    start = threading.Barrier(threads)
    outcomes: list[BaseException | None] = []
    record = threading.Lock()

    def caller(index: int) -> None:
        start.wait(timeout=10)
        for call in range(calls_each):
            try:
                source.keys(refresh=(index + call) % 2 == 1)
                outcome: BaseException | None = None
            except BaseException as error:  # the test inspects every outcome
                outcome = error
            with record:
                outcomes.append(outcome)

    workers = [threading.Thread(target=caller, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=30)
    assert not any(worker.is_alive() for worker in workers)
    return outcomes


def test_unreachable_google_with_nothing_cached_costs_one_fetch_per_cooldown_window() -> None:
    """Many concurrent requests, nothing cached, every fetch failing: exactly one fetch per
    window; callers that arrive during it share its failure, later ones fail fast."""
    clock = FakeClock()
    endpoint = FailingEndpoint(seconds=0.05)
    source = HttpCertificateSource(fetch=endpoint, clock=clock, failure_cooldown_seconds=10)

    first = _flood(source, threads=16, calls_each=20)
    assert endpoint.fetches == 1
    assert len(first) == 16 * 20
    assert all(isinstance(outcome, CertificatesUnavailable) for outcome in first)

    clock.now += 9.9  # the same window
    assert all(isinstance(outcome, CertificatesUnavailable) for outcome in _flood(source, 16, 5))
    assert endpoint.fetches == 1

    clock.now += 0.1  # the next window: one new attempt
    assert all(isinstance(outcome, CertificatesUnavailable) for outcome in _flood(source, 16, 5))
    assert endpoint.fetches == 2


def test_callers_waiting_on_the_fetch_in_flight_share_its_keys() -> None:
    release = threading.Event()
    fetches: list[str] = []

    def slow_fetch(url: str, timeout_seconds: float) -> FetchedCertificates:
        fetches.append(url)
        release.wait(timeout=10)
        return FetchedCertificates(keys={"a": "pem-a"}, max_age_seconds=3600)

    source = HttpCertificateSource(fetch=slow_fetch, clock=FakeClock())
    results: list[dict[str, str]] = []
    workers = [
        threading.Thread(target=lambda refresh=refresh: results.append(dict(source.keys(refresh=refresh))))
        for refresh in [False, True] * 8
    ]
    for worker in workers:
        worker.start()
    while not fetches:
        time.sleep(0.01)
    release.set()
    for worker in workers:
        worker.join(timeout=10)

    assert fetches == [GOOGLE_OAUTH2_CERTS_URL]
    assert results == [{"a": "pem-a"}] * 16


def test_stale_keys_are_served_at_once_while_a_fetch_is_in_flight() -> None:
    clock = FakeClock()
    release = threading.Event()
    answers = iter([{"a": "pem-a"}, {"b": "pem-b"}])
    fetches: list[str] = []

    def fetch(url: str, timeout_seconds: float) -> FetchedCertificates:
        fetches.append(url)
        keys = next(answers)
        if len(fetches) == 2:
            release.wait(timeout=10)
        return FetchedCertificates(keys=keys, max_age_seconds=100)

    source = HttpCertificateSource(fetch=fetch, clock=clock)
    source.keys()
    clock.now += 100  # expired: the next caller fetches, the others are not held up by it
    renewing = threading.Thread(target=source.keys)
    renewing.start()
    while len(fetches) < 2:
        time.sleep(0.01)

    assert dict(source.keys()) == {"a": "pem-a"}
    release.set()
    renewing.join(timeout=10)
    assert dict(source.keys()) == {"b": "pem-b"}
    assert len(fetches) == 2


def test_an_interrupted_fetch_does_not_leave_the_others_waiting() -> None:
    calls: list[int] = []

    def interrupted(url: str, timeout_seconds: float) -> FetchedCertificates:
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return FetchedCertificates(keys={"a": "pem-a"}, max_age_seconds=3600)

    clock = FakeClock()
    source = HttpCertificateSource(fetch=interrupted, clock=clock, failure_cooldown_seconds=10)
    with pytest.raises(KeyboardInterrupt):
        source.keys()
    with pytest.raises(CertificatesUnavailable, match="interrupted"):
        source.keys()
    clock.now += 10
    assert dict(source.keys()) == {"a": "pem-a"}


def test_default_fetch_uses_requests_with_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    calls: list[tuple[str, float]] = []

    class FakeResponse:
        def __init__(self) -> None:
            self.headers = {"Cache-Control": "public, max-age=21600, must-revalidate"}

        def raise_for_status(self) -> None:
            return None

        def json(self) -> object:
            return {"a": "pem-a"}

    def fake_get(url: str, timeout: float) -> FakeResponse:
        calls.append((url, timeout))
        return FakeResponse()

    monkeypatch.setattr(requests, "get", fake_get)

    fetched = fetch_with_requests("https://certs.example/", 2.5)

    assert fetched == FetchedCertificates(keys={"a": "pem-a"}, max_age_seconds=21600)
    assert calls == [("https://certs.example/", 2.5)]


def test_unit_tests_cannot_reach_the_network() -> None:
    with pytest.raises(AssertionError, match="network"):
        socket.create_connection(("www.googleapis.com", 443), timeout=1)
