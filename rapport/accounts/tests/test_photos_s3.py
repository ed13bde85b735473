"""Profile photos kept in an S3 bucket (moto's server on loopback): saved through the
profile page, re-encoded, and shown to classmates by a redirect to a signed link that the
browser may keep for a while; an outsider gets no link."""

import io

import requests
from django.urls import reverse
from PIL import Image

from rapport.accounts.tests.samples import photo_upload
from rapport.accounts.tests.test_views import PROFILE_URL, form_data
from rapport.core.testing.s3 import S3

pytestmark = S3


def test_a_photo_saved_on_the_profile_page_is_served_from_the_bucket(
    cast, client_for, s3_bucket, settings
):
    response = client_for("learner").post(PROFILE_URL, form_data(photo=photo_upload()))
    assert response.status_code == 302
    cast.learner.refresh_from_db()
    assert s3_bucket.names() == {cast.learner.photo.name, cast.learner.photo_thumb.name}

    photo_url = reverse("accounts:photo", args=[cast.learner.pk])
    redirect = client_for("other_learner").get(photo_url)
    assert redirect.status_code == 302
    # Kept as long as the photo may be, but never past half the link's life.
    assert settings.MEDIA_LINK_SECONDS // 2 < 600
    assert redirect["Cache-Control"] == f"private, max-age={settings.MEDIA_LINK_SECONDS // 2}"
    photo = requests.get(redirect["Location"], timeout=10)
    assert photo.status_code == 200
    assert photo.headers["Content-Type"] == "image/jpeg"
    assert photo.headers["Cache-Control"] == "private, max-age=600"
    assert Image.open(io.BytesIO(photo.content)).size == (256, 256)

    assert client_for("outsider").get(photo_url).status_code == 404
