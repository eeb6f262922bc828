"""POST push bodies over keep-alive HTTP/1.1 connections (``http.client``: the lightest client)."""

from __future__ import annotations

import http.client


class PushConnection:
    """One keep-alive connection to a function (sending ``authorization`` when given: a push
    token); reconnects when the server closed it."""

    def __init__(self, host: str, port: int, timeout: float = 60.0, authorization: str | None = None) -> None:
        self._host, self._port, self._timeout = host, port, timeout
        self._headers = {"Content-Type": "application/json"}
        if authorization is not None:
            self._headers["Authorization"] = authorization
        self._connection: http.client.HTTPConnection | None = None

    def post(self, body: bytes) -> int:
        for attempt in (1, 2):
            if self._connection is None:
                self._connection = http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)
            try:
                self._connection.request("POST", "/", body, self._headers)
                response = self._connection.getresponse()
                response.read()
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
