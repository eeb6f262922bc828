"""The event topology, read from the Terraform definitions (``infra/topology.tf``).

One source of truth: Terraform provisions the real topics and push subscriptions from
these locals, and the local stack creates the same ones in the emulator from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
TOPOLOGY_FILE = REPO_ROOT / "infra" / "topology.tf"


@dataclass(frozen=True)
class DeliverySettings:
    ack_deadline_seconds: int
    minimum_backoff_seconds: float
    maximum_backoff_seconds: float
    max_delivery_attempts: int


@dataclass(frozen=True)
class Consumer:
    name: str
    function: str
    topic: str  # the topic's name (not the module key)
    event_types: tuple[str, ...]
    ordering: bool
    delivery: DeliverySettings

    @property
    def dead_letter_topic(self) -> str:
        return f"{self.name}-dead-letter"

    @property
    def dead_letter_subscription(self) -> str:
        return f"{self.name}-dead-letter-sub"

    @property
    def filter_expression(self) -> str:
        return " OR ".join(f'attributes.event_type = "{t}"' for t in self.event_types)


@dataclass(frozen=True)
class Topology:
    topics: dict[str, str]  # module -> topic name
    published_event_types: dict[str, tuple[str, ...]]  # module -> event types
    consumers: tuple[Consumer, ...]
    http_functions: dict[str, bool]  # function -> public

    def topic_of_event(self, event_type: str) -> str:
        for module, types in self.published_event_types.items():
            if event_type in types:
                return self.topics[module]
        raise KeyError(f"no module publishes {event_type}")


def load_topology(path: Path = TOPOLOGY_FILE) -> Topology:
    import hcl2
    from hcl2.utils import SerializationOptions

    with path.open() as handle:
        parsed = hcl2.load(handle, serialization_options=SerializationOptions(strip_string_quotes=True))
    merged: dict[str, Any] = {}
    for block in parsed.get("locals", []):
        merged.update(block)
    return _topology_from_locals(merged)


def _topology_from_locals(values: dict[str, Any]) -> Topology:
    topics = {str(k): str(v) for k, v in values["topics"].items()}
    published = {str(k): tuple(str(t) for t in v) for k, v in values["published_event_types"].items()}
    defaults = dict(values["delivery_defaults"])
    consumers = []
    for name, spec in values["consumers"].items():
        settings = {**defaults, **{k: v for k, v in spec.items() if k in defaults}}
        consumers.append(
            Consumer(
                name=str(name),
                function=str(spec["function"]),
                topic=topics[str(spec["topic"])],
                event_types=tuple(str(t) for t in spec["event_types"]),
                ordering=_as_bool(spec.get("ordering", False)),
                delivery=DeliverySettings(
                    ack_deadline_seconds=int(settings["ack_deadline_seconds"]),
                    minimum_backoff_seconds=_seconds(settings["minimum_backoff"]),
                    maximum_backoff_seconds=_seconds(settings["maximum_backoff"]),
                    max_delivery_attempts=int(settings["max_delivery_attempts"]),
                ),
            )
        )
    http = {str(k): _as_bool(v.get("public", False)) for k, v in values["http_functions"].items()}
    return Topology(
        topics=topics,
        published_event_types=published,
        consumers=tuple(consumers),
        http_functions=http,
    )


def _as_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).lower() == "true"


def _seconds(value: object) -> float:
    text = str(value)
    if not text.endswith("s"):
        raise ValueError(f"duration must be like '10s', got {text!r}")
    return float(text[:-1])
