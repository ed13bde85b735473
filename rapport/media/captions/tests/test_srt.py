"""SubRip captions read as WebVTT."""

from rapport.media.captions.srt import looks_like_srt, to_webvtt
from rapport.media.vtt import parse


def test_subrip_is_recognised_and_webvtt_is_not():
    assert looks_like_srt("\ufeff1\n00:00:01,000 --> 00:00:02,000\nHi\n")
    assert not looks_like_srt("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n")
    assert not looks_like_srt("Just some words someone pasted.")


def test_times_get_full_stops_and_two_digit_hours():
    webvtt = to_webvtt("7\r\n1:02:03,040 --> 1:02:05,000 X1:10 X2:20\r\nHi\r\n")
    assert webvtt == "WEBVTT\n\n7\n01:02:03.040 --> 01:02:05.000\nHi\n"
    assert [(cue.identifier, cue.start) for cue in parse(webvtt)] == [("7", 3723.04)]
