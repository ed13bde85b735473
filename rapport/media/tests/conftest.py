import pytest

from rapport.media.captions.tests.clips import clip_path, reference
from rapport.media.models import MediaKind
from rapport.media.testing import media_item_ready


@pytest.fixture
def clips(tmp_path):
    folder = tmp_path / "clips"
    folder.mkdir()
    return folder


@pytest.fixture
def learner_media(cast):
    """The learner's own processed video, shared with nobody (PRIVATE)."""
    return media_item_ready(course=cast.course, owner=cast.learner)


@pytest.fixture
def spoken_media(cast):
    """The learner's voice recording of the "names" sentence (5.5 s)."""
    item = media_item_ready(
        course=cast.course,
        owner=cast.learner,
        kind=MediaKind.AUDIO,
        playback=clip_path("names").read_bytes(),
    )
    item.duration_seconds = reference("names")["duration"]
    item.save(update_fields=["duration_seconds"])
    return item


def media_files(root) -> set[str]:
    """Every file under MEDIA_ROOT, relative to it."""
    if not root.exists():
        return set()
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}
