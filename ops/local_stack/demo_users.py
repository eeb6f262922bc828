"""The demo users of local sign-in, seeded into the Authentication emulator.

One source: the stack seeds these accounts (custom claim ``role``, display name, fixed uid) and
hands the same list to the API (``WEB_DEMO_USERS``), whose sign-in page offers them while the
emulator is configured. Never used on Cloud Run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ops.local_stack.auth_emulator import RunningAuthEmulator
from ops.local_stack.auth_emulator_accounts import create_account, set_custom_claims

DEMO_PASSWORD = "wild-workouts-demo"  # noqa: S105 - the emulator's demo accounts, shown on the local sign-in page


@dataclass(frozen=True)
class DemoUser:
    uid: str
    email: str
    display_name: str
    role: str
    password: str = DEMO_PASSWORD

    def as_json(self) -> dict[str, str]:
        """The shape of ``demoUsers`` in /app/config.json."""
        return {
            "email": self.email,
            "password": self.password,
            "displayName": self.display_name,
            "role": self.role,
            "uid": self.uid,
        }


DEMO_USERS = (
    DemoUser("trainer", "trainer@wild-workouts.test", "Tom Trainer", "trainer"),
    DemoUser("alice", "alice@wild-workouts.test", "Alice Attendee", "attendee"),
    DemoUser("bob", "bob@wild-workouts.test", "Bob Attendee", "attendee"),
    DemoUser("admin", "admin@wild-workouts.test", "Ada Admin", "admin"),
)


def demo_user(uid: str) -> DemoUser:
    return next(user for user in DEMO_USERS if user.uid == uid)


def demo_users_json() -> str:
    """``WEB_DEMO_USERS`` for the API process."""
    return json.dumps([user.as_json() for user in DEMO_USERS])


def seed_demo_users(emulator: RunningAuthEmulator) -> None:
    """Create every demo account with its role claim (on a fresh emulator: it keeps no data)."""
    for user in DEMO_USERS:
        create_account(
            emulator.url,
            emulator.project,
            uid=user.uid,
            email=user.email,
            password=user.password,
            display_name=user.display_name,
        )
        set_custom_claims(emulator.url, emulator.project, user.uid, {"role": user.role})
