import pytest
from django.core.files.base import ContentFile
from django.http import Http404

from rapport.core.files import private_file_response


def test_a_stored_file_is_streamed_for_the_viewer_only_and_never_sniffed(cast):
    cast.learner.photo.save("face.jpg", ContentFile(b"jpeg bytes"), save=False)
    response = private_file_response(cast.learner.photo, content_type="image/jpeg")
    assert b"".join(response.streaming_content) == b"jpeg bytes"
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"] == "private, max-age=600"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_an_empty_field_is_not_found(cast):
    with pytest.raises(Http404):
        private_file_response(cast.learner.photo, content_type="image/jpeg")


def test_a_file_gone_from_storage_is_not_found(cast):
    cast.learner.photo.save("face.jpg", ContentFile(b"jpeg bytes"), save=False)
    cast.learner.photo.storage.delete(cast.learner.photo.name)
    with pytest.raises(Http404):
        private_file_response(cast.learner.photo, content_type="image/jpeg")
