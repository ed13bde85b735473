"""A wall as a picture (PNG) for the teaching team to keep or share: each card a coloured
note with its author (as the reader may see it) and its words, placed as the layout places
it — cells of the free wall, columns side by side, or the stream in rows of three. Drawn
with Pillow and its bundled font (nothing fetched); emoji and pictures are left out."""

import io
import re
import textwrap
from html import unescape

from PIL import Image, ImageDraw, ImageFont

from rapport.walls.models import Board, Layout

CARD_W, CARD_H, GAP, MARGIN, TITLE_H = 240, 150, 16, 24, 56
STREAM_COLUMNS = 3
LINES = 6
# The same tints as walls.css
FILLS = {
    "yellow": "#fff6c7",
    "blue": "#dcecfb",
    "green": "#dcf2e2",
    "pink": "#fbe0ea",
    "purple": "#ebe2fa",
    "white": "#ffffff",
}
INK, SOFT, LINE, PAPER = "#2b2420", "#5c5049", "#d8cbbd", "#f6efe7"
_TAGS = re.compile(r"<[^>]+>")


def _words(card: dict) -> str:
    text = unescape(_TAGS.sub(" ", card.get("html") or ""))
    link = card.get("link") or {}
    parts = [text, link.get("title") or "", link.get("url") or ""]
    if card.get("clip"):
        parts.append("(a clip)")
    if card.get("image") and not text.strip():
        parts.append(f"(a photo: {card['image'].get('alt') or 'no description'})")
    return " ".join(" ".join(part.split()) for part in parts if part).strip()


def _places(board: Board, cards: list[dict], sections: list[dict]) -> list[tuple[dict, int, int]]:
    """(card, column, row) in whole cards."""
    if board.layout == Layout.WALL:
        return [(card, card["x"], card["y"]) for card in cards]
    if board.layout == Layout.COLUMNS:
        index = {section["id"]: n for n, section in enumerate(sections)}
        rows: dict[int, int] = {}
        placed = []
        for card in cards:
            column = index.get(card["section"], 0)
            placed.append((card, column, rows.get(column, 0)))
            rows[column] = rows.get(column, 0) + 1
        return placed
    return [(card, n % STREAM_COLUMNS, n // STREAM_COLUMNS) for n, card in enumerate(cards)]


def board_picture(*, board: Board, cards: list[dict], sections: list[dict]) -> bytes:
    """The PNG of ``cards`` (dicts as ``selectors.shape`` gives them) on ``board``."""
    placed = _places(board, cards, sections)
    columns = max([column for _, column, _ in placed] + [len(sections) - 1, 0]) + 1
    rows = max([row for _, _, row in placed] + [0]) + 1
    header = TITLE_H + (28 if board.layout == Layout.COLUMNS else 0)
    width = MARGIN * 2 + columns * CARD_W + (columns - 1) * GAP
    height = MARGIN * 2 + header + rows * CARD_H + (rows - 1) * GAP
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    title, small, body = (ImageFont.load_default(size=size) for size in (24, 13, 15))
    draw.text((MARGIN, MARGIN), board.title, fill=INK, font=title)
    if board.layout == Layout.COLUMNS:
        for n, section in enumerate(sections):
            x = MARGIN + n * (CARD_W + GAP)
            draw.text((x, MARGIN + TITLE_H), section["title"], fill=SOFT, font=small)
    for card, column, row in placed:
        left = MARGIN + column * (CARD_W + GAP)
        top = MARGIN + header + row * (CARD_H + GAP)
        box = (left, top, left + CARD_W, top + CARD_H)
        draw.rounded_rectangle(
            box, radius=8, fill=FILLS.get(card["colour"], "#ffffff"), outline=LINE
        )
        author = card["author"]["name"] if card.get("author") else "A classmate"
        draw.text((left + 10, top + 8), author, fill=SOFT, font=small)
        lines = textwrap.wrap(_words(card), width=30)[:LINES]
        draw.multiline_text((left + 10, top + 30), "\n".join(lines), fill=INK, font=body, spacing=4)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
