import pytest

from rapport.media.selectors import media_owned_by
from rapport.media.testing import media_item_ready

pytestmark = pytest.mark.django_db


def test_a_posted_id_finds_the_owners_own_recording_in_the_course(cast):
    media = media_item_ready(course=cast.course, owner=cast.learner)
    found = media_owned_by(owner=cast.learner, course=cast.course, media_id=str(media.public_id))
    assert found == media


@pytest.mark.parametrize("media_id", ["not-a-uuid", "12345", "", "00000000-0000-0000-0000-0000"])
def test_a_malformed_id_finds_nothing(cast, media_id):
    media_item_ready(course=cast.course, owner=cast.learner)
    assert media_owned_by(owner=cast.learner, course=cast.course, media_id=media_id) is None


def test_someone_elses_recording_or_another_courses_is_not_found(cast):
    media = media_item_ready(course=cast.course, owner=cast.learner)
    public_id = media.public_id
    assert media_owned_by(owner=cast.other_learner, course=cast.course, media_id=public_id) is None
    assert media_owned_by(owner=cast.learner, course=cast.other_course, media_id=public_id) is None
