"""The disk fills up during an upload: the person is told the file could not be kept, and
nothing is left behind — no row, no half-written file — and the next upload that fits works.

The media folder is a tiny tmpfs of its own (this needs the right to mount, as root has on
the CI machines), filled until half of a real recording's size is free. A learner uploads
the recording through the recorder's endpoint (Django's test client in ``manage.py shell``:
the whole request path, without a server); the write fails with ENOSPC part way. It passes
when the answer is 507 with the message, no MediaItem exists, only the filler is on the
disk, and — the filler gone — the same upload is taken (201)."""

import contextlib
import subprocess
import tempfile
from pathlib import Path

from common import run_alone, shell
from harness import COURSE_SETUP

NAME = "disk_full"
TMPFS_BYTES = 4 * 1024 * 1024

UPLOAD = """
import os
from django.conf import settings
from django.test import Client
from rapport.media.models import MediaItem
from rapport.media.samples import make_video

clip = make_video(os.path.join(%(var_dir)r, "clip.webm"), seconds=6, size=(640, 480))
size = clip.stat().st_size
media = settings.MEDIA_ROOT
free = os.statvfs(media).f_bavail * os.statvfs(media).f_frsize
with open(os.path.join(media, "filler"), "wb") as filler:
    filler.write(b"\\0" * max(0, free - size // 2))
client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
client.force_login(learners[0])
url = f"/c/{course.slug}/media/upload/"


def upload():
    with open(clip, "rb") as handle:
        response = client.post(url, {"file": handle})
    return response.status_code, response.json().get("error", "")


full_status, full_error = upload()
rows_after_full = MediaItem.objects.count()
left = sorted(
    os.path.relpath(os.path.join(folder, name), media)
    for folder, _, names in os.walk(media)
    for name in names
)
os.remove(os.path.join(media, "filler"))
fits_status, _ = upload()
print(json.dumps({
    "clip": size, "full_status": full_status, "full_error": full_error,
    "rows_after_full": rows_after_full, "left": left, "fits_status": fits_status,
    "rows_after_fit": MediaItem.objects.count(),
}))
"""


def run(services) -> str | None:
    with tempfile.TemporaryDirectory(prefix="rapport-fault-disk-") as var_dir:
        media = Path(var_dir) / "media"
        media.mkdir()
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={TMPFS_BYTES}", "tmpfs", str(media)],
            capture_output=True,
            text=True,
        )
        if mounted.returncode != 0:
            return f"a tmpfs can't be mounted here: {mounted.stderr.strip()}"
        try:
            env = services.environment(var_dir, redis=False) | {"HUEY_IMMEDIATE": "0"}
            names = {"token": "d", "name": "disk", "title": "Disk", "learners": 1}
            said = shell(env, COURSE_SETUP % names + UPLOAD % {"var_dir": var_dir})
        finally:
            with contextlib.suppress(subprocess.CalledProcessError):
                subprocess.run(["umount", str(media)], check=True, capture_output=True)
        print(
            f"  a {said['clip'] // 1024} KB recording with half of it free: "
            f"{said['full_status']} {said['full_error']!r}; after it the disk held "
            f"{said['left']}; without the filler: {said['fits_status']}"
        )
        if said["full_status"] != 507 or "no room" not in said["full_error"]:
            return f"the upload on a full disk answered {said['full_status']}"
        if said["rows_after_full"] != 0:
            return f"{said['rows_after_full']} MediaItem rows after the failed upload"
        if said["left"] != ["filler"]:
            return f"files left after the failed upload: {said['left']}"
        if said["fits_status"] != 201 or said["rows_after_fit"] != 1:
            return f"the upload that fits answered {said['fits_status']}"
        return None


if __name__ == "__main__":
    import sys

    run_alone(sys.modules[__name__])
