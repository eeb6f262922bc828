"""What stands in for Pub/Sub's OIDC token on the emulator's push path.

The Pub/Sub emulator never sends an ``Authorization`` header (even with ``oidc_token`` set),
so the push phases go through this forwarder: the push subscription of target ``NAME`` points
at ``http://127.0.0.1:PORT/NAME``, and each request is sent on to that target's server with the
same body and the benchmark's token added, and its status answered back. Every target's push
goes through it (the anchors too), so each pays the same extra hop.

``python -m bench.token_forwarder PORT AUTHORIZATION_FILE NAME=URL...`` (a child process: its
own interpreter, not the load generator's).
"""

from __future__ import annotations

import http.client
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


def serve(port: int, authorization: str, upstreams: dict[str, tuple[str, int]]) -> None:
    local = threading.local()

    class Forward(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the emulator's pusher uses it

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            name = self.path.strip("/")
            status = _forward(local, upstreams[name], name, body, authorization) if name in upstreams else 404
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", port), Forward)
    server.daemon_threads = True
    server.serve_forever()


def _forward(local: threading.local, upstream: tuple[str, int], name: str, body: bytes, authorization: str) -> int:
    connections: dict[str, http.client.HTTPConnection] = local.__dict__.setdefault("connections", {})
    headers = {"Content-Type": "application/json", "Authorization": authorization}
    for attempt in (1, 2):
        connection = connections.get(name)
        if connection is None:
            connection = connections[name] = http.client.HTTPConnection(*upstream, timeout=120)
        try:
            connection.request("POST", "/", body, headers)
            response = connection.getresponse()
            response.read()
            return response.status
        except (http.client.HTTPException, OSError):
            connection.close()
            del connections[name]
            if attempt == 2:
                return 503
    return 503


def main(argv: list[str]) -> None:
    port, authorization = int(argv[0]), Path(argv[1]).read_text().strip()
    upstreams = {}
    for spec in argv[2:]:
        name, url = spec.split("=", 1)
        parts = urlsplit(url)
        upstreams[name] = (parts.hostname or "127.0.0.1", parts.port or 80)
    serve(port, authorization, upstreams)


if __name__ == "__main__":
    main(sys.argv[1:])
