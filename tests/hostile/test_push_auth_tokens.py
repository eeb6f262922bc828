"""Forged push tokens against the real Wild Workouts consumers, push auth ON (a local key).

Every forged token is refused (401, or 403 for a valid signature of a caller not allowed) and
nothing is written: the Firestore document count is unchanged and nothing is parked. A good
token on the same body is applied (so the body would have had an effect).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests

from ops.local_stack.stack import LocalStack
from pipeline_kit.events.event_envelope import EventEnvelope
from tests.e2e.kit.push_bodies import wrapped_camel_case
from tests.e2e.kit.push_tokens import (
    PushTokenSigner,
    alg_none_token,
    hs256_token,
    push_claims,
)
from tests.faults.dead_letters import pull_all_dead_letters
from tests.hostile.push_auth_stack import push_auth_stack

pytestmark = pytest.mark.e2e

CONSUMER = "trainer-calendar"


@pytest.fixture(scope="module")
def signer() -> PushTokenSigner:
    return PushTokenSigner.generate()


@pytest.fixture(scope="module")
def auth_stack(signer: PushTokenSigner) -> Iterator[LocalStack]:
    with push_auth_stack("hostile-auth", signer.public_pem) as running:
        yield running


def forged_tokens(signer: PushTokenSigner) -> dict[str, tuple[str | None, int]]:
    """Case → (Authorization header, the status the server must answer)."""
    other = PushTokenSigner.generate(kid=signer.kid)
    stranger = PushTokenSigner.generate(kid="unknown-key")
    now = int(time.time())
    return {
        "no header": (None, 401),
        "empty bearer": ("Bearer ", 401),
        "not bearer": (f"Basic {signer.sign(push_claims())}", 401),
        "malformed": ("Bearer not.a.jwt", 401),
        "malformed base64": ("Bearer !!!.@@@.###", 401),
        "alg none": (f"Bearer {alg_none_token(push_claims())}", 401),
        "HS256 with the public key": (f"Bearer {hs256_token(push_claims(), signer.public_pem.encode())}", 401),
        "other key, same kid": (f"Bearer {other.sign(push_claims())}", 401),
        "unknown kid": (f"Bearer {stranger.sign(push_claims())}", 401),
        "wrong aud": (f"Bearer {signer.sign(push_claims(aud='https://elsewhere.example/push'))}", 401),
        "wrong iss": (f"Bearer {signer.sign(push_claims(iss='https://evil.example'))}", 401),
        "expired": (f"Bearer {signer.sign(push_claims(iat=now - 7200, exp=now - 3600))}", 401),
        "not yet valid": (f"Bearer {signer.sign(push_claims(iat=now + 3600, nbf=now + 3600, exp=now + 7200))}", 401),
        "no exp": (f"Bearer {signer.sign(push_claims(exp=None))}", 401),
        "wrong email": (f"Bearer {signer.sign(push_claims(email='someone@evil.example'))}", 403),
        "email_verified false": (f"Bearer {signer.sign(push_claims(email_verified=False))}", 403),
        "no email": (f"Bearer {signer.sign(push_claims(email=None))}", 403),
    }


def _hour_made_available() -> EventEnvelope:
    hour = (datetime.now(UTC) + timedelta(days=3)).replace(hour=13, minute=0, second=0, microsecond=0)
    event_id = str(uuid.uuid4())
    return EventEnvelope(
        event_id=event_id,
        type="HourMadeAvailable",
        version=1,
        occurred_at=datetime.now(UTC),
        correlation_id=event_id,
        causation_id=event_id,
        aggregate_id=hour.strftime("%Y-%m-%dT%H:%M:%SZ"),
        payload={"hour": hour.strftime("%Y-%m-%dT%H:%M:%SZ")},
    )


def _document_count(client: Any) -> int:
    return sum(1 for collection in client.collections() for _ in collection.select([]).stream())


def test_forged_push_tokens_are_refused_and_write_nothing(auth_stack: LocalStack, signer: PushTokenSigner) -> None:
    from google.cloud import firestore

    client = firestore.Client(project=auth_stack.settings.project)
    url = f"{auth_stack.functions_url}/push/{CONSUMER}"
    pull_all_dead_letters(auth_stack.settings.project, auth_stack.topology, quiet_seconds=0.5)
    before = _document_count(client)
    answers: dict[str, int] = {}
    cases = forged_tokens(signer)
    for case, (authorization, _) in cases.items():
        envelope = _hour_made_available()
        request = wrapped_camel_case(envelope.to_json_bytes(), envelope.attributes(), f"m-{case}", CONSUMER)
        headers = {**request.headers, **({"Authorization": authorization} if authorization is not None else {})}
        answers[case] = requests.post(url, data=request.body, headers=headers, timeout=30).status_code
        # A hostile body too: with a forged token it must not even be parked.
        answers[f"{case} (hostile body)"] = requests.post(url, data=b"\xff", headers=headers, timeout=30).status_code

    expected = {case: status for case, (_, status) in cases.items()}
    expected |= {f"{case} (hostile body)": status for case, (_, status) in cases.items()}
    print(f"\npush auth: {len(answers)} forged requests, answers {sorted(set(answers.values()))}")  # noqa: T201
    assert answers == expected
    assert _document_count(client) == before
    assert pull_all_dead_letters(auth_stack.settings.project, auth_stack.topology, quiet_seconds=1.0) == []

    envelope = _hour_made_available()
    request = wrapped_camel_case(envelope.to_json_bytes(), envelope.attributes(), "m-good", CONSUMER)
    good = {**request.headers, "Authorization": f"Bearer {signer.sign(push_claims())}"}
    response = requests.post(url, data=request.body, headers=good, timeout=30)
    assert response.status_code == 204, response.text
    assert _document_count(client) > before
