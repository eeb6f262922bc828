"""Reading max-age from Cache-Control."""

import pytest

from pipeline_kit.auth.cache_control import max_age_seconds

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("public, max-age=19856, must-revalidate, no-transform", 19856),
        ("max-age=0", 0),
        ("MAX-AGE=60", 60),
        ('max-age="60"', 60),
        ("public", None),
        ("max-age=abc", None),
        ("max-age=-5", None),
        ("max-age=99999999", 86400),
        ("", None),
        (None, None),
    ],
)
def test_max_age(header: str | None, expected: int | None) -> None:
    assert max_age_seconds(header) == expected
