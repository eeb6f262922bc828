"""Push OIDC authentication through the real server: rejected callers change nothing."""

from __future__ import annotations

import time
import uuid

import pytest
import requests

from tests.e2e.kit.counter_app.counter_events import CounterIncremented
from tests.e2e.kit.counter_app_process import CounterAppProcess
from tests.e2e.kit.counter_pipeline import CounterPipeline
from tests.e2e.kit.push_bodies import wrapped_camel_case
from tests.e2e.kit.push_tokens import PushTokenSigner, alg_none_token, hs256_token, push_claims

pytestmark = pytest.mark.e2e


def rejected_tokens(signer: PushTokenSigner) -> dict[str, tuple[str | None, int]]:
    """Authorization header value → the status the app must answer."""
    attacker = PushTokenSigner.generate(kid=signer.kid)
    now = int(time.time())
    return {
        "no header": (None, 401),
        "not bearer": (f"Basic {signer.sign(push_claims())}", 401),
        "bad signature": (f"Bearer {attacker.sign(push_claims())}", 401),
        "wrong audience": (f"Bearer {signer.sign(push_claims(aud='https://elsewhere.example/push'))}", 401),
        "wrong issuer": (f"Bearer {signer.sign(push_claims(iss='https://evil.example'))}", 401),
        "expired": (f"Bearer {signer.sign(push_claims(iat=now - 7200, exp=now - 3600))}", 401),
        "alg none": (f"Bearer {alg_none_token(push_claims())}", 401),
        "HS256 with the public key": (f"Bearer {hs256_token(push_claims(), signer.public_pem.encode())}", 401),
        "wrong email": (f"Bearer {signer.sign(push_claims(email='someone@evil.example'))}", 403),
        "email not verified": (f"Bearer {signer.sign(push_claims(email_verified=False))}", 403),
    }


def test_bad_callers_are_rejected_without_any_write_and_a_good_token_is_applied(
    pipeline: CounterPipeline, authenticating_app: CounterAppProcess, push_signer: PushTokenSigner
) -> None:
    subscription = pipeline.subscription_path(f"{pipeline.names.consumer}-push")
    answers = {}
    events = {}
    for case, (authorization, _) in rejected_tokens(push_signer).items():
        counter_id = f"counter-{uuid.uuid4().hex[:8]}"
        # transient_failures=1: a handler that ran would leave an attempts document behind
        envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=1, transient_failures=1))
        request = wrapped_camel_case(envelope.to_json_bytes(), envelope.attributes(), f"m-{counter_id}", subscription)
        headers = {**request.headers, **({"Authorization": authorization} if authorization else {})}
        response = requests.post(authenticating_app.push_url, data=request.body, headers=headers, timeout=30)
        answers[case] = response.status_code
        events[case] = (counter_id, envelope.event_id)

    assert answers == {case: status for case, (_, status) in rejected_tokens(push_signer).items()}
    for case, (counter_id, event_id) in events.items():
        assert pipeline.counter(counter_id) is None, case
        assert pipeline.attempts(event_id) == 0, case
        assert not pipeline.processed_marker_exists(event_id), case
        assert pipeline.outbox_caused_by(event_id) == [], case
    assert pipeline.pull_dead_letters(wanted=1, timeout=1) == []

    counter_id = f"counter-{uuid.uuid4().hex[:8]}"
    envelope = pipeline.envelope(CounterIncremented(counter_id=counter_id, amount=9))
    request = wrapped_camel_case(envelope.to_json_bytes(), envelope.attributes(), f"m-{counter_id}", subscription)
    good = {**request.headers, "Authorization": f"Bearer {push_signer.sign(push_claims())}"}
    response = requests.post(authenticating_app.push_url, data=request.body, headers=good, timeout=30)
    assert response.status_code == 204, response.text
    assert pipeline.counter(counter_id) == 9
    assert pipeline.processed_marker_exists(envelope.event_id)
