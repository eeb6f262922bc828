"""The Prefer header (RFC 7240): preferences among others, whitespace, case, bad values."""

from __future__ import annotations

import pytest

from pipeline_kit.http.prefer_header import preferences, wait_preference

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("header", "wait"),
    [
        ("wait=5", 5),
        ("WAIT=5", 5),
        ("Wait = 7", 7),
        ("respond-async, wait=3", 3),
        ("return=minimal; foo=bar, wait=4", 4),
        ("handling=lenient,wait=2;x=1", 2),
        ('wait="6"', 6),
        ("wait=0", 0),
        ("wait=007", 7),
        ("wait=1, wait=9", 1),
        ("wait=99999999999999999999", 999999999),
    ],
)
def test_the_wait_preference_is_found(header: str, wait: int) -> None:
    assert wait_preference(header) == wait


@pytest.mark.parametrize(
    "header",
    [None, "", "respond-async", "wait", "wait=", "wait=-1", "wait=1.5", "wait=soon", "wait=5s", 'wait="5', "waiting=5"],
)
def test_a_missing_or_bad_wait_is_no_wait(header: str | None) -> None:
    assert wait_preference(header) is None


def test_preferences_are_lower_cased_first_wins_and_quotes_keep_commas() -> None:
    found = preferences('Respond-Async, Return=Minimal, note="a, b; c", return=representation, ,bad name=1')
    assert found == {"respond-async": None, "return": "Minimal", "note": "a, b; c"}


def test_an_escaped_quote_in_a_quoted_value() -> None:
    assert preferences(r'x="say \"hi\"", wait=2') == {"x": 'say "hi"', "wait": "2"}
