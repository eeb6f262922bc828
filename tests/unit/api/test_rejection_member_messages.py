"""Every rejection code has a sentence for the gym member and is in the OpenAPI document."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wild_workouts.shared_kernel.rejection_code import RejectionCode
from wild_workouts.trainings.entrypoints.training_json import MEMBER_MESSAGES, rejection_json

pytestmark = pytest.mark.unit

OPENAPI = Path(__file__).resolve().parents[3] / "functions" / "wild_workouts" / "http" / "openapi.json"


@pytest.mark.parametrize("code", list(RejectionCode))
def test_every_code_has_a_member_message(code: RejectionCode) -> None:
    assert rejection_json(code, None) == {"code": code.value, "message": MEMBER_MESSAGES[code]}


def test_the_openapi_enum_is_the_code_list() -> None:
    enum = json.loads(OPENAPI.read_text())["components"]["schemas"]["RejectionCode"]["enum"]
    assert enum == [code.value for code in RejectionCode]


def test_a_timeout_tells_the_member_the_training_was_given_back() -> None:
    assert rejection_json("timed_out", "no answer in time")["message"] == (  # type: ignore[index]
        "The booking could not be confirmed in time; your training was given back."
    )
