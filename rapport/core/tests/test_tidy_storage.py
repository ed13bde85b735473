"""A file the disk can't take leaves nothing behind, and says so (TidyFileSystemStorage)."""

import errno

import pytest
from django.core.files.base import ContentFile, File

from rapport.core.refusals import Refused
from rapport.core.storages import DISK_FULL, TidyFileSystemStorage


class FillsTheDisk(File):
    """Its first chunk is written, then the disk is full."""

    def __init__(self, error: int = errno.ENOSPC):
        super().__init__(None, name="clip.webm")
        self.error = error

    def chunks(self, chunk_size=None):
        yield b"x" * 1000
        raise OSError(self.error, "No space left on device")

    @property
    def size(self):
        return 2000


def test_a_file_that_fills_the_disk_is_refused_and_removed(tmp_path):
    storage = TidyFileSystemStorage(location=tmp_path)
    with pytest.raises(Refused) as refused:
        storage.save("media/clip.webm", FillsTheDisk())
    assert refused.value.code == "storage_full"
    assert refused.value.message == DISK_FULL
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_another_write_error_is_refused_too(tmp_path):
    storage = TidyFileSystemStorage(location=tmp_path)
    with pytest.raises(Refused) as refused:
        storage.save("clip.webm", FillsTheDisk(errno.EIO))
    assert refused.value.code == "storage_failed"
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_file_that_fits_is_kept_as_before(tmp_path):
    storage = TidyFileSystemStorage(location=tmp_path)
    name = storage.save("note.txt", ContentFile(b"hello"))
    assert (tmp_path / name).read_bytes() == b"hello"
    # a second file of that name gets a name of its own, the first untouched
    other = storage.save("note.txt", ContentFile(b"again"))
    assert other != name and (tmp_path / name).read_bytes() == b"hello"
