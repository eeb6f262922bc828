"""Authentication: OIDC tokens on Pub/Sub push, Firebase ID tokens on the API (locally also the
development issuer's and the Authentication emulator's).

The package exports nothing: import each name from the module that defines it, so a push
consumer with auth disabled never loads the JWT code and no service loads a verifier it does not
use (``cryptography``, ``requests`` and PyJWT load on first use).
"""
