"""Golden push requests, one per form and variant, parsed into the expected PushMessage."""

import base64
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from flask import Flask, request

from pipeline_kit.push import PushMessage, parse_push_request

pytestmark = pytest.mark.unit

FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.glob("*.json"))


def _body(fixture: dict[str, Any]) -> bytes:
    if "body_b64" in fixture:
        return base64.b64decode(fixture["body_b64"], validate=True)
    return str(fixture["body_text"]).encode("utf-8")


def _expected_data(expected: dict[str, Any]) -> bytes:
    if "data_b64" in expected:
        return base64.b64decode(expected["data_b64"], validate=True)
    return str(expected["data_text"]).encode("utf-8")


def _as_dict(message: PushMessage) -> dict[str, Any]:
    return {
        "data": message.data,
        "attributes": dict(message.attributes),
        "message_id": message.message_id,
        "publish_time": message.publish_time,
        "ordering_key": message.ordering_key,
        "delivery_attempt": message.delivery_attempt,
        "subscription": message.subscription,
        "form": message.form,
    }


def test_there_is_a_fixture_for_every_form() -> None:
    forms = {json.loads(path.read_text("utf-8"))["expected"]["form"] for path in FIXTURE_FILES}
    assert forms == {"wrapped", "unwrapped", "unwrapped-no-metadata", "cloudevent-binary", "cloudevent-structured"}


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.stem)
def test_golden_request_parses_to_expected_message(path: Path) -> None:
    fixture = json.loads(path.read_text("utf-8"))
    expected = dict(fixture["expected"])
    expected["data"] = _expected_data(expected)
    expected.pop("data_b64", None)
    expected.pop("data_text", None)

    message = parse_push_request(fixture["headers"], _body(fixture))

    assert _as_dict(message) == expected


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.stem)
def test_header_case_does_not_matter(path: Path) -> None:
    fixture = json.loads(path.read_text("utf-8"))
    upper = {name.upper(): value for name, value in fixture["headers"].items()}

    assert parse_push_request(upper, _body(fixture)) == parse_push_request(fixture["headers"], _body(fixture))


def test_attributes_are_read_only() -> None:
    fixture = json.loads((FIXTURES / "wrapped_camel_case.json").read_text("utf-8"))
    message = parse_push_request(fixture["headers"], _body(fixture))

    with pytest.raises(TypeError):
        message.attributes["event_type"] = "changed"  # type: ignore[index]


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda path: path.stem)
def test_flask_request_headers_work_as_they_are(path: Path) -> None:
    fixture = json.loads(path.read_text("utf-8"))
    expected = parse_push_request(fixture["headers"], _body(fixture))
    app = Flask(__name__)
    with app.test_request_context("/", method="POST", headers=fixture["headers"], data=_body(fixture)):
        message = parse_push_request(request.headers, request.get_data())

    if expected.form == "unwrapped":
        # WSGI stores headers as HTTP_EVENT_TYPE: "_" in an attribute key comes back as "-"
        # (and gunicorn drops such headers by default). Wrapped push keeps keys intact.
        expected_keys = {key.replace("_", "-") for key in expected.attributes}
        assert set(message.attributes) == expected_keys
        assert sorted(message.attributes.values()) == sorted(expected.attributes.values())
        message = dataclasses.replace(message, attributes=expected.attributes)
    assert message == expected
