"""functions/main.py refuses to start on Cloud Run with any local-only switch."""

import pytest

from main import _refuse_insecure_configuration

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "switch",
    [
        {"PUSH_AUTH_DISABLED": "true"},
        {"API_AUTH_DEV_ISSUER": "true"},
        {"FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099"},
    ],
)
def test_a_local_switch_on_cloud_run_refuses_to_start(switch: dict[str, str]) -> None:
    with pytest.raises(RuntimeError, match="refusing to start on Cloud Run"):
        _refuse_insecure_configuration({"K_SERVICE": "api", **switch})


def test_the_local_switches_are_fine_off_cloud_run() -> None:
    _refuse_insecure_configuration({"FIREBASE_AUTH_EMULATOR_HOST": "127.0.0.1:9099", "API_AUTH_DEV_ISSUER": "true"})
