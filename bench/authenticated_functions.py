"""The project's push consumers as deployed, with push auth ON, trusting a local signing key.

functions-framework loads this file by path (``--source``). It puts ``functions/`` on
``sys.path``, imports the real entry points (``functions/main.py``) and changes one thing: the
push authenticator's certificate source. In production it is Google's certificate endpoint
(fetched over HTTPS on the first request, then cached); here it is the same
``HttpCertificateSource`` pointed at the benchmark's local endpoint (``BENCH_PUSH_CERTS_URL``,
served by ``bench.push_auth``), so the first request still fetches the keys over HTTP and
every request still verifies its OIDC token (signature, issuer, audience, expiry, caller).
Everything else (``PUSH_AUTH_AUDIENCE``, ``PUSH_AUTH_ALLOWED_EMAILS``) is the deployed settings.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_FUNCTIONS = str(Path(__file__).resolve().parents[1] / "functions")
if _FUNCTIONS not in sys.path:
    sys.path.insert(0, _FUNCTIONS)

import main  # noqa: E402 - after the path set-up above
from pipeline_kit.auth.push_authenticator import PushAuthenticating  # noqa: E402
from wild_workouts import bootstrap  # noqa: E402


@cache
def _locally_keyed_authenticator(scope: str | None = None) -> PushAuthenticating:
    from pipeline_kit.auth.http_certificate_source import HttpCertificateSource
    from pipeline_kit.auth.push_authenticator_factory import build_push_authenticator

    certificates = HttpCertificateSource(os.environ["BENCH_PUSH_CERTS_URL"])
    return build_push_authenticator(bootstrap.settings().push_auth, scope=scope, certificates=certificates)


bootstrap.push_authenticator = _locally_keyed_authenticator

trainer_calendar = main.trainer_calendar
users_on_trainings = main.users_on_trainings
