"""Hostile push requests against the real functions server (the local stack, auth off as locally).

Documented answers of a push endpoint (``pipeline_kit/routing/outcome.py``, ``main.py``,
``http/push_endpoint.py``): 204 (handled, duplicate, ignored, parked), 503 (retry, park
failed), 401/403 (auth: off here, see test_push_auth_tokens), 404 (no such consumer), 405
(not POST). Never 500. The HTTP server in front (gunicorn) refuses some malformed requests
itself (e.g. a control character in a header value) with its own 400 page before any function
code runs: counted apart as ``server refused``, nothing happens for them. Every 204 answered
to a hostile body is backed by its parked copy: the dead-letter subscriptions hold exactly as
many messages as there were 204 answers, each with an ``error_class``. 413 only for what no
Pub/Sub message can be (over 10 MiB of data, or of unparseable body): refused, never parked.
"""

from __future__ import annotations

from collections import Counter

import pytest
import requests
from hypothesis import HealthCheck, given, settings

from ops.local_stack.stack import LocalStack
from tests.faults.dead_letters import pull_all_dead_letters
from tests.hostile.case_budget import case_budget
from tests.hostile.push_request_strategies import HostilePush, hostile_pushes

pytestmark = pytest.mark.e2e

DOCUMENTED = {204, 401, 403, 404, 405, 503}
CASES = case_budget("HOSTILE_PUSH_CASES", 500)


def test_hostile_push_requests_get_documented_answers_and_every_ack_is_parked(stack: LocalStack) -> None:
    consumers = [consumer.name for consumer in stack.topology.consumers]
    pull_all_dead_letters(stack.settings.project, stack.topology, quiet_seconds=0.5)
    statuses: Counter[int] = Counter()
    session = requests.Session()

    @settings(max_examples=CASES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(hostile_pushes(consumers))
    def post(push: HostilePush) -> None:
        response = session.request(
            push.method, f"{stack.functions_url}/push/{push.consumer}", data=push.body, headers=push.headers, timeout=60
        )
        if response.status_code == 400 and "<title>Bad Request</title>" in response.text:
            statuses[0] += 1  # refused by the HTTP server before the function
            return
        assert response.status_code in DOCUMENTED, (response.status_code, response.text[:300], push)
        statuses[response.status_code] += 1

    post()
    parked = pull_all_dead_letters(stack.settings.project, stack.topology)
    summary = f"{sum(statuses.values())} requests, answers {dict(statuses)} (0 = server refused), parked {len(parked)}"
    print(f"\nhostile push: {summary}")  # noqa: T201 - the figures are the output
    assert sum(statuses.values()) >= CASES
    assert statuses[503] == 0, "parking never failed here: a 503 means a hostile body was not parked"
    assert len(parked) == statuses[204]
    assert all(message.attributes.get("error_class") for message in parked)


def test_an_oversized_body_is_refused_with_413_and_not_parked(stack: LocalStack) -> None:
    pull_all_dead_letters(stack.settings.project, stack.topology, quiet_seconds=0.5)
    consumer = stack.topology.consumers[0].name
    body = b'{"message": {"data": "' + b"A" * (11 * 1024 * 1024) + b'"}}'
    response = requests.post(
        f"{stack.functions_url}/push/{consumer}", data=body, headers={"Content-Type": "application/json"}, timeout=120
    )
    assert response.status_code == 413, response.text[:300]
    assert response.json()["outcome"] == "too_large"
    assert pull_all_dead_letters(stack.settings.project, stack.topology) == []


def test_a_body_parked_cut_to_the_pubsub_limit_says_so(stack: LocalStack) -> None:
    pull_all_dead_letters(stack.settings.project, stack.topology, quiet_seconds=0.5)
    consumer = stack.topology.consumers[0].name
    body = b'{"message": {"data": "' + b"A" * (9 * 1024 * 1024 + 512 * 1024) + b'"}}'  # 9.5 MiB, malformed
    response = requests.post(
        f"{stack.functions_url}/push/{consumer}", data=body, headers={"Content-Type": "application/json"}, timeout=120
    )
    assert response.status_code == 204, response.text[:300]
    parked = pull_all_dead_letters(stack.settings.project, stack.topology)
    assert len(parked) == 1
    assert parked[0].consumer == consumer
    assert parked[0].attributes["error_class"] == "MalformedPushRequest"
    assert len(parked[0].data) == 9 * 1024 * 1024
    assert parked[0].attributes["parked_truncated"] == "true"
    assert parked[0].attributes["original_size"] == str(len(body))
