"""The local sign-in switches (development issuer, Authentication emulator) take effect only in a
process that proves it is local: no Google serverless runtime, Firestore and Pub/Sub emulators on
this machine.

Finding: the development issuer was guarded only by ``K_SERVICE``, so the flag plus a key file
enabled it on GKE, Compute Engine or Cloud Run jobs.
"""

from pathlib import Path

import pytest

from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer
from pipeline_kit.auth.firebase_id_token_verifier import FirebaseIdTokenVerifier
from pipeline_kit.auth.insecure_configuration import InsecureConfiguration
from pipeline_kit.auth.local_process_proof import is_loopback_host
from pipeline_kit.auth.local_sign_in_verifier import LocalSignInVerifier
from tests.unit.kit.auth.conftest import LOCAL_EMULATORS
from tests.unit.kit.auth.from_environment import api_token_verifier_from_env, require_local_process

pytestmark = pytest.mark.unit

PROJECT = "demo-wild-workouts"


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "dev-issuer.pem"
    path.write_bytes(DevTokenIssuer(PROJECT).private_key_pem)
    return path


def _switches(key_file: Path) -> list[dict[str, str]]:
    dev = {"API_AUTH_DEV_ISSUER": "true", "API_AUTH_DEV_PRIVATE_KEY_FILE": str(key_file)}
    emulator = {"FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099"}
    return [dev, emulator, dev | emulator]


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:8080", "LOCALHOST:1", "127.0.0.1:8080", "127.5.6.7:1", "[::1]:8085", "::1", " [::1] "],
)
def test_loopback_hosts(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    [
        "",
        "10.0.0.5:8080",
        "0.0.0.0:8080",
        "firestore:8080",  # a container name: another machine, as far as this process can tell
        "firestore.googleapis.com:443",
        "metadata.google.internal",
        "169.254.169.254:80",
        "localhost.example.com:80",
        "127.0.0.1.nip.io:80",
        "[::1",
        "[::1]x",
        "[2001:db8::1]:8080",
        "http://localhost:8080",
    ],
)
def test_other_hosts_are_not_loopback(host: str) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    ("runtime", "where"),
    [("K_SERVICE", "Cloud Run"), ("CLOUD_RUN_JOB", "Cloud Run"), ("GAE_SERVICE", "App Engine")],
)
def test_a_local_switch_on_a_google_runtime_refuses_to_start(key_file: Path, runtime: str, where: str) -> None:
    for switch in _switches(key_file):
        environ = {"FIREBASE_PROJECT_ID": PROJECT, **LOCAL_EMULATORS, **switch, runtime: "x"}
        with pytest.raises(InsecureConfiguration, match=f"{where} \\({runtime} set\\)"):
            api_token_verifier_from_env(environ)


@pytest.mark.parametrize("missing", ["FIRESTORE_EMULATOR_HOST", "PUBSUB_EMULATOR_HOST"])
def test_a_local_switch_without_every_emulator_refuses_to_start(key_file: Path, missing: str) -> None:
    """The finding's case: flag and key file on GKE or Compute Engine (no K_SERVICE), with the
    real database: no emulator hosts, so no local sign-in."""
    for switch in _switches(key_file):
        environ = {"FIREBASE_PROJECT_ID": PROJECT, **switch, **LOCAL_EMULATORS}
        del environ[missing]
        with pytest.raises(InsecureConfiguration, match=f"{missing} is not set"):
            api_token_verifier_from_env(environ)
        with pytest.raises(InsecureConfiguration, match=f"{missing} is not set"):
            api_token_verifier_from_env({**environ, missing: "  "})


@pytest.mark.parametrize("remote", ["10.128.0.7:8080", "firestore:8080", "emulators.internal.example:8080"])
def test_a_local_switch_with_an_emulator_elsewhere_refuses_to_start(key_file: Path, remote: str) -> None:
    for switch in _switches(key_file):
        environ = {"FIREBASE_PROJECT_ID": PROJECT, **switch, **LOCAL_EMULATORS, "PUBSUB_EMULATOR_HOST": remote}
        with pytest.raises(InsecureConfiguration, match="not a loopback host"):
            api_token_verifier_from_env(environ)


def test_with_the_proof_each_switch_builds_its_local_verifier(key_file: Path) -> None:
    for switch in _switches(key_file):
        verifier = api_token_verifier_from_env({"FIREBASE_PROJECT_ID": PROJECT, **switch, **LOCAL_EMULATORS})
        assert isinstance(verifier, LocalSignInVerifier)


def test_the_production_path_needs_no_proof() -> None:
    """No switch: Firebase's verifier, whatever else is set (and no check runs, no network)."""
    for environ in [
        {"FIREBASE_PROJECT_ID": PROJECT, "K_SERVICE": "api"},
        {"FIREBASE_PROJECT_ID": PROJECT, "CLOUD_RUN_JOB": "job"},
        {"FIREBASE_PROJECT_ID": PROJECT, "FIRESTORE_EMULATOR_HOST": "10.0.0.1:8080"},
    ]:
        assert isinstance(api_token_verifier_from_env(environ), FirebaseIdTokenVerifier)


def test_the_refusal_names_the_switch() -> None:
    with pytest.raises(InsecureConfiguration, match=r"^minting development tokens but FIRESTORE_EMULATOR_HOST"):
        require_local_process({}, "minting development tokens")
    require_local_process(LOCAL_EMULATORS, "minting development tokens")  # the proof: no error
