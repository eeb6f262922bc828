"""Decoding a request body as JSON, with one error type for every way it can fail."""

import json

from pipeline_kit.push.malformed_push_request import MalformedPushRequest


def json_body(body: bytes, *, what: str) -> object:
    """The decoded JSON value of a UTF-8 body, or MalformedPushRequest saying why not."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedPushRequest(f"{what} is not UTF-8 (byte {error.start})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedPushRequest(f"{what} is not valid JSON: {error.msg} at position {error.pos}") from None
    except (ValueError, RecursionError):  # huge integers, absurd nesting
        raise MalformedPushRequest(f"{what} is not acceptable JSON") from None
