"""Where token-signing certificates come from."""

import types
from collections.abc import Mapping
from typing import Protocol


class CertificateSource(Protocol):
    """Key id → PEM (an X.509 certificate or a public key).

    ``refresh=True`` asks for fresh keys because a token names an unknown key id; a source may
    ignore it (to rate-limit refreshes) and answer from its cache.
    """

    def keys(self, *, refresh: bool = False) -> Mapping[str, str]: ...


class StaticCertificateSource:
    """A fixed set of keys: tests and the local development issuer."""

    def __init__(self, keys: Mapping[str, str]) -> None:
        self._keys: Mapping[str, str] = types.MappingProxyType(dict(keys))

    def keys(self, *, refresh: bool = False) -> Mapping[str, str]:
        return self._keys
