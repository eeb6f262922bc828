"""The environment cases of the auth factories: the application's one reading of the
environment (``wild_workouts.settings``), then the kit's factory on the typed settings, so each
case reads as the variables a process would be started with."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline_kit.auth.api_token_verifier import ApiTokenVerifier
from pipeline_kit.auth.api_token_verifier_factory import build_api_token_verifier
from pipeline_kit.auth.local_process_proof import require_local
from pipeline_kit.auth.push_authenticator import PushAuthenticating
from pipeline_kit.auth.push_authenticator_factory import build_push_authenticator
from wild_workouts.settings import Settings


def api_token_verifier_from_env(environ: Mapping[str, str]) -> ApiTokenVerifier:
    return build_api_token_verifier(Settings.from_environ(environ).api_auth)


def push_authenticator_from_env(environ: Mapping[str, str], **options: Any) -> PushAuthenticating:
    return build_push_authenticator(Settings.from_environ(environ).push_auth, **options)


def require_local_process(environ: Mapping[str, str], switch: str) -> None:
    require_local(Settings.from_environ(environ).api_auth.local, switch)
