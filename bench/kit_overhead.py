"""Issue 3 "Speed": requests per second of one push request through the full kit in-process vs
a bare functions-framework handler that only base64-decodes the body, side by side.

Run as a child process (``python -m bench.kit_overhead OUT.json REQUESTS``) so its tracing
(``TRACE_EXPORTER=console``), logs (stdout → a null stream) and environment stay its own.
Two levels, each alternating bare/kit for several rounds (median of the rounds):
- ``functions_framework``: both targets served by ``functions_framework.create_app`` and called
  through Werkzeug's test client (the request object, the view, the response; no socket);
- ``handler``: ``PushConsumer.handle(PushRequest.with_body(headers, body))`` vs the bare decode on the same input.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROUNDS = 5
SOURCE = Path(__file__).resolve().parent / "kit_overhead_functions.py"
KEY_ID, AUDIENCE = "bench-key", "https://kit-bench.example.run.app/push"
EMAIL = "push-invoker@bench.iam.gserviceaccount.com"


def _signed_token() -> tuple[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    from pipeline_kit.auth.rs256_token_signer import sign_rs256

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    now = int(time.time())
    claims = {"iss": "https://accounts.google.com", "aud": AUDIENCE, "email": EMAIL, "email_verified": True}
    token = sign_rs256({"kid": KEY_ID, "typ": "JWT"}, {**claims, "sub": "1", "iat": now, "exp": now + 3600}, key)
    return token, pem.decode("ascii")


def _rate(call: Callable[[], Any], requests: int) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        call()
    return requests / (time.perf_counter() - started)


def _side_by_side(bare: Callable[[], Any], kit: Callable[[], Any], requests: int) -> dict[str, float]:
    bare(), kit()  # warm-up: lazy imports, caches
    bare_rates, kit_rates = [], []
    for _ in range(ROUNDS):
        bare_rates.append(_rate(bare, requests))
        kit_rates.append(_rate(kit, requests))
    bare_rps, kit_rps = statistics.median(bare_rates), statistics.median(kit_rates)
    return {"bare_rps": bare_rps, "kit_rps": kit_rps, "ratio": kit_rps / bare_rps}


def measure(requests: int) -> dict[str, Any]:
    import functions_framework

    from bench.bench_events import EventSource
    from bench.targets import CALENDAR

    token, pem = _signed_token()
    os.environ.update(
        {
            "KIT_BENCH_KEY_ID": KEY_ID,
            "KIT_BENCH_PUBLIC_PEM": pem,
            "KIT_BENCH_AUDIENCE": AUDIENCE,
            "KIT_BENCH_EMAIL": EMAIL,
        }
    )
    body = EventSource(CALENDAR, "kit").take(1)[0].wrapped_push_body()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {token}"}
    bare_app = functions_framework.create_app("bare_push", str(SOURCE), "http")  # type: ignore[no-untyped-call]
    bare_client = bare_app.test_client()
    kit_app = functions_framework.create_app("kit_push", str(SOURCE), "http")  # type: ignore[no-untyped-call]
    kit_client = kit_app.test_client()

    def bare_http() -> None:
        assert bare_client.post("/", data=body, headers=headers).status_code == 204

    def kit_http() -> None:
        assert kit_client.post("/", data=body, headers=headers).status_code == 204

    def bare_handler() -> None:
        base64.b64decode(json.loads(body)["message"].get("data", ""))

    from bench.kit_overhead_functions import kit_consumer
    from pipeline_kit.routing.push_request import PushRequest

    def kit_handler() -> None:
        assert kit_consumer().handle(PushRequest.with_body(headers, body)).status == 204

    null = open(os.devnull, "w")  # noqa: SIM115 - left open: the span exporter writes to it until exit
    with contextlib.redirect_stdout(null):
        framework = _side_by_side(bare_http, kit_http, requests)
        handler = _side_by_side(bare_handler, kit_handler, requests)
    return {
        "requests_per_round": requests,
        "rounds": ROUNDS,
        "trace_exporter": os.environ.get("TRACE_EXPORTER", "none"),
        "functions_framework": framework,
        "handler": handler,
    }


if __name__ == "__main__":
    out, count = Path(sys.argv[1]), int(sys.argv[2])
    out.write_text(json.dumps(measure(count), indent=2))
