"""Training ids in paths are document ids too (``trainings/<id>``): ``__x__`` and ``__name__``
matched the old ``TrainingId`` pattern and answered 500 on Firestore; an id must now start with a
letter or a digit (the API's own ids are UUIDs), else 400 before any read."""

from __future__ import annotations

import pytest

from tests.unit.api.api_world import InMemoryWorld
from tests.unit.api.checked_client import CheckedClient

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("training_id", ["__x__", "__name__", "____", "__id1__", "_x", "-x", "x" * 65, "x%0A"])
@pytest.mark.parametrize(
    ("method", "suffix"), [("GET", ""), ("POST", "/cancel"), ("POST", "/reschedule-proposals/approve")]
)
def test_a_training_id_firestore_cannot_store_is_400(
    client: CheckedClient, world: InMemoryWorld, training_id: str, method: str, suffix: str
) -> None:
    world.failure = AssertionError("no read or command may run for such an id")
    response = client.call(method, f"/trainings/{training_id}{suffix}", world.token("t1", "trainer"))
    assert response.status_code == 400, response.get_data()
    assert response.json["code"] == "invalid_request"
    assert "path parameter 'training_id'" in response.json["message"]


def test_a_uuid_is_a_training_id(client: CheckedClient, world: InMemoryWorld) -> None:
    response = client.call("GET", "/trainings/0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b", world.token("t1", "trainer"))
    assert (response.status_code, response.json["code"]) == (404, "training_not_found")
