"""What a user id is: the one definition for ids from tokens (``sub``) and from API paths.

A user id names its Firestore documents (``users_accounts/<user id>``), so it must be a
document id Firestore can store. Firestore refuses ids that contain ``/`` (``a/b/c`` would even
address a subcollection), that are solely ``.`` or ``..``, that match ``__.*__`` (reserved, e.g.
``__name__``), that are not valid UTF-8 or that exceed 1,500 bytes. Rather than list what is
refused, the definition says what is allowed, which excludes all of these by construction:

- 1 to 128 characters (Firebase Authentication's own limit for a uid);
- ASCII letters, digits and ``_ . @ : + -`` (Firebase's generated uids are 28 letters and
  digits; custom uids such as ``auth0:42`` or an e-mail address also fit);
- the first character a letter or a digit (so never ``.``, ``..`` or ``__…__``).

``USER_ID_PATTERN`` is the pattern of ``UserId`` in the OpenAPI document (a unit test pins the
two together); it is anchored, and is only ever used with a full match.
"""

from __future__ import annotations

import re

LONGEST_USER_ID = 128
USER_ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.@:+-]{0,127}$"

_USER_ID = re.compile(USER_ID_PATTERN)


def is_user_id(text: str) -> bool:
    """True when ``text`` is a user id (the whole string, a trailing newline included)."""
    return _USER_ID.fullmatch(text) is not None
