import re

import pytest
from django.urls import reverse

from rapport.presence import services
from rapport.presence.models import Tone

# Characters renderers trip on: entity and raw private-use characters, bidi overrides and
# isolates, zero-width characters inside a link's scheme.
UNICODE_TRICKS = [
    "&#xE000;0&#xE001; &#57344;9&#57345; \ue000\ue001",
    "\u202eevil\u202c &#x202E;gnp.exe \u2066isolated \u200f",
    "[tap](java\u200bscript:alert(1)) [tap](&#8203;javascript:alert(1)) zero\u200bwidth\ufeff",
]


@pytest.mark.parametrize("trick", UNICODE_TRICKS)
def test_unicode_tricks_render_as_text_on_a_message_and_its_thread(cast, client_for, trick):
    note = services.note_send(
        course=cast.course,
        author=cast.instructor,
        recipient=cast.learner,
        tone=Tone.THINKING_OF_YOU,
        body=f"before {trick} after",
    )
    services.reply_post(message=note, thread_learner=cast.learner, author=cast.learner, body=trick)
    for url in (
        reverse("presence:message", args=[cast.course.slug, note.pk]),
        reverse("presence:thread", args=[cast.course.slug, note.pk, cast.learner.pk]),
    ):
        response = client_for("learner").get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        hrefs = re.findall(r'href="([^"]*)"', main.replace("\u200b", ""))
        # A zero-width character breaks a scheme into a harmless relative address.
        assert not [h for h in hrefs if h.lower().startswith(("javascript:", "data:", "vbscript:"))]
        assert "before " in main or "with/" in url
