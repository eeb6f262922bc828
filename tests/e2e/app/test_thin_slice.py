"""HTTP in, Firestore out, through real Pub/Sub push: a trainer opens hours, the calendar shows them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ops.demo.api_client import ApiClient
from ops.demo.dev_tokens import mint
from ops.demo.journey import journey
from ops.demo.scenario import demo_hours, iso
from ops.demo.waiting import wait_for
from ops.local_stack.stack import LocalStack
from wild_workouts.trainer.adapters.firestore_calendar_read_model import availability_of_document
from wild_workouts.trainer.domain.availability import Availability

pytestmark = pytest.mark.e2e


def test_hour_made_available_travels_to_the_calendar_read_model(stack: LocalStack) -> None:
    from google.cloud import firestore

    client = firestore.Client(project=stack.settings.project)
    trainer = ApiClient(stack.functions_url, mint("trainer-e2e", "trainer", "Trainer E2E"))
    hours = demo_hours(datetime.now(UTC), 2)

    response = trainer.call("PUT", "/trainer/hours/available", {"hours": [iso(h) for h in hours]})
    assert response.status == 204, response.body

    def calendar_entries() -> list[dict[str, object]] | None:
        docs = [client.collection("trainer_calendar").document(iso(h)).get() for h in hours]
        if all(d.exists and availability_of_document(d.to_dict() or {}) is Availability.AVAILABLE for d in docs):
            return [d.to_dict() or {} for d in docs]
        return None

    assert wait_for(calendar_entries, timeout=30) is not None
    hops = journey(client, response.correlation_id)
    kinds = [(hop.kind, hop.event_type) for hop in hops]
    assert kinds.count(("outbox", "HourMadeAvailable")) == 2
    assert kinds.count(("published", "HourMadeAvailable")) == 2
    processed = [hop for hop in hops if hop.kind == "processed"]
    assert {hop.detail for hop in processed} == {"applied by trainer-calendar"}
    assert len(processed) == 2


def test_calendar_query_answers_through_the_api(stack: LocalStack) -> None:
    trainer = ApiClient(stack.functions_url, mint("trainer-e2e", "trainer", "Trainer E2E"))
    hours = demo_hours(datetime.now(UTC), 1)
    assert trainer.call("PUT", "/trainer/hours/available", {"hours": [iso(hours[0])]}).status == 204
    day = hours[0].date().isoformat()

    def shows_available() -> bool:
        answer = trainer.call("GET", f"/trainer/calendar?date_from={day}&date_to={day}")
        return answer.status == 200 and iso(hours[0]) in str(answer.body) and "available" in str(answer.body)

    assert wait_for(shows_available, timeout=30)
