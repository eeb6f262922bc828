"""Reading how long a response may be cached from its Cache-Control header."""

_LONGEST_CACHE_SECONDS = 24 * 3600


def max_age_seconds(cache_control: str | None) -> int | None:
    """The ``max-age`` directive in seconds (capped at a day), or None when absent or invalid."""
    if not cache_control:
        return None
    for directive in cache_control.split(","):
        name, _, value = directive.strip().partition("=")
        if name.strip().lower() != "max-age":
            continue
        value = value.strip().strip('"')
        if value.isascii() and value.isdigit():
            return min(int(value), _LONGEST_CACHE_SECONDS)
        return None
    return None
