"""Rules tying the topology (infra/topology.tf) to what Terraform builds from it."""

from __future__ import annotations

import pytest

from tests.infra.parsed_terraform import INFRA_DIR, MODULE_DIR, expression, resources, topology

pytestmark = pytest.mark.unit

FILTER_LIMIT = 256  # bytes, Pub/Sub's limit on a subscription filter


def _redrive_clause(name: str) -> str:
    """Mirror of local.redrive_filter in modules/push_consumer/locals.tf."""
    return f'NOT attributes:redrive_target OR attributes.redrive_target = "{name}"'


def _consumer_filter(name: str, handled: list[str], published: list[str]) -> str:
    """Mirror of local.consumer_filter in pubsub.tf (checked against it by terraform test)."""
    budget = FILTER_LIMIT - len(f"() AND ({_redrive_clause(name)})")
    positive = " OR ".join(f'attributes.event_type = "{t}"' for t in handled)
    negative = " AND ".join(f'NOT attributes.event_type = "{t}"' for t in published if t not in handled)
    if len(positive) <= budget:
        return positive
    return negative if len(negative) <= budget else ""


def _subscription_filter(name: str, event_types_filter: str) -> str:
    """Mirror of local.subscription_filter in modules/push_consumer/locals.tf."""
    redrive = _redrive_clause(name)
    return f"({event_types_filter}) AND ({redrive})" if event_types_filter else redrive


def test_consumers_subscribe_to_existing_topics_for_published_types() -> None:
    topo = topology()
    for name, consumer in topo["consumers"].items():
        assert consumer["topic"] in topo["topics"], name
        published = topo["published_event_types"][consumer["topic"]]
        assert set(consumer["event_types"]) <= set(published), name


@pytest.mark.parametrize("name", sorted(topology()["consumers"]))
def test_every_consumer_gets_a_filter_within_pubsub_limits(name: str) -> None:
    topo = topology()
    consumer = topo["consumers"][name]
    published = topo["published_event_types"][consumer["topic"]]
    built = _consumer_filter(name, consumer["event_types"], published)
    assert 0 < len(_subscription_filter(name, built).encode()) <= FILTER_LIMIT
    if not built:
        return  # no event-type filter fits beside the redrive clause: the consumer acks other types
    # The filter lets through exactly the handled types of the topic: it names each handled
    # type (positive form) or each other type (complement form).
    complement = built.startswith("NOT ")
    for event_type in published:
        mentioned = f'"{event_type}"' in built
        assert mentioned == ((event_type in consumer["event_types"]) != complement), event_type


def test_the_redrive_clause_is_the_one_the_module_adds_and_the_kit_honours() -> None:
    from pipeline_kit.routing.middlewares.redrive_targeting import ATTR_REDRIVE_TARGET
    from tests.infra.parsed_terraform import locals_of

    module_locals = locals_of(MODULE_DIR)
    clause = expression(module_locals["redrive_filter"])
    assert clause == _redrive_clause("${var.name}")
    assert f"attributes:{ATTR_REDRIVE_TARGET} " in clause
    assert "local.redrive_filter" in expression(module_locals["subscription_filter"])
    budget = expression(locals_of(INFRA_DIR)["consumer_filter_budget"])
    assert _redrive_clause("${name}").replace('"', '\\"') in budget


def test_filter_local_is_built_from_event_types() -> None:
    from tests.infra.parsed_terraform import locals_of

    filters = expression(locals_of(INFRA_DIR)["consumer_filters"])
    assert 'attributes.event_type = \\"${t}\\"' in filters
    assert "c.event_types" in filters
    assert "local.published_event_types[c.topic]" in filters


def test_publishing_consumers_are_named_after_their_module() -> None:
    from tests.infra.parsed_terraform import locals_of

    read_models = set(locals_of(INFRA_DIR)["read_model_functions"])
    assert read_models == {"trainer_calendar", "attendee_trainings"}
    topo = topology()
    for consumer in topo["consumers"].values():
        if consumer["function"] in read_models or "publishes" in consumer:
            continue
        module = consumer["function"].split("_")[0]
        assert module in topo["topics"], consumer["function"]


def test_only_the_api_is_public() -> None:
    public = {name for name, f in topology()["http_functions"].items() if f["public"]}
    assert public == {"api"}
    consumer_functions = {c["function"] for c in topology()["consumers"].values()}
    assert not public & consumer_functions


def test_no_allusers_binding_outside_the_public_invoker() -> None:
    everyone = {"allUsers", "allAuthenticatedUsers"}
    for directory in (INFRA_DIR, MODULE_DIR):
        for path in directory.glob("*.tf"):
            text = path.read_text()
            if path.name != "cloud_run.tf":
                assert not any(member in text for member in everyone), path.name
    invokers = resources(INFRA_DIR, "google_cloud_run_v2_service_iam_member")
    public = [name for name, body in invokers.items() if body["member"] in everyone]
    assert public == ["public_invoker"]
    # It only covers services flagged public, and a push-only service is never flagged public.
    assert expression(invokers["public_invoker"]["for_each"]).endswith("if v.public}")
    from tests.infra.parsed_terraform import locals_of

    services = expression(locals_of(INFRA_DIR)["services"])
    assert "public = contains(keys(local.http_functions), f) ? local.http_functions[f].public" in (services)


def test_push_only_services_allow_no_unauthenticated_invocation() -> None:
    service = resources(INFRA_DIR, "google_cloud_run_v2_service")["function"]
    assert service["ingress"] == "INGRESS_TRAFFIC_ALL"
    assert "invoker_iam_disabled" not in service
