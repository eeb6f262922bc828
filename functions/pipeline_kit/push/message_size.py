"""Pub/Sub's message size limit, and the largest push request a message within it can become.

Pub/Sub accepts no message over 10 MB (data and attributes), so a push request carrying more
did not come from Pub/Sub intact: it is refused (413), never parked (a parked copy would have to
be cut). A body over ``MAX_PUSH_BODY_BYTES`` is refused from its ``Content-Length`` before it is
read; that bound covers every push form of a message at the limit (wrapped and CloudEvent bodies
carry the data in base64, a third more, inside JSON). Below it, the data of a parsed request, or
an unparseable body, over ``MAX_MESSAGE_BYTES`` is refused too.
"""

MAX_MESSAGE_BYTES = 10 * 1024 * 1024
"""The data of one message, at most (10 MiB: the larger reading of Pub/Sub's "10 MB", so no
message Pub/Sub accepted is ever refused)."""

MAX_PUSH_BODY_BYTES = 15 * 1024 * 1024
"""A push request body, at most: base64 of ``MAX_MESSAGE_BYTES`` is 14 MiB, plus the JSON around it."""


def too_large_reason(size: int, limit: int, what: str, *, at_least: bool = False) -> str:
    """Why a body or data was refused; ``at_least`` when only its first ``size`` bytes were read."""
    is_ = "is at least" if at_least else "is"
    return (
        f"{what} {is_} {size} bytes, over its limit of {limit} bytes (a Pub/Sub message is at most "
        f"{MAX_MESSAGE_BYTES} bytes): refused, not parked"
    )
