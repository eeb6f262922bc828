"""Building the HTTP API's token verifier from the process's settings, once at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_kit.auth.auth_settings import ApiAuthSettings
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from pipeline_kit.auth.local_process_proof import require_local

if TYPE_CHECKING:  # each verifier's module loads only where it is used
    from pipeline_kit.auth.api_token_verifier import ApiTokenVerifier

AUTH_EMULATOR_VARIABLE = "FIREBASE_AUTH_EMULATOR_HOST"


def build_api_token_verifier(settings: ApiAuthSettings) -> ApiTokenVerifier:
    """The verifier ``settings`` ask for (each field names its variable):

    - ``project_id`` (``FIREBASE_PROJECT_ID``, else ``GOOGLE_CLOUD_PROJECT``): the token audience
      (required). With the Authentication emulator it must be the emulator's project id.
    - Neither of the two local switches below (production): Firebase ID tokens, RS256 signed by
      Google's published keys, with every check of FirebaseIdTokenVerifier.
    - ``dev_issuer`` (``API_AUTH_DEV_ISSUER``): trust the development issuer's RS256 tokens;
      ``dev_private_key_file`` (``API_AUTH_DEV_PRIVATE_KEY_FILE``): the PEM file of its private
      key (the harness that mints tokens writes ``DevTokenIssuer.private_key_pem``).
    - ``auth_emulator_host`` (``FIREBASE_AUTH_EMULATOR_HOST``, ``host:port``): trust the
      Authentication emulator's unsigned tokens (``alg: none``, issuer and audience of the
      project, times, subject checked).
    - Both local switches together: each token is checked by the one its ``alg`` names.

    Either local switch raises InsecureConfiguration unless the process proves it is local
    (``local_process_proof``: no Cloud Run / App Engine variable, and ``FIRESTORE_EMULATOR_HOST``
    and ``PUBSUB_EMULATOR_HOST`` both set to loopback hosts, so a forged identity can reach
    emulator data only), as does a missing or unreadable setting: the process must not serve.
    The production path (no switch) checks none of this and does no extra work.
    """
    project_id = settings.project_id
    if not project_id:
        raise InsecureConfiguration("FIREBASE_PROJECT_ID (or GOOGLE_CLOUD_PROJECT) is not set")
    dev_issuer = settings.dev_issuer
    emulator = bool(settings.auth_emulator_host)
    if not dev_issuer and not emulator:
        from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier

        return FirebaseIdTokenVerifier(project_id)
    switch = "API_AUTH_DEV_ISSUER is true" if dev_issuer else f"{AUTH_EMULATOR_VARIABLE} is set"
    require_local(settings.local, switch)
    from pipeline_kit.auth.local_sign_in_verifier import LocalSignInVerifier

    verifiers: dict[str, ApiTokenVerifier] = {}
    if dev_issuer:
        verifiers["RS256"] = _dev_issuer_verifier(project_id, settings.dev_private_key_file)
    if emulator:
        from pipeline_kit.auth.emulator_id_token_verifier import EmulatorIdTokenVerifier

        verifiers["none"] = EmulatorIdTokenVerifier(project_id)
    return LocalSignInVerifier(verifiers)


def _dev_issuer_verifier(project_id: str, key_file: Path | None) -> ApiTokenVerifier:
    if key_file is None:
        raise InsecureConfiguration("API_AUTH_DEV_ISSUER needs API_AUTH_DEV_PRIVATE_KEY_FILE")
    try:
        private_key_pem = key_file.read_bytes()
    except OSError as error:
        raise InsecureConfiguration(f"cannot read API_AUTH_DEV_PRIVATE_KEY_FILE: {error}") from None
    from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer

    return DevTokenIssuer(project_id, private_key_pem=private_key_pem).verifier()
