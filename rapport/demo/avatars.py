"""Friendly generated portraits for demo people — drawn with Pillow, never downloaded.

Each portrait is a head-and-shoulders figure on a soft gradient, with skin, hair, clothes,
background and small details picked by a ``random.Random`` seeded from the person's name,
so the same person always gets the same face.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

PHOTO_SIZE = 512
THUMB_SIZE = 256
# Drawn at twice the size and scaled down: Pillow's shapes have no anti-aliasing.
_CANVAS = PHOTO_SIZE * 2
_MID = _CANVAS // 2

SKIN_TONES = [
    "#f6d7c3",
    "#eec1a2",
    "#e0ac69",
    "#c68642",
    "#a8693f",
    "#8d5524",
    "#6b3f22",
    "#4a2c1a",
]
HAIR_COLOURS = [
    "#1d1714",
    "#1d1714",
    "#2f221b",
    "#3b2a20",
    "#5a3d28",
    "#7a4a2a",
    "#a0522d",
    "#c9a15a",
    "#8e8e8e",
]
CLOTHES = ["#2a9d8f", "#e76f51", "#264653", "#6d597a", "#e9c46a", "#3a86ff", "#588157"]
BACKGROUNDS = [
    ("#fde2e4", "#cddafd"),
    ("#fff1c1", "#ffc6a5"),
    ("#d8f3dc", "#a9def9"),
    ("#e4c1f9", "#fcf6bd"),
    ("#caf0f8", "#ffd6ff"),
    ("#ffe5d9", "#d8e2dc"),
    ("#f1faee", "#a8dadc"),
]
HAIR_STYLES = ["short", "long", "bun", "curls", "cropped", "bob"]


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], amount: float):
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


def _luminance(colour: tuple[int, int, int]) -> float:
    red, green, blue = colour
    return 0.299 * red + 0.587 * green + 0.114 * blue


def _background(rng: random.Random) -> Image.Image:
    top, bottom = (_rgb(c) for c in rng.choice(BACKGROUNDS))
    if rng.random() < 0.5:
        top, bottom = bottom, top
    # Work small and scale up: the blur is cheap at 128 px and the result is smooth.
    small = 128
    mask = Image.linear_gradient("L").resize((small, small))
    image = Image.composite(
        Image.new("RGB", (small, small), bottom), Image.new("RGB", (small, small), top), mask
    )
    halo = ImageDraw.Draw(image)
    glow = _mix(top, (255, 255, 255), 0.55)
    halo.ellipse((24, 10, 104, 90), fill=glow)
    image = image.filter(ImageFilter.GaussianBlur(14))
    return image.resize((_CANVAS, _CANVAS), Image.Resampling.BILINEAR)


# The hair is an oval over the top of the head and the face an oval over its lower part,
# so the hairline curves and the sides taper into sideburns.
_FACE = (_MID - 168, 372, _MID + 168, 710)


def _box(cx: int, cy: int, rx: int, ry: int) -> tuple[int, int, int, int]:
    return (cx - rx, cy - ry, cx + rx, cy + ry)


def _hair_back(draw: ImageDraw.ImageDraw, style: str, hair) -> None:
    if style == "long":
        draw.rounded_rectangle((_MID - 225, 260, _MID + 225, 860), radius=200, fill=hair)
    elif style == "curls":
        puffs = [(-165, 350, 125), (165, 350, 125), (-100, 250, 135), (100, 250, 135)]
        puffs += [(0, 225, 145), (-190, 480, 105), (190, 480, 105)]
        for dx, cy, r in puffs:
            draw.ellipse(_box(_MID + dx, cy, r, r), fill=hair)
    elif style == "bob":
        draw.rounded_rectangle((_MID - 215, 250, _MID + 215, 690), radius=180, fill=hair)
    elif style == "bun":
        draw.ellipse(_box(_MID, 215, 100, 95), fill=hair)


def _hair_cap(draw: ImageDraw.ImageDraw, style: str, hair) -> None:
    if style == "cropped":
        draw.ellipse((_MID - 180, 240, _MID + 180, 600), fill=hair)
    else:
        draw.ellipse((_MID - 190, 228, _MID + 190, 640), fill=hair)


def _face(draw: ImageDraw.ImageDraw, skin, hair, style: str, rng: random.Random) -> None:
    top = 340 if style == "cropped" else _FACE[1]
    draw.ellipse((_FACE[0], top, _FACE[2], _FACE[3]), fill=skin)
    eye = (42, 34, 30)
    eye_y = 500 + rng.randint(-6, 6)
    spread = 66 + rng.randint(-6, 6)
    for side in (-1, 1):
        cx = _MID + side * spread
        draw.ellipse(_box(cx, eye_y, 14, 17), fill=eye)
        draw.arc((cx - 32, eye_y - 56, cx + 32, eye_y - 20), 200, 340, fill=hair, width=11)
    blush = _mix(skin, _rgb("#f28482"), 0.25)
    for side in (-1, 1):
        draw.ellipse(_box(_MID + side * (spread + 42), eye_y + 62, 36, 20), fill=blush)
    smile = rng.randint(48, 66)
    draw.arc((_MID - smile, eye_y + 24, _MID + smile, eye_y + 116), 25, 155, fill=eye, width=10)
    if rng.random() < 0.25:  # glasses
        frame = (40, 40, 40)
        for side in (-1, 1):
            draw.ellipse(_box(_MID + side * spread, eye_y, 46, 42), outline=frame, width=8)
        draw.line((_MID - spread + 46, eye_y, _MID + spread - 46, eye_y), fill=frame, width=8)


def portrait(seed: str) -> Image.Image:
    """A 512×512 portrait, always the same for the same ``seed``."""
    rng = random.Random(f"rapport-demo-portrait:{seed}")
    skin = _rgb(rng.choice(SKIN_TONES))
    shade = _mix(skin, (0, 0, 0), 0.14)
    hair = _rgb(rng.choice(HAIR_COLOURS))
    if abs(_luminance(hair) - _luminance(skin)) < 45:
        hair = _rgb(HAIR_COLOURS[0])  # keep the hairline visible against the face
    clothes = _rgb(rng.choice(CLOTHES))
    style = rng.choice(HAIR_STYLES)

    image = _background(rng)
    draw = ImageDraw.Draw(image)
    # Back to front: shoulders, hair behind the head, neck, ears, head, hair, face.
    draw.ellipse((_MID - 400, 800, _MID + 400, 1420), fill=clothes)
    _hair_back(draw, style, hair)
    draw.rounded_rectangle((_MID - 85, 620, _MID + 85, 850), radius=36, fill=shade)
    draw.chord((_MID - 92, 760, _MID + 92, 880), 0, 180, fill=shade)
    for side in (-1, 1):
        draw.ellipse(_box(_MID + side * 176, 520, 36, 52), fill=skin)
    _hair_cap(draw, style, hair)
    _face(draw, skin, hair, style, rng)
    return image.resize((PHOTO_SIZE, PHOTO_SIZE), Image.Resampling.LANCZOS)


def jpeg_bytes(image: Image.Image, *, size: int | None = None) -> bytes:
    if size is not None and image.size != (size, size):
        image = image.resize((size, size), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=86, optimize=True)
    return buffer.getvalue()
