"""The real functions entry points with push auth ON and a local key instead of Google's.

functions-framework loads this file by path (``--source``). It puts ``functions/`` and the
repository root on ``sys.path``, replaces the application's push authenticator with a real
``PushAuthenticator`` whose ``StaticCertificateSource`` holds the key in
``TEST_PUSH_PUBLIC_KEY_FILE`` (key id ``TEST_PUSH_KEY_ID``, audience ``TEST_PUSH_AUDIENCE``,
allowed caller ``TEST_PUSH_EMAIL``), and re-exports the real targets.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[3]
for _root in (str(_REPO), str(_REPO / "functions")):
    if _root not in sys.path:
        sys.path.insert(0, _root)

import main  # noqa: E402 - after the path set-up above
from pipeline_kit.auth.certificate_source import StaticCertificateSource  # noqa: E402
from pipeline_kit.auth.jwt_verifier import JwtVerifier  # noqa: E402
from pipeline_kit.auth.push_authenticator import GOOGLE_ISSUERS, PushAuthenticating, PushAuthenticator  # noqa: E402
from wild_workouts import bootstrap  # noqa: E402


def _local_key_authenticator() -> PushAuthenticating:
    key = Path(os.environ["TEST_PUSH_PUBLIC_KEY_FILE"]).read_text()
    verifier = JwtVerifier(
        StaticCertificateSource({os.environ["TEST_PUSH_KEY_ID"]: key}),
        issuers=GOOGLE_ISSUERS,
        audiences=[os.environ["TEST_PUSH_AUDIENCE"]],
    )
    return PushAuthenticator(verifier, allowed_emails=[os.environ["TEST_PUSH_EMAIL"]])


_AUTHENTICATOR = _local_key_authenticator()
bootstrap.push_authenticator = lambda scope=None: _AUTHENTICATOR  # type: ignore[assignment]

monolith = main.monolith
