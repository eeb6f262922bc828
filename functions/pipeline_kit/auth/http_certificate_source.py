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
    """Thread-safe cache of the certificates at ``url``.

    - Fresh keys (within max-age, else ``default_max_age_seconds``) are served without a fetch.
    - ``keys(refresh=True)`` (a token named an unknown key) fetches again, but at most once per
      ``refresh_cooldown_seconds``: a flood of tokens with made-up key ids costs one fetch.
    - When a fetch fails, the stale keys are served (Google rotates keys with a long overlap);
      with nothing cached, CertificatesUnavailable is raised.
    - One lock serialises fetches; concurrent callers wait for the fetch in progress.
    """

    def __init__(
        self,
        url: str = GOOGLE_OAUTH2_CERTS_URL,
        *,
        fetch: CertificateFetch = fetch_with_requests,
        clock: Callable[[], float] = time.monotonic,
        timeout_seconds: float = 5.0,
        refresh_cooldown_seconds: float = 60.0,
        default_max_age_seconds: float = 300.0,
    ) -> None:
        self._url = url
        self._fetch = fetch
        self._clock = clock
        self._timeout_seconds = timeout_seconds
        self._refresh_cooldown_seconds = refresh_cooldown_seconds
        self._default_max_age_seconds = default_max_age_seconds
        self._lock = threading.Lock()
        self._keys: Mapping[str, str] | None = None
        self._expires_at = 0.0
        self._last_attempt_at: float | None = None

    def keys(self, *, refresh: bool = False) -> Mapping[str, str]:
        with self._lock:
            now = self._clock()
            if self._keys is not None:
                if not refresh and now < self._expires_at:
                    return self._keys
                if self._in_cooldown(now):
                    return self._keys
            return self._fetch_keys(now)

    def _in_cooldown(self, now: float) -> bool:
        last = self._last_attempt_at
        return last is not None and now - last < self._refresh_cooldown_seconds

    def _fetch_keys(self, now: float) -> Mapping[str, str]:
        self._last_attempt_at = now
        try:
            fetched = self._fetch(self._url, self._timeout_seconds)
            keys = _valid_keys(fetched.keys)
        except Exception as error:
            if self._keys is not None:
                return self._keys
            raise CertificatesUnavailable(
                f"cannot fetch certificates from {self._url}: {type(error).__name__}"
            ) from error
        self._keys = keys
        max_age = fetched.max_age_seconds
        self._expires_at = now + (self._default_max_age_seconds if max_age is None else max_age)
        return keys


def _valid_keys(body: object) -> Mapping[str, str]:
    if not isinstance(body, dict) or not body:
        raise ValueError("the certificate endpoint did not answer a non-empty JSON object")
    if not all(isinstance(key, str) and isinstance(pem, str) for key, pem in body.items()):
        raise ValueError("the certificate endpoint answered non-string entries")
    return types.MappingProxyType(dict(body))
