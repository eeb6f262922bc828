"""Google's signing certificates fetched over HTTPS and cached as their Cache-Control says."""

import threading
import time
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pipeline_kit.auth.cache_control import max_age_seconds

GOOGLE_OAUTH2_CERTS_URL = "https://www.googleapis.com/oauth2/v1/certs"
"""Signs the OIDC tokens Pub/Sub push attaches (and every Google ID token)."""

FIREBASE_CERTS_URL = "https://www.googleapis.com/robot/v1/metadata/x509/securetoken@system.gserviceaccount.com"
"""Signs Firebase Authentication ID tokens."""


@dataclass(frozen=True, slots=True)
class FetchedCertificates:
    """One answer of the certificate endpoint: its JSON body and its cache lifetime."""

    keys: object
    max_age_seconds: float | None


CertificateFetch = Callable[[str, float], FetchedCertificates]
"""``fetch(url, timeout_seconds)``; any exception means the fetch failed."""


class CertificatesUnavailable(RuntimeError):
    """No certificates could be fetched and none are cached: a server-side fault (answer 5xx)."""


def fetch_with_requests(url: str, timeout_seconds: float) -> FetchedCertificates:
    """The default fetch: one GET with ``requests`` (imported here, not at cold start)."""
    import requests

    response = requests.get(url, timeout=timeout_seconds)
    response.raise_for_status()
    return FetchedCertificates(
        keys=response.json(),
        max_age_seconds=max_age_seconds(response.headers.get("Cache-Control")),
    )


class HttpCertificateSource:
    """Thread-safe cache of the certificates at ``url``: at most one fetch at a time, and at most
    one per cooldown window, whether or not keys are cached.

    - Fresh keys (within max-age, else ``default_max_age_seconds``) are served without a fetch.
    - ``keys(refresh=True)`` (a token named an unknown key) fetches again, but at most once per
      ``refresh_cooldown_seconds`` after a successful fetch: a flood of tokens with made-up key
      ids costs one fetch.
    - When a fetch fails, the stale keys are served (Google rotates keys with a long overlap);
      with nothing cached, CertificatesUnavailable is raised, and for ``failure_cooldown_seconds``
      after the failed attempt every further call raises it at once, without fetching: with
      Google unreachable a flood of requests costs one fetch (of at most ``timeout_seconds``)
      per window instead of one each, and no request queues behind another's fetch.
    - Single flight: one fetch runs at a time, outside the lock. Callers that need its result
      (nothing cached, or a refresh) wait for it and share it; callers holding stale keys get
      them at once while it runs.
    """

    def __init__(
        self,
        url: str = GOOGLE_OAUTH2_CERTS_URL,
        *,
        fetch: CertificateFetch = fetch_with_requests,
        clock: Callable[[], float] = time.monotonic,
        timeout_seconds: float = 5.0,
        refresh_cooldown_seconds: float = 60.0,
        failure_cooldown_seconds: float = 10.0,
        default_max_age_seconds: float = 300.0,
    ) -> None:
        self._url = url
        self._fetch = fetch
        self._clock = clock
        self._timeout_seconds = timeout_seconds
        self._refresh_cooldown_seconds = refresh_cooldown_seconds
        self._failure_cooldown_seconds = failure_cooldown_seconds
        self._default_max_age_seconds = default_max_age_seconds
        self._changed = threading.Condition()
        self._keys: Mapping[str, str] | None = None
        self._expires_at = 0.0
        self._next_fetch_at: float | None = None
        """No fetch before this moment (the cooldown after the last attempt); None before the first."""
        self._fetching = False
        self._last_failure = ""

    def keys(self, *, refresh: bool = False) -> Mapping[str, str]:
        with self._changed:
            while True:
                now = self._clock()
                cooling_down = self._next_fetch_at is not None and now < self._next_fetch_at
                if self._keys is not None:
                    if (not refresh and now < self._expires_at) or cooling_down:
                        return self._keys
                    if self._fetching and not refresh:
                        return self._keys  # stale, while the fetch in flight renews them
                elif cooling_down and not self._fetching:
                    raise CertificatesUnavailable(
                        f"cannot fetch certificates from {self._url}: {self._last_failure} "
                        f"(not retried for {self._failure_cooldown_seconds:g} s after a failed attempt)"
                    )
                if not self._fetching:
                    break
                self._changed.wait()  # share the result of the fetch in flight
            self._fetching = True
        return self._fetch_keys()

    def _fetch_keys(self) -> Mapping[str, str]:
        """Runs in exactly one thread at a time (``_fetching``), without the lock."""
        keys: Mapping[str, str] | None = None
        max_age: float | None = None
        error: Exception | None = None
        try:
            fetched = self._fetch(self._url, self._timeout_seconds)
            keys = _valid_keys(fetched.keys)
            max_age = fetched.max_age_seconds
        except Exception as failure:
            error = failure
        finally:  # also on BaseException: never leave the other callers waiting
            with self._changed:
                now = self._clock()
                self._fetching = False
                if keys is not None:
                    self._keys = keys
                    self._expires_at = now + (self._default_max_age_seconds if max_age is None else max_age)
                    self._next_fetch_at = now + self._refresh_cooldown_seconds
                else:
                    self._last_failure = type(error).__name__ if error is not None else "interrupted"
                    self._next_fetch_at = now + self._failure_cooldown_seconds
                self._changed.notify_all()
                served, failure_name = self._keys, self._last_failure
        if served is not None:
            return served
        raise CertificatesUnavailable(f"cannot fetch certificates from {self._url}: {failure_name}") from error


def _valid_keys(body: object) -> Mapping[str, str]:
    if not isinstance(body, dict) or not body:
        raise ValueError("the certificate endpoint did not answer a non-empty JSON object")
    if not all(isinstance(key, str) and isinstance(pem, str) for key, pem in body.items()):
        raise ValueError("the certificate endpoint answered non-string entries")
    return types.MappingProxyType(dict(body))
