"""The registry of event payload types, and the upcasters that bring old versions up to date.

Payload types carry ``event_type`` and ``version`` class variables and an ``aggregate_id``
property. They are either frozen dataclasses — validated strictly (types, no extra fields) by
the kit's ``DataclassCodec``, so the domain depends on nothing and a cold start loads no
validation library — or pydantic models (validated by pydantic, imported only then).

Decoding contract (all errors are permanent: the message can never be handled):
- unknown ``type``                   -> ``UnknownEventType``
- version newer than the registered one, or an older one with no upcaster path
                                      -> ``UnsupportedEventVersion``
- payload that does not validate     -> ``InvalidEventPayload``

Contract modules can be registered lazily (``register_module``): their payload types load on
the first lookup that misses, modules already imported first, one module at a time until the
name is found. A consumer that handles only trainer events never loads the other modules'
contracts (cold start); an unknown name loads them all before it is declared unknown.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from pipeline_kit.events.dataclass_codec import DataclassCodec
from pipeline_kit.events.event_envelope import EventEnvelope


@runtime_checkable
class EventPayload(Protocol):
    """What the registry needs from a payload type."""

    event_type: ClassVar[str]
    version: ClassVar[int]

    @property
    def aggregate_id(self) -> str: ...


Upcaster = Callable[[Mapping[str, Any]], Mapping[str, Any]]
P = TypeVar("P")


class UnknownEventType(ValueError):
    pass


class UnsupportedEventVersion(ValueError):
    pass


class InvalidEventPayload(ValueError):
    pass


@dataclass(frozen=True)
class _Registration:
    payload_type: type[Any]
    version: int


class EventRegistry:
    """Event type name -> current payload type and upcasters from older versions."""

    def __init__(self, payload_types: Iterable[type[Any]] = ()) -> None:
        self._registrations: dict[str, _Registration] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        self._adapters: dict[type[Any], Any] = {}
        self._type_names: dict[type[Any], str] = {}
        self._known: frozenset[str] | None = None
        self._pending_modules: list[str] = []
        self._loading = threading.Lock()
        for payload_type in payload_types:
            self.register(payload_type)

    def register(self, payload_type: type[Any]) -> None:
        name = payload_type.event_type
        if name in self._registrations:
            raise ValueError(f"event type {name} is registered twice")
        self._add(name, payload_type)

    def register_module(self, module_name: str) -> None:
        """Register every payload type defined in module ``module_name`` (a class with a string
        ``event_type``), importing the module only when a lookup first needs it."""
        with self._loading:
            self._pending_modules.append(module_name)

    def _add(self, name: str, payload_type: type[Any]) -> None:
        self._registrations[name] = _Registration(payload_type, int(payload_type.version))
        self._known = None
        self._type_names[payload_type] = name

    def register_upcaster(self, event_type: str, from_version: int, upcaster: Upcaster) -> None:
        """``upcaster`` turns a payload of ``from_version`` into one of ``from_version + 1``."""
        self._upcasters[(event_type, from_version)] = upcaster

    def has_upcaster(self, event_type: str, from_version: int) -> bool:
        """Whether an upcaster from ``from_version`` to the next is registered for ``event_type``."""
        return (event_type, from_version) in self._upcasters

    def event_types(self) -> frozenset[str]:
        """Every registered name (loads every lazily registered module)."""
        self._load_until(lambda: False)
        return self._known if self._known is not None else self._refresh_known()

    def is_known(self, event_type: str) -> bool:
        return event_type in self._registrations or self._load_until(lambda: event_type in self._registrations)

    def _refresh_known(self) -> frozenset[str]:
        self._known = frozenset(self._registrations)
        return self._known

    def payload_type(self, event_type: str) -> type[Any]:
        if not self.is_known(event_type):
            raise UnknownEventType(f"unknown event type {event_type!r}")
        return self._registrations[event_type].payload_type

    def decode(self, envelope: EventEnvelope) -> Any:
        """The envelope's payload as an instance of the current payload type (upcast if needed)."""
        registration = self._registrations.get(envelope.type)
        if registration is None and self.is_known(envelope.type):
            registration = self._registrations[envelope.type]
        if registration is None:
            raise UnknownEventType(f"unknown event type {envelope.type!r}")
        payload: Mapping[str, Any] = envelope.payload
        version = envelope.version
        if version > registration.version:
            raise UnsupportedEventVersion(
                f"{envelope.type} version {version} is newer than the supported version {registration.version}"
            )
        while version < registration.version:
            upcaster = self._upcasters.get((envelope.type, version))
            if upcaster is None:
                raise UnsupportedEventVersion(
                    f"{envelope.type} version {version} has no upcaster to version {version + 1}"
                )
            payload = upcaster(payload)
            version += 1
        try:
            return self._codec(registration.payload_type).decode(dict(payload))
        except Exception as error:  # PayloadInvalid, or pydantic.ValidationError for pydantic models
            raise InvalidEventPayload(f"invalid {envelope.type} payload: {_short(error)}") from None

    def encode_payload(self, payload: Any) -> tuple[str, int, dict[str, Any]]:
        """(type, version, JSON-ready dict) for a registered payload instance."""
        payload_type = type(payload)
        name = self._type_names.get(payload_type)
        if name is None and self._load_until(lambda: payload_type in self._type_names):
            name = self._type_names[payload_type]
        if name is None:
            raise UnknownEventType(f"{payload_type.__name__} is not a registered event payload")
        document = self._codec(payload_type).encode(payload)
        return name, self._registrations[name].version, document

    def _load_until(self, found: Callable[[], bool]) -> bool:
        """Load pending modules (already imported ones first) until ``found()``; its last value."""
        if not self._pending_modules:
            return found()
        with self._loading:
            while not found():
                if not self._pending_modules:
                    return False
                imported = [name for name in self._pending_modules if name in sys.modules]
                module_name = (imported or self._pending_modules)[0]
                for payload_type in payload_types_of(importlib.import_module(module_name)):
                    if payload_type not in self._type_names:  # not registered eagerly already
                        self.register(payload_type)
                self._pending_modules.remove(module_name)
            return True

    def _codec(self, payload_type: type[Any]) -> Any:
        codec = self._adapters.get(payload_type)
        if codec is None:
            codec = (
                _PydanticCodec(payload_type)
                if hasattr(payload_type, "model_validate")
                else DataclassCodec(payload_type)
            )
            self._adapters[payload_type] = codec
        return codec


def payload_types_of(module: ModuleType) -> list[type[Any]]:
    """The payload types a contracts module defines: its classes with a string ``event_type``."""
    return [
        value
        for value in vars(module).values()
        if isinstance(value, type)
        and isinstance(getattr(value, "event_type", None), str)
        and value.__module__ == module.__name__
    ]


class _PydanticCodec:
    """A pydantic model as a payload type (pydantic is imported only by users who choose it)."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def decode(self, document: dict[str, Any]) -> Any:
        return self._model.model_validate(document)

    def encode(self, payload: Any) -> dict[str, Any]:
        return dict(payload.model_dump(mode="json"))


def _short(error: Exception) -> str:
    text = str(error).replace("\n", "; ")
    return text if len(text) <= 500 else text[:497] + "..."
