"""Hypothesis strategies for the values that once made the API answer 500, or store what
Firestore cannot: each class found by hand in a review, generated here so it stays closed.

- ``extreme_times``: RFC 3339 times on the first or last days ``datetime`` knows (years 1 and
  9999) with any offset, so the UTC instant may fall outside what can be represented;
- ``extreme_date_ranges``: ``date_from``/``date_to`` pairs near 0001-01-01 and 9999-12-31;
- ``deep_json``: bodies nesting arrays and objects far deeper than any documented body (up to
  depths that made ``json.loads`` raise ``RecursionError``), closed or not;
- ``surrogate_texts``: strings holding a lone UTF-16 surrogate (valid JSON escapes, not text);
- ``trigger_numbers``: what a scheduler trigger's query parameter might be sent (``nan``,
  ``inf``, ``-1``, exponents, huge or odd numbers, any text);
- ``unstorable_ids``: what Firestore cannot store as a document id (``__x__``, ``.``,
  ``..``, ``/``, over 1500 bytes...), and ``hostile_ids``: those and other odd strings, for
  the ids in paths (users, trainings) and token subjects.

``firestore_can_store`` is the oracle: Firestore's documented document-id constraints, written
out independently of the API's own definition of a user id (which is stricter).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta

from hypothesis import strategies as st

_FIRST_DAYS = (datetime(1, 1, 1), datetime(1, 1, 3, 23, 59, 59))
_LAST_DAYS = (datetime(9999, 12, 29), datetime(9999, 12, 31, 23, 59, 59))


def firestore_can_store(document_id: str) -> bool:
    """Firestore's constraints on a document id: valid UTF-8, at most 1500 bytes, no ``/``, not
    solely ``.`` or ``..``, not matching ``__.*__``."""
    try:
        size = len(document_id.encode("utf-8"))
    except UnicodeEncodeError:
        return False
    return (
        0 < size <= 1500
        and "/" not in document_id
        and document_id not in {".", ".."}
        and re.fullmatch(r"__.*__", document_id, re.DOTALL) is None
    )


def outside_the_api_calendar(time: str) -> bool:
    """Whether the RFC 3339 ``time`` falls, in UTC, outside 0001-01-02..9999-12-30 (the documented
    range of the API's times), including when its UTC instant cannot even be represented."""
    try:
        utc_day = datetime.fromisoformat(time).astimezone(UTC).date()
    except OverflowError:
        return True
    return not date(1, 1, 2) <= utc_day <= date(9999, 12, 30)


def _rfc3339(moment: datetime, offset_minutes: int, fraction: bool) -> str:
    text = moment.isoformat(timespec="seconds")
    if fraction:
        text += ".5"
    if offset_minutes == 0:
        return text + "Z"
    sign = "+" if offset_minutes > 0 else "-"
    hours, minutes = divmod(abs(offset_minutes), 60)
    return f"{text}{sign}{hours:02d}:{minutes:02d}"


_near_an_end = st.one_of(st.datetimes(*_FIRST_DAYS), st.datetimes(*_LAST_DAYS)).map(
    lambda moment: moment.replace(microsecond=0)
)
extreme_times = st.builds(
    _rfc3339,
    _near_an_end,
    st.one_of(st.just(0), st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1)),
    st.booleans(),
)


def _two_days_on(day: date) -> date:
    return day + timedelta(days=2) if day < date.max - timedelta(days=2) else date.max


_extreme_days = st.one_of(
    st.dates(date(1, 1, 1), date(1, 1, 5)),
    st.dates(date(9999, 12, 27), date(9999, 12, 31)),
)
extreme_date_ranges = st.one_of(
    st.tuples(_extreme_days, _extreme_days).map(sorted),
    _extreme_days.flatmap(lambda first: st.tuples(st.just(first), st.dates(first, _two_days_on(first)))),
).map(lambda pair: (pair[0].isoformat(), pair[1].isoformat()))

_OPENINGS = {"[": "]", '{"a":': "}", '{"hours":': "}", '{"hour":[': "]}"}


def _nested(opening: str, depth: int, closed: bool) -> bytes:
    inner = "1"
    return (opening * depth + inner + (_OPENINGS[opening] * depth if closed else "")).encode()


deep_json = st.builds(  # at most 5000 deep: even the longest opening stays under the 64 KiB body limit
    _nested,
    st.sampled_from(sorted(_OPENINGS)),
    st.one_of(st.integers(min_value=33, max_value=200), st.integers(min_value=900, max_value=5000)),
    st.booleans(),
)

_lone_surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
surrogate_texts = st.tuples(st.text(max_size=20), _lone_surrogate, st.text(max_size=20)).map("".join)
"""Strings holding at least one lone surrogate (a high one alone, a low one alone, or a pair
reversed): ``json.dumps`` writes them as ``\\udxxx`` escapes."""


def surrogate_booking(notes: str, in_name: bool) -> bytes:
    """A booking body whose ``notes`` (or a property name) holds ``notes``, as JSON escapes."""
    body = {"hour": "2026-12-05T10:00:00Z", **({notes: "x"} if in_name else {"notes": notes})}
    return json.dumps(body).encode()


RESERVED_IDS = ("__x__", "__name__", "__id42__", "____", "__", ".", "..", "a/b", "a/b/c", "/", "")
unstorable_ids = st.one_of(
    st.sampled_from(RESERVED_IDS),
    st.text(max_size=12).map(lambda middle: f"__{middle}__"),
    st.tuples(st.text(max_size=8), st.text(max_size=8)).map("/".join),
    st.integers(min_value=1501, max_value=1600).map(lambda size: "u" * size),
    surrogate_texts,
)
"""Ids every one of which breaks one of Firestore's document-id constraints."""
hostile_ids = st.one_of(
    unstorable_ids,
    st.text(alphabet="_./a", min_size=1, max_size=8),
    st.integers(min_value=129, max_value=1500).map(lambda size: "u" * size),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=40),
)
"""The unstorable ids, and odd ones Firestore could store but a Firebase uid would not be."""

trigger_numbers = st.one_of(
    st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "-1", "-0", "1e400", "0x10", "1_0", "", " 5", "5 "]),
    st.floats().map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.text(max_size=12),
)
"""Values for ``older_than_seconds`` and ``limit``, most of them not a plain number in range."""
