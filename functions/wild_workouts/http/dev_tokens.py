"""Development ID tokens that a locally running API accepts (only where the process proves it is
local: see ``pipeline_kit.auth.local_process_proof``; never on Cloud Run).

The API process trusts the development issuer when ``API_AUTH_DEV_ISSUER=true`` and reads
its private key from ``API_AUTH_DEV_PRIVATE_KEY_FILE`` (see
``pipeline_kit.auth.api_token_verifier_factory.build_api_token_verifier``). A demo or test in
another process mints tokens with the same key file: ``mint_dev_token`` reads it (creating it,
mode 600, when it does not exist yet), so start the minting side first or point both at the
same path. The audience is ``FIREBASE_PROJECT_ID`` (else ``GOOGLE_CLOUD_PROJECT``), as on the
verifying side: both take them from the same ``ApiAuthSettings``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline_kit.auth.insecure_configuration import InsecureConfiguration

if TYPE_CHECKING:
    from pipeline_kit.auth.auth_settings import ApiAuthSettings

KEY_FILE_VARIABLE = "API_AUTH_DEV_PRIVATE_KEY_FILE"


def dev_issuer_key(path: Path) -> bytes:
    """The PEM private key at ``path``; a new one is generated and written there if absent."""
    if path.exists():
        return path.read_bytes()
    from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer

    pem = DevTokenIssuer("unused").private_key_pem
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return pem


def mint_dev_token(
    uid: str,
    role: str,
    name: str,
    *,
    auth: ApiAuthSettings,
    ttl_seconds: int = 3600,
) -> str:
    """A development ID token for ``uid`` with the custom claim ``role``, for the API that
    ``auth`` configures (the composition root's ``settings().api_auth`` for this process's API).

    Raises InsecureConfiguration when the key file or project is not configured, or unless the
    process proves it is local (no Cloud Run / App Engine variable such as ``K_SERVICE``, and
    the Firestore and Pub/Sub emulator hosts set to loopback hosts), as the verifying side does.
    """
    from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
    from pipeline_kit.auth.local_process_proof import require_local

    project, key_file = auth.project_id, auth.dev_private_key_file
    if not project or key_file is None:
        raise InsecureConfiguration(
            f"minting development tokens needs FIREBASE_PROJECT_ID (or GOOGLE_CLOUD_PROJECT) and {KEY_FILE_VARIABLE}"
        )
    require_local(auth.local, "minting development tokens")
    issuer = DevTokenIssuer(project, private_key_pem=dev_issuer_key(key_file))
    return issuer.mint(uid, role=role, name=name, ttl_seconds=ttl_seconds)
