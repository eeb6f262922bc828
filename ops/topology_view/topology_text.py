"""The topology as an indented text listing: topic → push subscription → function → dead letters."""

from __future__ import annotations

from ops.local_stack.topology import Consumer, Topology


def topology_text(topology: Topology) -> str:
    lines = []
    for module, topic in topology.topics.items():
        published = ", ".join(topology.published_event_types.get(module, ()))
        lines.append(f"topic {topic}  (module {module} publishes: {published})")
        for consumer in consumers_of(topology, topic):
            lines.extend(_consumer_lines(consumer))
    lines.append("http functions: " + ", ".join(f"{n} ({'public' if p else 'private'})" for n, p in _http(topology)))
    return "\n".join(lines)


def consumers_of(topology: Topology, topic: str) -> list[Consumer]:
    return [consumer for consumer in topology.consumers if consumer.topic == topic]


def _consumer_lines(consumer: Consumer) -> list[str]:
    delivery = consumer.delivery
    settings = (
        f"{'ordered; ' if consumer.ordering else ''}{delivery.max_delivery_attempts} attempts; "
        f"backoff {delivery.minimum_backoff_seconds:g}s–{delivery.maximum_backoff_seconds:g}s; "
        f"ack deadline {delivery.ack_deadline_seconds}s"
    )
    return [
        f"  └─ push subscription {consumer.name} → function {consumer.function}",
        f"       event types: {', '.join(consumer.event_types)}",
        f"       {settings}",
        f"       dead letters → topic {consumer.dead_letter_topic}"
        f" → pull subscription {consumer.dead_letter_subscription}",
    ]


def _http(topology: Topology) -> list[tuple[str, bool]]:
    return sorted(topology.http_functions.items())
