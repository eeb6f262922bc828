"""Building the HTTP API's token verifier from the environment, once at start-up."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_kit.auth.env_settings import env_flag, on_cloud_run
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration

if TYPE_CHECKING:  # each verifier's module loads only where it is used
    from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier


def api_token_verifier_from_env(environ: Mapping[str, str]) -> FirebaseIdTokenVerifier:
    """Settings:

    - ``FIREBASE_PROJECT_ID`` (else ``GOOGLE_CLOUD_PROJECT``): the token audience (required).
    - ``API_AUTH_DEV_ISSUER``: ``true`` to trust the development issuer instead of Firebase;
      refused on Cloud Run (``K_SERVICE`` set).
    - ``API_AUTH_DEV_PRIVATE_KEY_FILE``: with the development issuer, the PEM file of its
      private key (the harness that mints tokens writes ``DevTokenIssuer.private_key_pem``).

    Raises InsecureConfiguration when a setting is missing or unsafe.
    """
    project_id = environ.get("FIREBASE_PROJECT_ID", "").strip() or environ.get("GOOGLE_CLOUD_PROJECT", "").strip()
    if not project_id:
        raise InsecureConfiguration("FIREBASE_PROJECT_ID (or GOOGLE_CLOUD_PROJECT) is not set")
    if not env_flag(environ, "API_AUTH_DEV_ISSUER"):
        from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier

        return FirebaseIdTokenVerifier(project_id)
    if on_cloud_run(environ):
        raise InsecureConfiguration("API_AUTH_DEV_ISSUER is true on Cloud Run (K_SERVICE set)")
    key_file = environ.get("API_AUTH_DEV_PRIVATE_KEY_FILE", "").strip()
    if not key_file:
        raise InsecureConfiguration("API_AUTH_DEV_ISSUER needs API_AUTH_DEV_PRIVATE_KEY_FILE")
    try:
        private_key_pem = Path(key_file).read_bytes()
    except OSError as error:
        raise InsecureConfiguration(f"cannot read API_AUTH_DEV_PRIVATE_KEY_FILE: {error}") from None
    from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer

    return DevTokenIssuer(project_id, private_key_pem=private_key_pem).verifier()
