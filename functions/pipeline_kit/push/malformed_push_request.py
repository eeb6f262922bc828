"""The error raised for a push request that cannot be understood."""

_PREVIEW_CHARS = 40


class MalformedPushRequest(ValueError):
    """The push request is not a Pub/Sub message in any known form.

    Redelivering it will not help: entrypoints should park or ack it (with a log line), not nack it
    forever. The message says what is wrong and never echoes more than a short preview of the input.
    """


def preview(value: object) -> str:
    """A short, safe description of a JSON value for an error message."""
    if isinstance(value, str):
        shown = value if len(value) <= _PREVIEW_CHARS else value[:_PREVIEW_CHARS] + "…"
        return repr(shown)
    if value is None or isinstance(value, bool | int | float):
        return repr(value)[:_PREVIEW_CHARS]
    return f"a JSON {_json_kind(value)}"


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    return type(value).__name__
