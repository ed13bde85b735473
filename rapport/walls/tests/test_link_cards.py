"""A link card's preview, fetched by the server: the page's title, description and site on
the card, and its picture re-encoded as the card's photo (served by us, EXIF gone), so no
reader's browser fetches from the linked site."""

import io
from functools import partial

import pytest
from PIL import Image

from rapport.walls import services
from rapport.walls.previews import link_preview, preview_image
from rapport.walls.testing import board_make, card_make
from rapport.walls.tests.preview_server import LOCAL, page, serve

pytestmark = pytest.mark.django_db

PAGE = b"""<html><head><title>Fallback</title>
<meta property="og:title" content="Saving the Mekong delta">
<meta property="og:description" content="Salt water creeps upstream.">
<meta property="og:site_name" content="River News">
<meta property="og:image" content="/picture.jpg">
</head><body>Hi</body></html>"""


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {2: (52.0, 22.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    Image.new("RGB", (80, 60), (20, 120, 200)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_link_cards_preview_and_picture_are_kept_on_the_card(cast):
    board = board_make(cast)
    with serve() as local:
        local.routes["/story"] = page(PAGE)
        local.routes["/picture.jpg"] = page(_jpeg_with_gps(), content_type="image/jpeg")
        card = card_make(cast, board, kind="link", body="", link_url=local.url("/story"))
        services.link_preview_fetch(
            card_id=card.pk,
            fetch=partial(link_preview, allow_addresses=LOCAL),
            fetch_image=partial(preview_image, allow_addresses=LOCAL),
        )
    card.refresh_from_db()
    assert (card.link_status, card.link_title, card.link_site) == (
        "ready",
        "Saving the Mekong delta",
        "River News",
    )
    assert card.image and (card.image_width, card.image_height) == (80, 60)
    assert card.image_alt == "Saving the Mekong delta"
    with card.image.open("rb") as stored:
        assert not Image.open(stored).getexif().get(0x8825)


def test_a_picture_that_is_not_an_image_leaves_the_card_without_one(cast):
    board = board_make(cast)
    with serve() as local:
        local.routes["/story"] = page(PAGE)
        local.routes["/picture.jpg"] = page(
            b"<html>not a picture</html>", content_type="image/jpeg"
        )
        card = card_make(cast, board, kind="link", body="", link_url=local.url("/story"))
        services.link_preview_fetch(
            card_id=card.pk,
            fetch=partial(link_preview, allow_addresses=LOCAL),
            fetch_image=partial(preview_image, allow_addresses=LOCAL),
        )
    card.refresh_from_db()
    assert card.link_status == "ready" and not card.image


def test_a_preview_picture_on_a_private_address_is_not_fetched(cast):
    assert preview_image("http://169.254.169.254/latest/meta-data/iam.jpg") is None
