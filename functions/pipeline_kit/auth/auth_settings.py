"""The auth settings a process was started with, as typed values.

The application reads its environment once (``wild_workouts.settings``; a smaller app may pass
the process environment to ``PushAuthSettings.from_environ``) and hands these to the kit's
factories; a value here is already validated as text (flags are booleans, lists are tuples with
blanks dropped).
What a combination of settings means, and which combinations are refused, is decided by the
factories that take them.

Typed named tuples rather than frozen dataclasses: as immutable and as typed, and several times
cheaper to define (the composition root imports this module at ``main.py``'s import: cold start).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

ALLOWED_EMAILS = "PUSH_AUTH_ALLOWED_EMAILS"


def allowed_emails_variable(scope: str) -> str:
    """The variable holding the callers of one ``scope`` of a service that serves several (the
    monolith: each push consumer, each scheduler trigger): ``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``,
    the scope's name upper-cased with ``-`` as ``_`` (``trainer-calendar`` →
    ``PUSH_AUTH_ALLOWED_EMAILS_TRAINER_CALENDAR``, ``outbox_sweeper`` → ``..._OUTBOX_SWEEPER``)."""
    return f"{ALLOWED_EMAILS}_{scope_key(scope)}"


def scope_key(scope: str) -> str:
    """``scope`` as it appears in a variable name (upper case, ``-`` as ``_``)."""
    return scope.upper().replace("-", "_")


class LocalProcess(NamedTuple):
    """What proves a process local (see ``local_process_proof``): the first Google serverless
    runtime variable that is set (None: none is), and the emulator hosts of every backend."""

    google_runtime_variable: str | None = None
    firestore_emulator_host: str = ""
    pubsub_emulator_host: str = ""

    def backend_hosts(self) -> tuple[tuple[str, str], ...]:
        """(variable, host) of each backend the process writes to; host "" when unset."""
        return (
            ("FIRESTORE_EMULATOR_HOST", self.firestore_emulator_host),
            ("PUBSUB_EMULATOR_HOST", self.pubsub_emulator_host),
        )


class PushAuthSettings(NamedTuple):
    """Who may call a push consumer or a scheduler trigger.

    ``audiences``: accepted ``aud`` values (``PUSH_AUTH_AUDIENCE``). ``allowed_emails``: the
    callers of a scope without a list of its own (``PUSH_AUTH_ALLOWED_EMAILS``).
    ``allowed_emails_by_scope``: by ``scope_key(scope)``, one entry per
    ``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>`` variable that is **present** (an empty list included:
    presence decides). ``disabled``: ``PUSH_AUTH_DISABLED`` (local emulator only).
    ``on_cloud_run``: ``K_SERVICE`` is set.
    """

    disabled: bool = False
    audiences: tuple[str, ...] = ()
    allowed_emails: tuple[str, ...] = ()
    allowed_emails_by_scope: Mapping[str, tuple[str, ...]] = MappingProxyType({})
    on_cloud_run: bool = False

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> PushAuthSettings:
        """The settings ``environ`` (the process environment, passed in) names, for an app without
        a settings module of its own: ``PUSH_AUTH_DISABLED`` (``true`` or ``false``, any case; blank is
        false; anything else raises ``ValueError`` naming it), ``PUSH_AUTH_AUDIENCE`` and
        ``PUSH_AUTH_ALLOWED_EMAILS`` (comma-separated, blanks dropped), each present
        ``PUSH_AUTH_ALLOWED_EMAILS_<SCOPE>``, and ``K_SERVICE`` (set and not blank: on Cloud Run).
        """
        disabled = environ.get("PUSH_AUTH_DISABLED", "").strip().lower()
        if disabled not in ("", "true", "false"):
            raise ValueError(f"PUSH_AUTH_DISABLED must be 'true' or 'false', got {disabled[:20]!r}")
        return cls(
            disabled=disabled == "true",
            audiences=_listed(environ, "PUSH_AUTH_AUDIENCE"),
            allowed_emails=_listed(environ, ALLOWED_EMAILS),
            allowed_emails_by_scope=MappingProxyType(
                {
                    name.removeprefix(f"{ALLOWED_EMAILS}_"): _listed(environ, name)
                    for name in environ
                    if name.startswith(f"{ALLOWED_EMAILS}_")
                }
            ),
            on_cloud_run=bool(environ.get("K_SERVICE", "").strip()),
        )

    def callers_of(self, scope: str | None) -> tuple[str, tuple[str, ...]]:
        """(the variable that decides, its emails) for ``scope`` (None: the service's only one)."""
        if scope is not None and scope_key(scope) in self.allowed_emails_by_scope:
            return allowed_emails_variable(scope), self.allowed_emails_by_scope[scope_key(scope)]
        return ALLOWED_EMAILS, self.allowed_emails


def _listed(environ: Mapping[str, str], name: str) -> tuple[str, ...]:
    """A comma-separated list, blanks dropped."""
    return tuple(item.strip() for item in environ.get(name, "").split(",") if item.strip())


class ApiAuthSettings(NamedTuple):
    """How the HTTP API checks its callers' ID tokens.

    ``project_id``: the token audience (``FIREBASE_PROJECT_ID``, else ``GOOGLE_CLOUD_PROJECT``;
    "" when neither). ``dev_issuer`` / ``dev_private_key_file``: trust the development issuer
    (``API_AUTH_DEV_ISSUER``, ``API_AUTH_DEV_PRIVATE_KEY_FILE``; the file is read when the
    verifier is built). ``auth_emulator_host``: trust the Authentication emulator's unsigned
    tokens (``FIREBASE_AUTH_EMULATOR_HOST``). ``local``: the proof either local switch needs.
    """

    project_id: str = ""
    dev_issuer: bool = False
    dev_private_key_file: Path | None = None
    auth_emulator_host: str = ""
    local: LocalProcess = LocalProcess()
