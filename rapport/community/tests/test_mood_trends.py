"""The "falling" rule on known data."""

import pytest

from rapport.community.checkins.trends import FALLING, RISING, STEADY, UNKNOWN, mood_trend


@pytest.mark.parametrize(
    "scores,direction",
    [
        ([4, 4, 3, 3, 2, 2], FALLING),  # 3.67 -> 2.33
        ([5, 5, 5, 4, 4, 4], FALLING),  # exactly one point lower counts
        ([5, 5, 5, 4, 4, 5], STEADY),  # 0.67 lower is not enough
        ([1, 1, 1, 4, 4, 4, 4, 4, 4], STEADY),  # only the last six count
        ([2, 2, 2, 3, 3, 3], RISING),
        ([4, 4, 2, 2], FALLING),  # four check-ins: two against two
        ([4, 4, 4, 2, 3], FALLING),  # five: the last two (2.5) against the two before (4)
        ([3, 4, 4, 3, 4], STEADY),  # five: 3.5 against 4
        ([4, 4, 3], UNKNOWN),
        ([], UNKNOWN),
    ],
)
def test_trend_compares_the_last_three_checkins_with_the_three_before(scores, direction):
    assert mood_trend(scores).direction == direction


def test_a_falling_trend_explains_itself():
    trend = mood_trend([4, 4, 3, 3, 2, 2])
    assert trend.is_falling
    assert trend.arrow == "↓"
    assert trend.explanation == "Falling: recent average 2.3, before 3.7"
