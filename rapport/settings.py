"""Rapport's one settings module. Everything that differs between machines comes from the
environment (see docs/deployment.md); the defaults need nothing but Python: SQLite,
in-memory channel layer and cache, a SQLite task queue and console email."""

import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

from rapport.envvars import (
    EMAIL_BACKENDS,
    ImproperEnvironment,
    email_settings,
    env_bool,
    env_int,
    env_list,
    env_str,
    env_url,
    s3_media_origins,
    s3_storage_options,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("RAPPORT_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not DEBUG:
        raise ImproperEnvironment("SECRET_KEY must be set when DEBUG is off.")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "channels",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "huey.contrib.djhuey",
    "allauth",
    "allauth.account",
    "rapport.core",
    "rapport.accounts",
    "rapport.courses",
    "rapport.media",
    "rapport.presence",
    "rapport.surveys",
    "rapport.knowing",
    "rapport.community",
    "rapport.walls",
    "rapport.groups",
    "rapport.live",
    "rapport.events",
    "rapport.officehours",
    "rapport.radar",
    "rapport.home",
    "rapport.privacy",
    "lti_tool",
    "csp",
    "ninja",  # the API docs page's Swagger UI, from its own static files (no CDN)
    "rapport.integrations.lti",
    "rapport.integrations.roster",
    "rapport.integrations.api",
    "rapport.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before the middleware that adjust a response's policy (LTI framing), so after them on
    # the way out: it writes the Content-Security-Policy header last.
    "csp.middleware.CSPMiddleware",
    "rapport.core.security.PermissionsPolicyMiddleware",
    "rapport.core.security.FramingMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After (so before, for responses) the clickjacking middleware: a session begun by an
    # LTI launch may be framed by its platform's origins (docs/lti.md).
    "rapport.integrations.lti.middleware.LtiFrameMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "rapport.core.middleware.UserTimezoneMiddleware",
    "rapport.core.middleware.PrivatePagesNotStoredMiddleware",
    # Last, so first to see a view's error: the database out of reach is a 503 page.
    "rapport.core.unavailable.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "rapport.urls"
ASGI_APPLICATION = "rapport.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "rapport" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rapport.core.context_processors.shell",
                "rapport.courses.context_processors.course_switcher",
                "rapport.navigation.course_nav",
            ],
            "builtins": ["rapport.courses.templatetags.people"],
        },
    }
]

# --- Database ---------------------------------------------------------------------------
DATABASE_URL = env_url("DATABASE_URL", schemes={"sqlite", "postgres", "postgresql"})
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Under ASGI each request runs on a fresh thread, and a persistent connection
        # (CONN_MAX_AGE) would stay with a thread nobody reuses; the process's pool hands
        # connections from one request to the next instead, checking each on the way out.
        DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 2, "max_size": 20, "timeout": 20}}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "rapport.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed during a write; IMMEDIATE takes the write lock at BEGIN so
    # two writers queue on the busy timeout instead of failing with "database is locked".
    # Writers of one process queue in turn before that (rapport.core.fair_sqlite).
    DATABASES["default"]["ENGINE"] = "rapport.core.fair_sqlite"
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use an in-memory database, one per worker: named so explicitly, because with an
    # engine of our own pytest-django would otherwise derive a file name from NAME.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer, cache and task queue -----------------------------------------
REDIS_URL = env_url("REDIS_URL", schemes={"redis", "rediss", "unix"})
if REDIS_URL:
    # Redis publish/subscribe: a change to a board is published once, and each web process
    # hands it to its own sockets following the board, instead of Redis keeping one copy
    # per socket for each process to pop one by one (bench/wall_fanout.py). Delivery is at
    # most once: a page that reconnects catches up itself (the streams' "since").
    CHANNEL_LAYERS = {
        "default": {
            # channels-redis's, subscribing again after Redis restarts (core.redis_channel_layer)
            "BACKEND": "rapport.core.redis_channel_layer.ResubscribingRedisPubSubChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": env_str("CHANNEL_LAYER_PREFIX", "asgi")},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "rapport"),
        }
    }
    # A task taken by a consumer that dies runs again (rapport.core.task_queue): a consumer
    # silent for TASK_HEARTBEAT_SECONDS is taken for dead.
    HUEY = {
        "huey_class": "rapport.core.task_queue.ReliableRedisHuey",
        "name": env_str("HUEY_NAME", "rapport"),
        "url": REDIS_URL,
        "immediate": False,
        "heartbeat_seconds": env_int("TASK_HEARTBEAT_SECONDS", 30, minimum=1),
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "rapport.core.channel_layer.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "rapport",
        "filename": str(VAR_DIR / "tasks.sqlite3"),
        "immediate": False,
    }
HUEY["immediate"] = env_bool("HUEY_IMMEDIATE", False)
# An idle SQLite queue is polled; huey's default back-off (up to 10 s) would delay every
# task that long, so the wait between polls stops at half a second (Redis blocks instead).
HUEY["consumer"] = {
    "workers": env_int("HUEY_WORKERS", 2, minimum=1),
    "worker_type": "thread",
    "max_delay": 0.5,
}
# Run the task consumer as threads of the web server (rapport.core.lifespan), so pushes
# from tasks reach the in-memory channel layer; `manage.py serve` sets it without REDIS_URL.
TASKS_IN_WEB_SERVER = env_bool("TASKS_IN_WEB_SERVER", False)
# How many HTTP requests a web process runs at once; the others wait their turn in order
# (rapport.core.request_queue). Its threads share one interpreter lock, so a few at a time
# serve a burst fastest. Measured with bench/class_burst.py on 2 cores: on PostgreSQL 3 served
# nearly twice what 8 did (38.8 against 21.7 requests/s), and 2 kept a hundred learners
# arriving at once under a second at p99 (857 and 886 ms) where 3 did not always (1,342 and
# 988 ms); on SQLite, 2 as well. On PostgreSQL with a live session of 1,000 on the same two
# servers (bench/load.py, 300 learners pausing 5–15 s, a busy shared machine), requests wait
# on the database more than on Python: 4 served 15.4 requests/s at p99 14.3 s where 2 served
# 12.3 at 24.0 s back to back (and 18.8 with no error where 2 had timed out 265 requests,
# on another pair of runs), so PostgreSQL gets 4.
REQUESTS_AT_ONCE = env_int(
    "REQUESTS_AT_ONCE",
    4 if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else 2,
    minimum=1,
)

# --- Accounts -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:start"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
# A new account's address is confirmed before it signs in: a short code is emailed to it
# and typed on the next page, in the same tab (so a join link's `next` is kept), and then
# the person is signed in. Only "mandatory" keeps sign-up from revealing which emails have
# an account (ACCOUNT_PREVENT_ENUMERATION below); "optional" lets a school skip the step at
# that cost (docs/deployment.md). There the person is signed in at once and confirms later,
# whenever they read the email, so by a link: a code needs the page that asked for it.
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "mandatory").lower()
if ACCOUNT_EMAIL_VERIFICATION not in ("mandatory", "optional", "none"):
    raise ImproperEnvironment(
        f"ACCOUNT_EMAIL_VERIFICATION={ACCOUNT_EMAIL_VERIFICATION!r} is not one of: "
        "mandatory, optional, none."
    )
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = ACCOUNT_EMAIL_VERIFICATION == "mandatory"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's limits on signing in, signing up, resets and emailed codes, counted in the cache
# (shared by every web process on Redis). A class signs in and up together from one school
# address, so the per-address limits leave room for it; per email ("key") they stay tight.
# ACCOUNT_RATE_LIMITS_ENABLED=0 turns them off (a load test from one machine).
ACCOUNT_RATE_LIMITS = (
    {
        "login": "90/m/ip",
        "login_failed": "20/m/ip,5/5m/key",
        "signup": "60/m/ip",
        "reset_password": "20/m/ip,5/h/key",
        "reset_password_from_key": "20/m/ip",
        "request_login_code": "30/m/ip,5/h/key",
        "change_password": "5/m/user",
        "manage_email": "10/m/user",
        "reauthenticate": "10/m/user",
    }
    if env_bool("ACCOUNT_RATE_LIMITS_ENABLED", True)
    else False
)
# Behind this many reverse proxies, the client's address is read from X-Forwarded-For (by
# allauth's limits and rapport.core.ratelimits); 0 reads the connection's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0)
# No account enumeration: with verification mandatory, signing up with an email that has an
# account leads to the same page asking for the emailed code as a new one, and the owner is
# told by email instead; resets and emailed codes for an unknown email answer as for a known
# one.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "rapport.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "rapport.courses.signup.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Rapport: "

# --- Email --------------------------------------------------------------------------------
globals().update(email_settings(env_url("EMAIL_URL", schemes=set(EMAIL_BACKENDS))))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Rapport <rapport@localhost>")

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "rapport" / "static"]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"  # nothing serves this path: media goes through permission-checked views
STORAGES = {
    # A file that can't be written (the disk full) leaves nothing behind and is refused
    # with a message (rapport.core.storages).
    "default": {"BACKEND": "rapport.core.storages.TidyFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads in a private S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set. Views
# check who may see a file, then send the browser to the bucket with a link signed for
# MEDIA_LINK_SECONDS (rapport.core.offload): the bytes never pass through Python.
MEDIA_LINK_SECONDS = env_int("MEDIA_LINK_SECONDS", 900, minimum=60)
S3_STORAGE_OPTIONS = s3_storage_options(link_seconds=MEDIA_LINK_SECONDS)
if S3_STORAGE_OPTIONS:
    STORAGES["default"] = {
        "BACKEND": "rapport.core.storages.PrivateS3Storage",
        "OPTIONS": S3_STORAGE_OPTIONS,
    }
# Where browsers fetch stored files from besides this site (the CSP allows them).
MEDIA_ORIGINS = s3_media_origins(S3_STORAGE_OPTIONS)
# On a filesystem storage behind nginx: the URL prefix of nginx's `internal` location that
# serves MEDIA_ROOT, e.g. /protected-media/. Views then answer with X-Accel-Redirect and
# nginx sends the file, ranges and all (deploy/nginx/rapport.conf).
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT") or None
if MEDIA_ACCEL_REDIRECT and not (
    MEDIA_ACCEL_REDIRECT.startswith("/") and MEDIA_ACCEL_REDIRECT.endswith("/")
):
    raise ImproperEnvironment(
        "MEDIA_ACCEL_REDIRECT must be a path that starts and ends with /, e.g. /protected-media/."
    )
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 5 * 1024 * 1024, minimum=1)
PHOTO_MAX_SIDE = env_int("PHOTO_MAX_SIDE", 4096, minimum=64)
PRONUNCIATION_MAX_SECONDS = env_int("PRONUNCIATION_MAX_SECONDS", 15, minimum=1)
PRONUNCIATION_MAX_BYTES = env_int("PRONUNCIATION_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
MEDIA_MAX_BYTES = env_int("MEDIA_MAX_BYTES", 200 * 1024 * 1024, minimum=1)
MEDIA_MAX_SECONDS = env_int("MEDIA_MAX_SECONDS", 600, minimum=1)
MEDIA_QUOTA_BYTES = env_int("MEDIA_QUOTA_BYTES", 1024**3, minimum=1)  # per person
# Anonymous survey results are held until this many people have answered, then shown in
# batches of this size, so no single new answer can be told apart from the others.
SURVEY_ANONYMOUS_MIN_ANSWERS = env_int("SURVEY_ANONYMOUS_MIN_ANSWERS", 5, minimum=1)

# --- REST API (docs/api.md) ---------------------------------------------------------------
# Requests per token per minute, reads and writes counted apart; past them, 429.
API_READS_PER_MINUTE = env_int("API_READS_PER_MINUTE", 600, minimum=1)
API_WRITES_PER_MINUTE = env_int("API_WRITES_PER_MINUTE", 60, minimum=1)

# --- Security -----------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads nothing from it: the token is in <body hx-headers>
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS only: a plain-HTTP request is redirected (the proxy says which it was, above).
    # HSTS is off until SECURE_HSTS_SECONDS is set, since browsers then refuse plain HTTP
    # to the host for that long; once on, it covers subdomains and allows preloading
    # unless the environment says otherwise (`check --deploy` asks for both).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Content-Security-Policy (django-csp): everything from this site only, no inline script or
# style, no eval; pages that need more say so on their own views (the admin, the API docs).
# Recording needs blob: media; a chart's own <style> carries the request's nonce
# (core.templatetags.charts). frame-ancestors is 'none' (X-Frame-Options too), except
# for a session launched from an LMS, whose platform may frame it (core.security).
CSP_SELF, CSP_NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [CSP_SELF],
        "script-src": [CSP_SELF],
        "style-src": [CSP_SELF, NONCE],
        # MEDIA_ORIGINS: the bucket a stored file's signed link sends the browser to
        "img-src": [CSP_SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "media-src": [CSP_SELF, "blob:", *MEDIA_ORIGINS],
        # 'self' covers this host's ws:// and wss:// in current browsers; the site's own
        # socket origin is named too, for browsers that read 'self' as http(s) only.
        "connect-src": [CSP_SELF, SITE_URL.replace("http", "ws", 1), *MEDIA_ORIGINS],
        "font-src": [CSP_SELF],
        "object-src": [CSP_NONE],
        "base-uri": [CSP_SELF],
        "form-action": [CSP_SELF],
        "frame-ancestors": [CSP_NONE],
    }
}
# Camera and microphone for recordings on this site; no other powerful feature anywhere.
PERMISSIONS_POLICY = {
    "camera": [CSP_SELF],
    "microphone": [CSP_SELF],
    "display-capture": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "serial": [],
    "hid": [],
    "midi": [],
    "accelerometer": [],
    "gyroscope": [],
    "magnetometer": [],
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# A sign-in lasts two weeks (a shared school computer forgets it sooner on sign-out), and
# SameSite=Lax keeps the cookies off other sites' POSTs (LTI_IFRAME_COOKIES below relaxes that
# for LMS frames).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 14 * 24 * 3600, minimum=300)
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Rapport inside an LMS's iframe is a third-party site there: its session and CSRF cookies
# only come back with SameSite=None, which browsers accept only on Secure cookies, so this
# needs HTTPS (behind a proxy, X-Forwarded-Proto as above). Off by default so plain-HTTP
# `make run` keeps working (docs/lti.md).
if env_bool("LTI_IFRAME_COOKIES", False):
    SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "None"
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # The task worker installs its own handler; propagating would print each line twice.
    "loggers": {"huey": {"propagate": False}},
}
