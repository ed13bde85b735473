import pytest

from rapport.media import limits, pipeline


@pytest.mark.parametrize(
    "seconds,words", [(45.2, "45 s"), (663, "11 min 3 s"), (660, "11 min"), (59.6, "1 min")]
)
def test_durations_in_words(seconds, words):
    assert limits.duration_words(seconds) == words


def test_the_length_message_names_both(settings):
    settings.MEDIA_MAX_SECONDS = 600
    assert limits.too_long_message(663) == "This recording is 11 min 3 s; the limit is 10 minutes."
    assert limits.limit_words(90) == "90 seconds"
    assert limits.limit_words(60) == "1 minute"


def test_a_few_milliseconds_of_encoder_padding_are_forgiven(settings):
    settings.MEDIA_MAX_SECONDS = 600
    assert not limits.is_too_long(600.3)
    assert limits.is_too_long(601)


def test_another_cap_can_be_named_with_the_same_allowance(settings):
    settings.MEDIA_MAX_SECONDS = 600
    assert not limits.is_too_long(15.3, limit=15)
    assert limits.is_too_long(16, limit=15)


@pytest.mark.parametrize(
    "size,fitted",
    [
        ((321, 241), (320, 240)),
        ((1920, 1080), (1280, 720)),
        ((1080, 1920), (720, 1280)),
        ((2, 2), (2, 2)),
    ],
)
def test_pictures_fit_within_1280_with_even_sides(size, fitted):
    assert pipeline.fit_within(*size) == fitted
