"""A TCP proxy in front of an emulator that can stop forwarding without closing anything.

Tests point a process's ``FIRESTORE_EMULATOR_HOST`` at ``proxy.address`` and then:

- ``hold_all()``: from now on no byte passes in either direction; connections stay open and new
  ones are accepted (and held too). What arrives is kept, in order, not dropped.
- ``hold_answers_from_request(n)``: requests keep flowing, but once the client opens its ``n``-th
  new HTTP/2 stream (gRPC call) from now, the server's bytes stop passing: that call reaches the
  server (a commit lands) and its answer never comes back while held.
- ``hold_requests_from_request(n)``: the client's ``n``-th new stream from now and every byte after
  it stay held (the call has not reached the server; it lands on ``resume``, with whatever the
  client sent after it, such as its cancellation).
- ``resume()``: everything held is passed on, in order, and forwarding goes on.

``new_streams`` counts the gRPC calls clients started (HEADERS frames opening a stream), held or
not. The proxy reads the client side's HTTP/2 frames only to count them; it never changes a byte.
Threads are daemons; ``close()`` stops them and closes every socket.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
_HEADERS = 0x1


@dataclass
class _Direction:
    """One way of one connection: where bytes go, and what is held for it."""

    sink: socket.socket
    held: bytearray = field(default_factory=bytearray)


class _FrameCounter:
    """Finds the start of HTTP/2 HEADERS frames that open a new client stream in a byte stream."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._offset = 0  # absolute position of _buffer[0]
        self._preface_left = len(_PREFACE)
        self._highest_stream = 0

    def feed(self, chunk: bytes) -> list[int]:
        """Positions in ``chunk`` where a frame opening a new stream starts."""
        starts: list[int] = []
        chunk_start = self._offset + len(self._buffer)
        self._buffer.extend(chunk)
        if self._preface_left:
            skipped = min(self._preface_left, len(self._buffer))
            del self._buffer[:skipped]
            self._offset += skipped
            self._preface_left -= skipped
        while len(self._buffer) >= 9:
            length = int.from_bytes(self._buffer[0:3], "big")
            if len(self._buffer) < 9 + length:
                break
            frame_type = self._buffer[3]
            stream = int.from_bytes(self._buffer[5:9], "big") & 0x7FFFFFFF
            if frame_type == _HEADERS and stream > self._highest_stream:
                self._highest_stream = stream
                starts.append(self._offset - chunk_start)
            del self._buffer[: 9 + length]
            self._offset += 9 + length
        return [max(0, start) for start in starts]


class StallingProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self._target = (target_host, target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._hold_requests = False
        self._hold_answers = False
        self._answers_after: int | None = None  # hold answers once new_streams reaches this
        self._requests_after: int | None = None  # hold requests from the frame that reaches this
        self._directions: list[_Direction] = []
        self._sockets: list[socket.socket] = []
        self._closed = False
        self.new_streams = 0
        threading.Thread(target=self._accept, name="stalling-proxy", daemon=True).start()

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    # -- control -------------------------------------------------------------------------------
    def hold_all(self) -> None:
        with self._lock:
            self._hold_requests = self._hold_answers = True

    def hold_answers_from_request(self, n: int) -> None:
        with self._lock:
            self._answers_after = self.new_streams + n

    def hold_requests_from_request(self, n: int) -> None:
        with self._lock:
            self._requests_after = self.new_streams + n

    def resume(self) -> None:
        with self._lock:
            self._hold_requests = self._hold_answers = False
            self._answers_after = self._requests_after = None
            for direction in self._directions:
                if direction.held:
                    with contextlib.suppress(OSError):
                        direction.sink.sendall(bytes(direction.held))
                    direction.held.clear()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            sockets = [self._listener, *self._sockets]
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            with contextlib.suppress(OSError):
                sock.close()

    # -- forwarding ----------------------------------------------------------------------------
    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self._target)
            except OSError:
                client.close()
                continue
            for sock in (client, server):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream, downstream = _Direction(server), _Direction(client)
            with self._lock:
                if self._closed:
                    client.close()
                    server.close()
                    return
                self._sockets += [client, server]
                self._directions += [upstream, downstream]
            threading.Thread(target=self._pump, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, downstream, False), daemon=True).start()

    def _count_streams(self, counter: _FrameCounter, chunk: bytes, direction: _Direction) -> bytes:
        """Count the streams ``chunk`` opens and start holding where asked; returns what is left to
        forward (or hold) as usual. Called with the lock held."""
        for start in counter.feed(chunk):
            self.new_streams += 1
            if self._answers_after is not None and self.new_streams >= self._answers_after:
                self._hold_answers = True
            if (
                self._requests_after is not None
                and self.new_streams >= self._requests_after
                and not self._hold_requests
            ):
                if not direction.held:
                    try:
                        direction.sink.sendall(chunk[:start])
                    except OSError:
                        return b""
                    direction.held.extend(chunk[start:])
                else:
                    direction.held.extend(chunk)
                self._hold_requests = True
                return b""
        return chunk

    def _pump(self, source: socket.socket, direction: _Direction, from_client: bool) -> None:
        counter = _FrameCounter() if from_client else None
        while True:
            try:
                chunk = source.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                with contextlib.suppress(OSError):
                    direction.sink.shutdown(socket.SHUT_WR)
                return
            with self._lock:
                if counter is not None:
                    chunk = self._count_streams(counter, chunk, direction)
                held = self._hold_requests if from_client else self._hold_answers
                if not chunk:
                    continue
                if held or direction.held:
                    direction.held.extend(chunk)
                    continue
                try:
                    direction.sink.sendall(chunk)
                except OSError:
                    return
