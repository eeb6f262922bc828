"""A WSGI input stream that counts the bytes taken from it: for the tests that prove a body is
read no further than a limit (or not at all)."""

from __future__ import annotations

import io
from typing import Any


class CountingInput(io.BytesIO):
    """``taken``: how many bytes ``read`` and ``readinto`` have handed out so far."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.taken = 0

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self.taken += len(data)
        return data

    def readinto(self, buffer: Any) -> int:
        count = super().readinto(buffer)
        self.taken += count
        return count
