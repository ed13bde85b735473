"""Upload a ~200 MB video to the real server and watch its memory.

Starts uvicorn (rapport.asgi) on a free local port against a fresh temporary database and
media folder, signs in an instructor, and streams a valid video just under MEDIA_MAX_BYTES
to media:upload over plain http.client, reading the file 1 MB at a time so the client
holds none of it either. The server's resident memory is sampled every 50 ms during the
upload. The upload's throughput is compared with a plain file copy of the same bytes on
the same disk, in the same run. The processing task is only queued (no worker runs).

    .venv/bin/python bench/media_upload.py

Ends with: summary: peak_rss_growth_mb=<n> throughput_ratio=<n>
"""

import http.client
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from rapport.core.testing.servers import free_port, wait_for_port

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CHUNK = 1024 * 1024
SAMPLE_SECONDS = 0.05
MB = 1024 * 1024
RSS_TARGET_MB = 64
UPLOADS = 3
COPIES = 5

SETUP = """
from django.test import Client
from rapport.courses.models import Role
from rapport.factories import CourseFactory, MembershipFactory, UserFactory
course = CourseFactory(slug="bench-media", title="Bench")
user = UserFactory(email="bench@example.test")
MembershipFactory(course=course, user=user, role=Role.INSTRUCTOR)
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
"""


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} not found for {pid}")


def upload(port: int, path: Path, *, session: str, csrf: str) -> tuple[int, dict, float]:
    """POST ``path`` as multipart field ``file``, streaming it from disk."""
    boundary = "----rapport-bench-" + secrets.token_hex(8)
    head = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{path.name}"\r\n'
        "Content-Type: video/x-matroska\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    size = path.stat().st_size
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    started = time.perf_counter()
    connection.putrequest("POST", "/c/bench-media/media/upload/")
    connection.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
    connection.putheader("Content-Length", str(len(head) + size + len(tail)))
    connection.putheader("Cookie", f"sessionid={session}; csrftoken={csrf}")
    connection.putheader("X-CSRFToken", csrf)
    connection.endheaders()
    connection.send(head)
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            connection.send(chunk)
    connection.send(tail)
    response = connection.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    try:
        data = json.loads(body)
    except ValueError:
        data = {"raw": body[:300].decode(errors="replace")}
    return response.status, data, elapsed


class Sampler(threading.Thread):
    def __init__(self, pid: int, peak_kb: int = 0):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kb = peak_kb
        self.samples = 0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.peak_kb = max(self.peak_kb, rss_kb(self.pid))
            self.samples += 1
            time.sleep(SAMPLE_SECONDS)

    def stop(self) -> None:
        self.stopping.set()
        self.join()
        self.peak_kb = max(self.peak_kb, rss_kb(self.pid))


def stop(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from rapport.media import samples

    workdir = Path(tempfile.mkdtemp(prefix="rapport-bench-media-"))
    server = None
    try:
        var = workdir / "var"
        scratch = workdir / "tmp"  # the server's temporary files: same disk, cleaned up
        var.mkdir()
        scratch.mkdir()
        cap = 200 * MB
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rapport.settings",
            "DEBUG": "1",  # a development server: its secret key is generated in var/
            "RAPPORT_VAR_DIR": str(var),
            "MEDIA_MAX_BYTES": str(cap),
            "HUEY_IMMEDIATE": "false",
            "LOG_LEVEL": "WARNING",
            "TMPDIR": str(scratch),
        }
        env.pop("DATABASE_URL", None)
        env.pop("REDIS_URL", None)
        manage = [PYTHON, "manage.py"]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], cwd=ROOT, env=env, check=True)
        session = (
            subprocess.run(
                [*manage, "shell", "-c", SETUP],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        csrf = secrets.token_hex(16)  # 32 characters: a valid CSRF secret for cookie and header

        made = time.perf_counter()
        video = samples.make_large_video(workdir / "lecture.mkv", target_bytes=cap - MB)
        size = video.stat().st_size
        print(
            f"video: {size / MB:.1f} MB of raw frames written in {time.perf_counter() - made:.2f} s"
        )
        warmup = samples.make_video(workdir / "warmup.webm", seconds=1, size=(160, 120))

        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON, "-m", "uvicorn", "rapport.asgi:application",
                "--host", "127.0.0.1", "--port", str(port),
                "--no-access-log", "--log-level", "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        wait_for_port(port, server, timeout=30)
        # One small upload first, so imports and first-request caches are not counted.
        status, data, _ = upload(port, warmup, session=session, csrf=csrf)
        if status != 201:
            raise RuntimeError(f"Warm-up upload failed: {status} {data}")

        before_kb = rss_kb(server.pid)
        hwm_before_kb = rss_kb(server.pid, "VmHWM")
        sampler = Sampler(server.pid)
        sampler.start()
        status, data, seconds = upload(port, video, session=session, csrf=csrf)
        sampler.stop()
        if status != 201:
            raise RuntimeError(f"Upload failed: {status} {data}")
        upload_times = [seconds]

        # Both sides are mostly page-cache work and vary run to run: take medians.
        for _ in range(UPLOADS - 1):
            sampler = Sampler(server.pid, peak_kb=sampler.peak_kb)
            sampler.start()
            status, data, more = upload(port, video, session=session, csrf=csrf)
            sampler.stop()
            if status != 201:
                raise RuntimeError(f"Upload failed: {status} {data}")
            upload_times.append(more)
        hwm_after_kb = rss_kb(server.pid, "VmHWM")
        seconds = statistics.median(upload_times)
        copy_times = []
        for index in range(COPIES):
            copy_target = workdir / f"copy-{index}.mkv"
            started = time.perf_counter()
            shutil.copyfile(video, copy_target)
            copy_times.append(time.perf_counter() - started)
            copy_target.unlink()
        copy_seconds = statistics.median(copy_times)

        # VmHWM catches a peak that fell between two samples.
        peak_kb = max(sampler.peak_kb, hwm_after_kb if hwm_after_kb > hwm_before_kb else 0)
        growth_mb = (peak_kb - before_kb) / 1024
        upload_rate = size / MB / seconds
        copy_rate = size / MB / copy_seconds
        ratio = upload_rate / copy_rate
        print(f"upload: HTTP {status} {data.get('status')} kind={data.get('kind')}")
        print(
            f"upload: median {seconds:.2f} s of {UPLOADS} "
            f"({', '.join(f'{t:.2f}' for t in upload_times)}), {upload_rate:.0f} MB/s"
        )
        print(
            f"copy:   median {copy_seconds:.2f} s of {COPIES} "
            f"({', '.join(f'{t:.2f}' for t in copy_times)}), {copy_rate:.0f} MB/s "
            "(shutil.copyfile, same disk)"
        )
        print(
            f"server RSS: {before_kb / 1024:.1f} MB before, "
            f"{sampler.peak_kb / 1024:.1f} MB peak sampled ({sampler.samples} samples), "
            f"VmHWM {hwm_before_kb / 1024:.1f} -> {hwm_after_kb / 1024:.1f} MB"
        )
        verdict = "under" if growth_mb < RSS_TARGET_MB else "OVER"
        print(f"peak RSS growth {growth_mb:.1f} MB: {verdict} the {RSS_TARGET_MB} MB target")
        print(f"summary: peak_rss_growth_mb={growth_mb:.1f} throughput_ratio={ratio:.2f}")
        return 0
    finally:
        stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
