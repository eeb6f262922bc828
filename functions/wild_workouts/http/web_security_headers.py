"""The security headers of the web app's answers.

HTML pages get a Content-Security-Policy that allows only the app's own origin: no inline
scripts or styles, no framing, no plugins; ``connect-src`` adds exactly the sign-in origins
(the Authentication emulator locally, Google's identitytoolkit / securetoken endpoints in
production). ``data:`` images are allowed for icons the bundled stylesheets embed.
"""

from __future__ import annotations

from collections.abc import Iterable

EVERY_ANSWER = {"X-Content-Type-Options": "nosniff"}
"""On every static answer (and config.json): the browser must not guess a content type."""


def content_security_policy(sign_in_origins: Iterable[str]) -> str:
    connect = " ".join(["'self'", *sign_in_origins])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src {connect}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def html_headers(sign_in_origins: Iterable[str]) -> dict[str, str]:
    """The headers of an HTML page (the SPA's index.html, the API docs page)."""
    return {
        **EVERY_ANSWER,
        "Content-Security-Policy": content_security_policy(sign_in_origins),
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
