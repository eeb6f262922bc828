"""Hypothesis strategies for hostile push requests: (method, path suffix, headers, body).

Truncated JSON, wrong types, huge attributes, bad base64, non-UTF-8, missing fields, wrong
content types, stray CloudEvents and unwrapped-push headers, wrong methods, unknown consumers.
No generated attribute or header is named ``event_type`` or ``redrive_target``: a declared type
a consumer does not handle, and a redrive meant for another consumer, are *ignored* (204 without
a parked copy), which would blur the "every 204 of a hostile body has its parked copy" count.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

_NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20).filter(
    lambda name: name.replace("-", "_") not in {"event_type", "redrive_target"}
)
_LATIN1 = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=200).map(str.strip)
_JSON: Any = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
CONTENT_TYPES = (
    "application/json",
    "application/json; charset=utf-8",
    "application/cloudevents+json",
    "application/x-www-form-urlencoded",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/octet-stream",
    "garbage/\u00e9",
)


@dataclass(frozen=True)
class HostilePush:
    method: str
    consumer: str
    headers: dict[str, str]
    body: bytes


def _wrapped(data: Any, attributes: Any, extra: dict[str, Any]) -> dict[str, Any]:
    message = {"data": data, "attributes": attributes, "messageId": "m-1", "publishTime": "2026-01-01T00:00:00Z"}
    return {"message": {**message, **extra}, "subscription": "projects/p/subscriptions/s"}


def _json_bytes(value: Any) -> bytes:
    return json.dumps(value).encode()


_b64 = st.binary(max_size=300).map(lambda raw: base64.b64encode(raw).decode())
_attributes = st.dictionaries(_NAME, st.text(max_size=50), max_size=5)
_huge_attributes = st.dictionaries(
    st.text(min_size=1, max_size=400).filter(lambda key: key != "event_type"),
    st.text(max_size=3000),
    min_size=1,
    max_size=120,
)
valid_looking = st.builds(_wrapped, _b64, _attributes, st.just({})).map(_json_bytes)
truncated = st.tuples(valid_looking, st.integers(min_value=0, max_value=400)).map(lambda pair: pair[0][: pair[1]])
wrong_types = st.builds(
    _wrapped, _JSON, _JSON, st.dictionaries(st.sampled_from(["messageId", "deliveryAttempt", "orderingKey"]), _JSON)
).map(_json_bytes)
huge_attributes = st.builds(_wrapped, _b64, _huge_attributes, st.just({})).map(_json_bytes)
bad_base64 = st.builds(_wrapped, st.text(max_size=60).map(lambda t: t + "!*"), _attributes, st.just({})).map(
    _json_bytes
)
non_utf8 = st.binary(min_size=1, max_size=500).map(lambda raw: b"\xff" + raw)
missing_fields = st.builds(_wrapped, _b64, _attributes, st.just({})).flatmap(
    lambda body: st.sets(st.sampled_from(["data", "attributes", "messageId", "publishTime"])).map(
        lambda dropped: _json_bytes({**body, "message": {k: v for k, v in body["message"].items() if k not in dropped}})
    )
)
random_json = _JSON.map(_json_bytes)
bodies = st.one_of(
    valid_looking, truncated, wrong_types, huge_attributes, bad_base64, non_utf8, missing_fields, random_json
)
_stray_headers = st.dictionaries(
    st.sampled_from(
        [
            "ce-specversion",
            "ce-type",
            "ce-id",
            "ce-source",
            "x-goog-pubsub-message-id",
            "x-goog-pubsub-delivery-attempt",
        ]
    ),
    _LATIN1,
    max_size=3,
)
headers = st.builds(
    lambda content_type, stray, junk: {"Content-Type": content_type, **stray, **{f"x-{k}": v for k, v in junk.items()}},
    st.sampled_from(CONTENT_TYPES),
    _stray_headers,
    st.dictionaries(_NAME, _LATIN1, max_size=3),
)


def hostile_pushes(consumers: list[str]) -> st.SearchStrategy[HostilePush]:
    return st.builds(
        HostilePush,
        method=st.sampled_from(["POST"] * 12 + ["GET", "PUT", "DELETE"]),
        consumer=st.sampled_from(consumers) | _NAME,
        headers=headers,
        body=bodies,
    )
