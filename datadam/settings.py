"""Django settings for Datadam. Everything a deployment changes comes from DATADAM_* variables."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from datadam.core.env import env_bool, env_float, env_int, env_list, env_networks, env_path, env_str
from datadam.operations.logs import logging_config

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("DATADAM_DATA_DIR", Path.cwd() / "var")

DEBUG = env_bool("DATADAM_DEBUG", False)
SECRET_KEY = env_str("DATADAM_SECRET_KEY") or "insecure-development-key-set-DATADAM_SECRET_KEY"
ALLOWED_HOSTS = env_list("DATADAM_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DATADAM_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django_tasks_db",
    # Only for its API docs page: with the app installed it serves Swagger UI from our own static files
    # (no CDN, no inline script), which the Content-Security-Policy below allows.
    "ninja",
    "axes",
    "datadam.core",
    "datadam.operations",
    "datadam.metrics",
    "datadam.accounts",
    "datadam.notifications",
    "datadam.projects",
    "datadam.labeling",
    "datadam.review",
    "datadam.releases",
    "datadam.pay",
    "datadam.audit",
    "datadam.quality",
    "datadam.academy",
    "datadam.jobs",
    "datadam.careers",
    "datadam.programmes",
    "datadam.catalog",
    "datadam.media",
    "datadam.assist",
    "datadam.office",
    "datadam.demo",
]

MIDDLEWARE = [
    # First, so every log line of the request, and its answer, carry the request id.
    "datadam.operations.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "datadam.core.browser_middleware.ContentSecurityPolicyForPages",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "datadam.core.middleware.UploadLimitMiddleware",
    "datadam.core.browser_middleware.SessionForPages",
    "django.middleware.locale.LocaleMiddleware",
    "datadam.core.easy_read.EasyReadMiddleware",
    "django.middleware.common.CommonMiddleware",
    "datadam.core.browser_middleware.CsrfForPages",
    "datadam.core.browser_middleware.AuthenticationForPages",
    "datadam.core.browser_middleware.MessagesForPages",
    "datadam.core.browser_middleware.FrameOptionsForPages",
    "datadam.core.middleware.DomainErrorPageMiddleware",
    # Last, so it sees the answer of any log-in form (ours and the admin's) and turns a lockout into a 429.
    "datadam.core.browser_middleware.LoginLockoutForPages",
]

ROOT_URLCONF = "datadam.urls"
WSGI_APPLICATION = "datadam.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
# Axes checks every authenticate() call first, so both log-in forms (ours and the admin's) share one lock.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "datadam.notifications.context_processors.notifications",
                "datadam.core.easy_read.easy_read",
            ],
        },
    }
]


def _database() -> dict:
    url = env_str("DATADAM_DATABASE_URL")
    if url:
        database = dj_database_url.parse(
            url, conn_max_age=env_int("DATADAM_DB_CONN_MAX_AGE", 600), conn_health_checks=True
        )
        if database["ENGINE"] == "django.db.backends.postgresql":
            database["ENGINE"] = "datadam.core.postgresql"  # health checks after a pause, prepared statements
            # The loop's statements are prepared on their second use on a connection. Behind PgBouncer older
            # than 1.21 (or without max_prepared_statements) turn this off.
            prepared = env_bool("DATADAM_DB_PREPARED_STATEMENTS", True)
            database.setdefault("OPTIONS", {})["prepare_threshold"] = 1 if prepared else None
        elif database["ENGINE"] == "django.db.backends.sqlite3":
            database["ENGINE"] = "datadam.core.sqlite3"  # writers queue for the lock in the kernel
        return database
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # a fresh machine: the SQLite file needs its folder
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN, so two
    # transactions never both read a free slot and then fight over upgrading to a write lock.
    return {
        "ENGINE": "datadam.core.sqlite3",  # writers queue for the lock in the kernel (its docstring)
        "NAME": DATA_DIR / "datadam.sqlite3",
        # Keep each thread's connection: opening SQLite and running the PRAGMAs costs about 1 ms a request.
        "CONN_MAX_AGE": env_int("DATADAM_DB_CONN_MAX_AGE", 600),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON",
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "imports", "exports"],
    }
}
# Task workers write a heartbeat this often; a running job whose worker has not beaten for LOST seconds is run
# again by another worker, up to MAX_ATTEMPTS starts in all, then marked failed (datadam/operations/reaper.py).
DATADAM_WORKER_BEAT_SECONDS = env_float("DATADAM_WORKER_BEAT_SECONDS", 10.0)
DATADAM_WORKER_LOST_SECONDS = env_float("DATADAM_WORKER_LOST_SECONDS", 60.0)
DATADAM_JOB_MAX_ATTEMPTS = env_int("DATADAM_JOB_MAX_ATTEMPTS", 3)
# GET /metrics (Prometheus) answers a scraper showing this token ("Authorization: Bearer <token>") or coming from
# one of these addresses or CIDR ranges; with neither set it answers nobody.
DATADAM_METRICS_TOKEN = env_str("DATADAM_METRICS_TOKEN")
DATADAM_METRICS_ALLOWED_ADDRESSES = env_networks("DATADAM_METRICS_ALLOWED_ADDRESSES", [])
# Tests only: jobs wait at their pause points until the test lets them go (datadam/operations/pause.py).
DATADAM_TEST_PAUSE_DIR = env_str("DATADAM_TEST_PAUSE_DIR")

STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": DATA_DIR / "media"},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("DATADAM_TIME_ZONE", "Asia/Seoul")

# Database sessions that know their person, so a new password ends that person's other log-ins.
SESSION_ENGINE = "datadam.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Scripts come only from our own static files: no inline <script>, no on...= handlers, no eval (htmx's
# allowEval is off in frontend/src/app.ts). JSON data blocks from json_script are not run, so they need nothing.
# Styles allow 'unsafe-inline' on purpose: the text widget's highlight renderer writes a <style> element, widget
# swatches and a few templates set style attributes. A style cannot run script, so this keeps the change small
# while script-src carries the protection against injected markup.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "media-src": [CSP.SELF, "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "worker-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# DATADAM_HTTPS=true: the site is reached over HTTPS, through a proxy that sets X-Forwarded-Proto (and drops
# the header when a client sends it). Browsers then get only secure cookies and remember to use HTTPS.
DATADAM_HTTPS = env_bool("DATADAM_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = DATADAM_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if DATADAM_HTTPS else None
SECURE_SSL_REDIRECT = DATADAM_HTTPS
SECURE_REDIRECT_EXEMPT = [r"^health(/ready)?$"]  # the load balancer checks over plain HTTP
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if DATADAM_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = False  # other sites on the same domain may not speak HTTPS yet

DATADAM_MAX_UPLOAD_BYTES = env_int("DATADAM_MAX_UPLOAD_MB", 200) * 1024 * 1024
# Uploads bigger than this go to a background task with a progress page.
DATADAM_IMPORT_INLINE_BYTES = env_int("DATADAM_IMPORT_INLINE_KB", 2048) * 1024
# Log-in protection (django-axes, counted in the database so every web process agrees). Wrong passwords are
# counted per user name *and* address, so an attacker elsewhere cannot lock a person out, and per address over
# all user names, so one address cannot try many accounts. The per-address limit is high enough for a classroom
# of trainees behind one address on their first day.
DATADAM_LOGIN_MAX_FAILURES = env_int("DATADAM_LOGIN_MAX_FAILURES", 5)
DATADAM_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("DATADAM_LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
DATADAM_LOGIN_WINDOW_SECONDS = env_int("DATADAM_LOGIN_WINDOW_SECONDS", 900)
# Proxies (load balancers) whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated.
DATADAM_TRUSTED_PROXIES = env_networks("DATADAM_TRUSTED_PROXIES", [])
AXES_HANDLER = "datadam.accounts.lockout.LoginLockoutHandler"
AXES_FAILURE_LIMIT = DATADAM_LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(seconds=DATADAM_LOGIN_WINDOW_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "datadam.core.client_address.client_address"
AXES_USERNAME_CALLABLE = "datadam.accounts.lockout.login_username"
AXES_LOCKOUT_CALLABLE = "datadam.accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
# axes looks for its middleware by its own name; LoginLockoutForPages is that class, passed by token calls only
# (a test asserts it stays in MIDDLEWARE).
SILENCED_SYSTEM_CHECKS = ["axes.W002"]
# A try while locked out does not push the end of the lock further, so the time the page names holds.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Successful log-ins are not kept: addresses are personal data and the consent text promises no such log.
AXES_DISABLE_ACCESS_LOG = True
# Password-reset mails: at most this many per email address and per client address in the window.
DATADAM_PASSWORD_RESET_PER_EMAIL = env_int("DATADAM_PASSWORD_RESET_PER_EMAIL", 3)
# Fernet keys for encrypted fields (payout details), comma-separated: the first encrypts, all decrypt.
DATADAM_FIELD_KEYS = env_list("DATADAM_FIELD_KEY", [])
DATADAM_PASSWORD_RESET_PER_ADDRESS = env_int("DATADAM_PASSWORD_RESET_PER_ADDRESS", 10)
DATADAM_PASSWORD_RESET_WINDOW_SECONDS = env_int("DATADAM_PASSWORD_RESET_WINDOW_SECONDS", 3600)
PASSWORD_RESET_TIMEOUT = env_int("DATADAM_PASSWORD_RESET_LINK_SECONDS", 3 * 3600)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024


def _mailer() -> dict:
    """DATADAM_EMAIL_URL: unset or console:// → console, file:///dir → files, locmem:// → memory (tests),
    smtp[s]://user:pass@host:port → SMTP."""
    url = env_str("DATADAM_EMAIL_URL")
    parts = urlsplit(url)
    if not url or parts.scheme in {"console", "locmem"}:
        return {"BACKEND": f"django.core.mail.backends.{parts.scheme or 'console'}.EmailBackend"}
    if parts.scheme == "file":
        return {"BACKEND": "django.core.mail.backends.filebased.EmailBackend", "OPTIONS": {"file_path": parts.path}}
    if parts.scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            "DATADAM_EMAIL_URL must start with smtp://, smtps://, file://, console:// or locmem://"
        )
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if parts.scheme == "smtps" else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": parts.scheme == "smtps",
    }
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = env_str("DATADAM_FROM_EMAIL", "datadam@localhost")

# DATADAM_LOG_FORMAT=json: one JSON object a line; text or JSON, every line names its request id.
LOGGING = logging_config(env_str("DATADAM_LOG_FORMAT", "text"), env_str("DATADAM_LOG_LEVEL", "WARNING"))

# Media import and serving (datadam/media).
# Folders on the server a manager may import media from; nothing outside them is read.
DATADAM_IMPORT_ROOTS = [Path(root).expanduser().resolve() for root in env_list("DATADAM_IMPORT_ROOTS", [])]
# Hosts that media URL imports may reach even on private or loopback addresses (an intranet file server):
# "files.intra" on ports 80 and 443 only, "files.intra:8081" on that port only.
DATADAM_URL_ALLOWLIST = [host.lower() for host in env_list("DATADAM_URL_ALLOWLIST", [])]
DATADAM_URL_FETCH_SECONDS = env_int("DATADAM_URL_FETCH_SECONDS", 30)
# The most all files of one ZIP may hold once unpacked (a ZIP bomb stops here).
DATADAM_ZIP_MAX_TOTAL_BYTES = env_int("DATADAM_ZIP_MAX_TOTAL_MB", 4096) * 1024 * 1024
DATADAM_IMAGE_MAX_PIXELS = env_int("DATADAM_IMAGE_MAX_PIXELS", 100_000_000)
# How long a media link handed to a browser works.
DATADAM_MEDIA_URL_SECONDS = env_int("DATADAM_MEDIA_URL_SECONDS", 900)
# Object storage (S3 API) for media and for importing from a bucket; unset keeps media on the local disk.
DATADAM_S3_ENDPOINT_URL = env_str("DATADAM_S3_ENDPOINT_URL")
DATADAM_S3_ACCESS_KEY = env_str("DATADAM_S3_ACCESS_KEY")
DATADAM_S3_SECRET_KEY = env_str("DATADAM_S3_SECRET_KEY")
DATADAM_S3_REGION = env_str("DATADAM_S3_REGION", "us-east-1")
DATADAM_S3_MEDIA_BUCKET = env_str("DATADAM_S3_MEDIA_BUCKET")
STORAGES["media"] = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DATADAM_S3_MEDIA_BUCKET,
            "endpoint_url": DATADAM_S3_ENDPOINT_URL or None,
            "access_key": DATADAM_S3_ACCESS_KEY or None,
            "secret_key": DATADAM_S3_SECRET_KEY or None,
            "region_name": DATADAM_S3_REGION,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if DATADAM_S3_MEDIA_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DATA_DIR / "media"}}
)
# With a bucket, uploaded import files, exports and release files go there too: web nodes and workers behind a
# load balancer share no local disk, so what one of them writes must be readable by all. Keys do not collide:
# media files sit under media/, the rest under imports/, exports/ and releases/.
if DATADAM_S3_MEDIA_BUCKET:
    STORAGES["default"] = STORAGES["media"]
