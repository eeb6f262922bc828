"""The HTTP ``Prefer`` request header (RFC 7240) and its ``wait`` preference.

Grammar (RFC 7240 section 2)::

    Prefer     = 1#preference
    preference = token [ BWS "=" BWS word ] *( OWS ";" [ OWS parameter ] )
    parameter  = token [ BWS "=" BWS word ]
    word       = token / quoted-string

Contract of :func:`preferences`: preference names are case-insensitive (returned lower-case);
a value may be a token or a quoted string (unquoted, ``\\`` escapes resolved); parameters
after ``;`` are skipped; when a preference appears more than once only the first counts; a
malformed element is skipped, never an error (a server ignores preferences it cannot honour).

Contract of :func:`wait_preference`: the ``wait`` value is ``delta-seconds`` (``1*DIGIT``);
anything else (absent, empty, negative, fractional, not a number) is ``None``, meaning no
wait. The value is not capped here: the service applies its own maximum.
"""

from __future__ import annotations

import re

PREFER_HEADER = "Prefer"
PREFERENCE_APPLIED_HEADER = "Preference-Applied"

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_DELTA_SECONDS = re.compile(r"[0-9]+")
_MAX_DIGITS = 9
"""Longer ``wait`` values are read as 999999999 seconds (any service cap is smaller)."""


def preferences(header: str | None) -> dict[str, str | None]:
    """``name -> value`` (None when given without ``=``) of every well-formed preference."""
    found: dict[str, str | None] = {}
    if not header:
        return found
    for element in _split_outside_quotes(header, ","):
        first = _split_outside_quotes(element, ";")[0].strip()
        if not first:
            continue
        name, separator, raw_value = first.partition("=")
        name = name.strip()
        if not _TOKEN.fullmatch(name):
            continue
        value = _word(raw_value.strip()) if separator else None
        if separator and value is None:
            continue
        found.setdefault(name.lower(), value)
    return found


def wait_preference(header: str | None) -> int | None:
    """The ``wait`` preference in whole seconds, or None when absent or not delta-seconds."""
    value = preferences(header).get("wait")
    if value is None or not _DELTA_SECONDS.fullmatch(value):
        return None
    if len(value.lstrip("0")) > _MAX_DIGITS:
        return int("9" * _MAX_DIGITS)
    return int(value)


def _word(text: str) -> str | None:
    """A token as is, a quoted string unquoted; None if it is neither."""
    if _TOKEN.fullmatch(text):
        return text
    if len(text) >= 2 and text[0] == text[-1] == '"':
        inner, result, escaped = text[1:-1], [], False
        for character in inner:
            if escaped:
                result.append(character)
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                return None
            else:
                result.append(character)
        return None if escaped else "".join(result)
    return None


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = escaped = False
    for character in text:
        if escaped:
            escaped = False
        elif quoted and character == "\\":
            escaped = True
        elif character == '"':
            quoted = not quoted
        elif character == separator and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(character)
    parts.append("".join(current))
    return parts
