"""The design system's colours, read from rapport.css, meet WCAG AA (4.5:1 for text) on the
surfaces they are used on — including initials avatars for every hue a person can get."""

import colorsys
import re
from pathlib import Path

import pytest
from django.conf import settings

CSS = (Path(settings.BASE_DIR) / "rapport/static/rapport/css/rapport.css").read_text()
AA_TEXT = 4.5


def custom_property(name: str) -> str:
    return re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}})", CSS)[1]


def rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def luminance(colour: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value = round(value * 255) / 255  # browsers paint 8-bit channels
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one, other) -> float:
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_initials_avatars_are_readable_for_every_hue():
    saturation, lightness = re.search(
        r"\.face--initials\s*{[^}]*hsl\(var\(--hue[^)]*\)\s+(\d+)%\s+(\d+)%\)", CSS
    ).groups()
    white = (1.0, 1.0, 1.0)
    worst = min(
        contrast(colorsys.hls_to_rgb(hue / 360, int(lightness) / 100, int(saturation) / 100), white)
        for hue in range(360)
    )
    assert worst >= AA_TEXT, f"white initials fall to {worst:.2f}:1 on some hue"


@pytest.mark.parametrize("surface", ["surface", "paper", "sunken", "accent-soft", "calm-soft"])
def test_links_in_the_accent_colour_are_readable_on_every_surface(surface):
    ratio = contrast(rgb(custom_property("accent")), rgb(custom_property(surface)))
    assert ratio >= AA_TEXT, f"accent on {surface}: {ratio:.2f}:1"


def test_buttons_text_is_readable_on_the_accent():
    ratio = contrast(rgb(custom_property("accent-ink")), rgb(custom_property("accent")))
    assert ratio >= AA_TEXT
