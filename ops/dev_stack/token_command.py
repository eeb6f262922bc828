"""``python -m ops token``: an ID token for the running ``make dev`` stack, for curl users."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ops.dev_stack.dev_stack_record import DevStackRecord, NoDevStack

DEFAULT_UID_OF_ROLE = {"attendee": "alice", "trainer": "trainer", "admin": "admin"}


def mint_for_running_stack(role: str, uid: str, name: str | None, ttl_seconds: int = 3600) -> str:
    """A development-issuer token the running stack accepts; NoDevStack when none runs."""
    from ops.local_stack.demo_users import DEMO_USERS
    from pipeline_kit.auth.dev_token_issuer import DevTokenIssuer

    record = DevStackRecord.read()
    try:
        key = Path(record.dev_issuer_key_file).read_bytes()
    except OSError:
        raise NoDevStack("the running stack's development key is gone: restart `make dev`.") from None
    known = {user.uid: user.display_name for user in DEMO_USERS}
    issuer = DevTokenIssuer(record.firebase_project_id, private_key_pem=key)
    return issuer.mint(uid, role=role, name=name or known.get(uid, uid), ttl_seconds=ttl_seconds)


@click.command()
@click.option("--role", type=click.Choice(sorted(DEFAULT_UID_OF_ROLE)), required=True, help="the custom claim `role`")
@click.option(
    "--uid",
    default=None,
    help=(
        "the user id (`sub`): letters, digits and `_ . @ : + -`, starting with a letter or digit, at most 128"
        " (the API answers a token with another one 401 sub_not_a_user_id); default: the demo user of the role"
    ),
)
@click.option("--name", default=None, help="the display name (`name`); default: the demo user's, else the uid")
@click.option("--ttl", "ttl_seconds", default=3600, show_default=True, help="lifetime in seconds")
def token(role: str, uid: str | None, name: str | None, ttl_seconds: int) -> None:
    """Print an ID token for the running `make dev` stack (development issuer; local only).

    Example: curl -H "Authorization: Bearer $(python -m ops token --role attendee --uid alice)" URL/users/me/balance
    """
    try:
        click.echo(mint_for_running_stack(role, uid or DEFAULT_UID_OF_ROLE[role], name, ttl_seconds))
    except NoDevStack as error:
        click.echo(str(error), err=True)
        sys.exit(2)
