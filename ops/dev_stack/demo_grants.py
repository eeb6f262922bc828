"""At ``make dev`` start: the admin grants the demo attendees some trainings, through the API.

Signed in as the demo admin through the Authentication emulator, as the web app would, so the
first thing a newcomer sees is a working sign-in and a balance to book with.
"""

from __future__ import annotations

from ops.demo.api_client import ApiClient
from ops.local_stack.auth_emulator_accounts import sign_in_with_password
from ops.local_stack.demo_users import DEMO_USERS, demo_user
from ops.local_stack.stack import LocalStack

TRAININGS_PER_ATTENDEE = 5


class GrantFailed(RuntimeError):
    """The API refused a demo grant; the message has its answer."""


def grant_demo_trainings(stack: LocalStack, amount: int = TRAININGS_PER_ATTENDEE) -> dict[str, int]:
    """uid → trainings granted, for every demo attendee. Needs the stack's auth emulator."""
    assert stack.auth_emulator is not None, "the demo grants sign in through the auth emulator"
    admin = demo_user("admin")
    token = sign_in_with_password(stack.auth_emulator.url, admin.email, admin.password)
    client = ApiClient(stack.functions_url, token)
    granted: dict[str, int] = {}
    for user in DEMO_USERS:
        if user.role != "attendee":
            continue
        answer = client.call("POST", f"/users/{user.uid}/grants", json={"amount": amount})
        if answer.status >= 300:
            raise GrantFailed(f"granting {user.uid} {amount} trainings answered {answer.status}: {answer.body}")
        granted[user.uid] = amount
    return granted
