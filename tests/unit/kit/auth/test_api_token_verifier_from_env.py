"""api_token_verifier_from_env: Firebase by default, the local switches only in a process that
proves it is local (not on Cloud Run, Firestore and Pub/Sub emulators on loopback)."""

from pathlib import Path

import pytest

from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from tests.unit.kit.auth.conftest import LOCAL_EMULATORS
from tests.unit.kit.auth.from_environment import api_token_verifier_from_env
from wild_workouts.settings import InvalidSetting

pytestmark = pytest.mark.unit

PROJECT = "wild-workouts-test"


@pytest.fixture(scope="module")
def dev() -> DevTokenIssuer:
    return DevTokenIssuer(PROJECT)


def test_firebase_is_the_default() -> None:
    verifier = api_token_verifier_from_env({"GOOGLE_CLOUD_PROJECT": PROJECT, "K_SERVICE": "api"})

    assert isinstance(verifier, FirebaseIdTokenVerifier)


def test_project_is_required() -> None:
    with pytest.raises(InsecureConfiguration, match="FIREBASE_PROJECT_ID"):
        api_token_verifier_from_env({})


def test_dev_issuer_is_loaded_from_its_key_file(dev: DevTokenIssuer, tmp_path: Path) -> None:
    key_file = tmp_path / "dev-issuer.pem"
    key_file.write_bytes(dev.private_key_pem)

    verifier = api_token_verifier_from_env(
        {
            "FIREBASE_PROJECT_ID": PROJECT,
            "API_AUTH_DEV_ISSUER": "true",
            "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file),
            **LOCAL_EMULATORS,
        }
    )

    assert verifier.verify(dev.mint("trainer-1", role="trainer")).role == "trainer"


def test_dev_issuer_is_refused_on_cloud_run(dev: DevTokenIssuer, tmp_path: Path) -> None:
    key_file = tmp_path / "dev-issuer.pem"
    key_file.write_bytes(dev.private_key_pem)

    with pytest.raises(InsecureConfiguration, match="K_SERVICE"):
        api_token_verifier_from_env(
            {
                "FIREBASE_PROJECT_ID": PROJECT,
                "API_AUTH_DEV_ISSUER": "true",
                "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file),
                "K_SERVICE": "trainer",
                **LOCAL_EMULATORS,
            }
        )


@pytest.mark.parametrize("key_file", ["", "does-not-exist.pem"])
def test_dev_issuer_needs_a_readable_key_file(key_file: str, tmp_path: Path) -> None:
    path = str(tmp_path / key_file) if key_file else ""
    with pytest.raises(InsecureConfiguration, match="API_AUTH_DEV_PRIVATE_KEY_FILE"):
        api_token_verifier_from_env(
            {
                "FIREBASE_PROJECT_ID": PROJECT,
                "API_AUTH_DEV_ISSUER": "true",
                "API_AUTH_DEV_PRIVATE_KEY_FILE": path,
                **LOCAL_EMULATORS,
            }
        )


def test_ambiguous_dev_flag_refuses_to_start() -> None:
    with pytest.raises(InvalidSetting, match="API_AUTH_DEV_ISSUER"):
        api_token_verifier_from_env({"FIREBASE_PROJECT_ID": PROJECT, "API_AUTH_DEV_ISSUER": "1"})
