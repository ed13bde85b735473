"""The example deployment in deploy/ is held to the code: every variable it sets is one the
settings read (or boto3 does) and docs/deployment.md describes; its production environment
passes ``check --deploy``; the systemd units, the compose file and the Dockerfile start
what exists; nginx accepts both its sites (``nginx -t``, where nginx is installed — in CI
it is) and they agree with the environment on ports and paths; and the host's site, run,
sends a file a view names by X-Accel-Redirect, ranges included, and nothing else from
the media folder."""

import configparser
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from rapport.core.testing.programs import program_path

ROOT = Path(settings.BASE_DIR)
DEPLOY = ROOT / "deploy"
NGINX = program_path("nginx")
# Read by boto3 and django-storages themselves, not by the settings.
READ_BY_BOTO3 = {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}
# Python's own.
READ_BY_PYTHON = {"PYTHONUTF8", "PYTHONUNBUFFERED"}
RAPPORT_SERVICES = ("migrate", "web1", "web2", "worker")


def names_the_settings_read() -> set[str]:
    source = (ROOT / "rapport" / "settings.py").read_text() + (
        ROOT / "rapport" / "envvars.py"
    ).read_text()
    return set(re.findall(r"env_(?:str|bool|int|list|url)\(\s*\"([A-Z0-9_]+)\"", source))


def env_example() -> dict[str, str]:
    """The example environment file, its commented-out alternatives included."""
    values = {}
    for line in (DEPLOY / "rapport.env.example").read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def env_example_in_force() -> dict[str, str]:
    return {
        name: value
        for line in (DEPLOY / "rapport.env.example").read_text().splitlines()
        if line and not line.startswith("#")
        for name, value in [line.split("=", 1)]
    }


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "docker-compose.yml").read_text())


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / "systemd" / name).read_text().replace("\\\n", " "))
    return parser


# --- Variables -----------------------------------------------------------------------------


def test_every_variable_the_examples_set_is_read_and_documented(compose):
    known = names_the_settings_read() | READ_BY_BOTO3 | READ_BY_PYTHON
    documented = (ROOT / "docs" / "deployment.md").read_text()
    used = set(env_example())
    for service in RAPPORT_SERVICES:
        used |= set(compose["services"][service]["environment"])
    used |= {"PYTHONUTF8", "PYTHONUNBUFFERED"}
    assert used - known == set(), "set in deploy/ but read by nothing"
    undocumented = {name for name in used - READ_BY_PYTHON if f"`{name}`" not in documented}
    assert undocumented == set(), "set in deploy/ but not in docs/deployment.md"


def test_the_example_production_environment_passes_check_deploy(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        **env_example_in_force(),
        "SECRET_KEY": "an-example-key-for-this-test-only-" + "x" * 40,
        "RAPPORT_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- What runs -----------------------------------------------------------------------------


def test_the_systemd_units_run_web_processes_on_the_upstream_ports_and_one_worker():
    web = unit("rapport-web@.service")["Service"]
    assert web["EnvironmentFile"] == "/etc/rapport/rapport.env"
    start = web["ExecStart"].split()
    assert start[1:4] == ["-m", "uvicorn", "rapport.asgi:application"]
    assert start[start.index("--port") + 1] == "%i"
    assert "--proxy-headers" in start and "--lifespan" in start
    worker = unit("rapport-worker.service")["Service"]
    assert worker["ExecStart"].split()[1:] == ["manage.py", "run_huey"]
    assert worker["KillSignal"] == "SIGINT"  # huey's graceful stop
    wanted = unit("rapport.target")["Unit"]["Wants"].split()
    ports = sorted(name.split("@")[1].split(".")[0] for name in wanted if "@" in name)
    upstream = re.search(r"upstream rapport \{(.*?)\}", nginx_site("rapport.conf"), re.S)
    assert sorted(re.findall(r"server 127\.0\.0\.1:(\d+);", upstream.group(1))) == ports
    assert "rapport-worker.service" in wanted


@pytest.mark.program("systemd-analyze")
def test_systemd_finds_nothing_wrong_with_the_units_but_the_missing_install(tmp_path):
    for path in (DEPLOY / "systemd").iterdir():
        shutil.copy(path, tmp_path)
    result = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", "./rapport-web@8001.service",
         "./rapport-worker.service", "./rapport.target"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "warning"},
    )  # fmt: skip
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "/srv/rapport/app/.venv/bin/python is not executable" not in line
    ]
    assert complaints == []


def test_the_compose_file_runs_two_web_processes_a_worker_and_what_they_need(compose):
    services = compose["services"]
    assert {"postgres", "redis", "minio", "web1", "web2", "worker", "nginx"} <= set(services)
    assert services["worker"]["command"] == ["python", "manage.py", "run_huey"]
    assert services["migrate"]["command"][:3] == ["python", "manage.py", "migrate"]
    for name in ("web1", "web2", "worker"):
        assert services[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        )
        assert services[name]["environment"]["TASKS_IN_WEB_SERVER"] == "0"
    environment = services["web1"]["environment"]
    assert environment["REDIS_URL"].startswith("redis://redis:")
    assert environment["DATABASE_URL"].startswith("postgres://rapport:rapport@postgres:")
    assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
    # Links are signed for nginx's origin, which passes the bucket's path on to MinIO.
    bucket = environment["AWS_STORAGE_BUCKET_NAME"]
    assert environment["AWS_S3_PUBLIC_ENDPOINT_URL"] == environment["SITE_URL"]
    assert f"location /{bucket}/" in nginx_site("compose.conf")
    assert "8443:8443" in services["nginx"]["ports"]
    mounted = {volume.split(":")[0] for volume in services["nginx"]["volumes"]}
    assert {"./nginx/compose.conf", "./nginx/rapport-proxy.conf"} <= mounted
    build = services["web1"]["build"]
    assert (DEPLOY / build["context"] / build["dockerfile"]).resolve() == DEPLOY / "Dockerfile"


def test_the_dockerfile_copies_what_exists_and_serves_the_asgi_app():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    for source in re.findall(r"^COPY (.+) \S+$", dockerfile, re.M):
        for path in source.split():
            assert (ROOT / path).exists(), path
    assert '"rapport.asgi:application"' in dockerfile
    assert "collectstatic" in dockerfile
    assert "USER rapport" in dockerfile


# --- nginx ---------------------------------------------------------------------------------


def nginx_site(name: str) -> str:
    return (DEPLOY / "nginx" / name).read_text()


def test_nginx_serves_what_the_environment_says_where_it_is():
    site = nginx_site("rapport.conf")
    env = env_example_in_force()
    var = env["RAPPORT_VAR_DIR"].rstrip("/")
    accel = re.search(r"location (\S+) \{\s*internal;\s*alias (\S+);", site)
    assert accel.groups() == (env["MEDIA_ACCEL_REDIRECT"], f"{var}/media/")
    assert f"alias {var}/static/;" in site
    assert "include /etc/nginx/snippets/rapport-proxy.conf;" in site
    proxy = nginx_site("rapport-proxy.conf")
    websocket = re.search(r"location /ws/ \{(.*?)\}", proxy, re.S).group(1)
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_set_header Connection $connection_upgrade;" in websocket
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in proxy


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> tuple[Path, Path]:
    from rapport.core.testing.tls import self_signed_certificate

    folder = tmp_path_factory.mktemp("certificate")
    certificate, key = self_signed_certificate("localhost")
    (folder / "fullchain.pem").write_bytes(certificate)
    (folder / "privkey.pem").write_bytes(key)
    return folder / "fullchain.pem", folder / "privkey.pem"


def installed_here(site: str, certificate: tuple[Path, Path], folder: Path) -> Path:
    """``site`` ready for an nginx of this test in ``folder``: its snippet where it includes
    it, our certificate at its certificate paths, in nginx's http block; the main file's
    path. (Run as root, nginx reads the test's files as root.)"""
    cert, key = certificate
    snippet = folder / "rapport-proxy.conf"
    snippet.write_text(nginx_site("rapport-proxy.conf"))
    text = nginx_site(site).replace("/etc/nginx/snippets/rapport-proxy.conf", str(snippet))
    text = re.sub(r"ssl_certificate (\S+);", f"ssl_certificate {cert};", text)
    text = re.sub(r"ssl_certificate_key (\S+);", f"ssl_certificate_key {key};", text)
    (folder / "site.conf").write_text(text)
    (folder / "nginx.conf").write_text(
        f"user root;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        f"events {{}}\nhttp {{\n    access_log off;\n    include {folder}/site.conf;\n}}\n"
    )
    return folder / "nginx.conf"


def nginx_command(main: Path, *args: str) -> list[str]:
    return [NGINX or "nginx", "-p", str(main.parent), "-c", str(main), *args]


@pytest.mark.program("nginx")
@pytest.mark.parametrize("site", ["rapport.conf", "compose.conf"])
def test_nginx_accepts_the_site(site, certificate, tmp_path):
    """``nginx -t`` on the site as installed, the compose site's container names pointing
    at this machine."""
    main = installed_here(site, certificate, tmp_path)
    site_file = tmp_path / "site.conf"
    text = site_file.read_text()
    for container in ("web1", "web2", "minio"):
        text = text.replace(f"{container}:", "127.0.0.1:")
    site_file.write_text(text)
    result = subprocess.run(nginx_command(main, "-t"), capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


@pytest.fixture
def accel_upstream(tmp_path, settings):
    """A stand-in for the web processes: answers every request with the headers the media
    views give behind nginx (rapport.core.offload, for a file of a filesystem storage)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from types import SimpleNamespace

    from django.core.files.storage import FileSystemStorage

    from rapport.core.offload import offloaded_response

    settings.MEDIA_ACCEL_REDIRECT = env_example_in_force()["MEDIA_ACCEL_REDIRECT"]
    media = tmp_path / "var" / "media"
    (media / "media" / "1").mkdir(parents=True)
    (media / "media" / "1" / "playback.mp4").write_bytes(bytes(range(256)) * 4)
    field = SimpleNamespace(storage=FileSystemStorage(location=media), name="media/1/playback.mp4")
    answer = offloaded_response(field, content_type="video/mp4", cache_control="private")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            for header, value in answer.items():
                self.send_header(header, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], tmp_path / "var"
    server.shutdown()


@pytest.mark.program("nginx")
def test_nginx_sends_the_file_a_view_names_with_ranges_and_keeps_it_internal(
    accel_upstream, certificate, tmp_path
):
    """The host's site, run: the upstream is the stand-in, the paths under a folder of the
    test's, ports free ones."""
    import requests
    import urllib3

    from rapport.core.testing.servers import free_port, wait_for_port

    upstream_port, var = accel_upstream
    (var / "static").mkdir()
    (var / "static" / "app.0123456789ab.css").write_text("body { color: #222; }\n")
    port, plain_port = free_port(), free_port()
    main = installed_here("rapport.conf", certificate, tmp_path)
    site_file = tmp_path / "site.conf"
    text = site_file.read_text()
    text = re.sub(r"server 127\.0\.0\.1:\d+;", f"server 127.0.0.1:{upstream_port};", text)
    text = text.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{port} ssl http2;")
    text = text.replace("listen 80;", f"listen 127.0.0.1:{plain_port};")
    text = re.sub(r"\s*listen \[::\]:\d+[^;]*;", "", text)
    site_file.write_text(text.replace("/srv/rapport/var/", f"{var}/"))
    nginx = subprocess.Popen(nginx_command(main, "-g", "daemon off;"), stderr=subprocess.PIPE)
    urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
    base = f"https://127.0.0.1:{port}"
    try:
        wait_for_port(port, nginx)
        video = requests.get(
            base + "/c/a-course/media/some-id/playback/",
            headers={"Range": "bytes=10-19", "Host": "rapport.school.example"},
            verify=False,
            timeout=5,
        )
        assert video.status_code == 206
        assert video.content == bytes(range(10, 20))
        assert video.headers["Content-Range"] == "bytes 10-19/1024"
        assert video.headers["Content-Type"] == "video/mp4"
        assert video.headers["Cache-Control"] == "private"
        assert video.headers["X-Content-Type-Options"] == "nosniff"
        direct = requests.get(
            base + "/protected-media/media/1/playback.mp4", verify=False, timeout=5
        )
        assert direct.status_code == 404  # only through a view's X-Accel-Redirect
        static = requests.get(base + "/static/app.0123456789ab.css", verify=False, timeout=5)
        assert static.text == "body { color: #222; }\n"
        assert "immutable" in static.headers["Cache-Control"]
        plain = requests.get(f"http://127.0.0.1:{plain_port}/c/", allow_redirects=False, timeout=5)
        assert plain.status_code == 301 and plain.headers["Location"].startswith("https://")
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
