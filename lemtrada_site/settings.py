"""
Settings for the Lemtrada patient-information site.

Everything that differs between a laptop and production comes from the environment (see
.env.example). With DEBUG=1 the defaults are safe for development; with DEBUG off the site
refuses to start without a SECRET_KEY.
"""

import ipaddress
import os
from email.utils import formataddr, parseaddr
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example), or set DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"

# The public address in every absolute link the site makes (mail, the feed): never the request's
# Host header, which a client chooses. `check --deploy` warns while it is unset. In development it
# is where `make run` serves (`make run HOST=… PORT=…` sets it), and the host and origin defaults
# below follow it.
SITE_URL = (os.environ.get("SITE_URL") or ("http://127.0.0.1:8000" if DEBUG else "")).rstrip("/")
_site = urlsplit(SITE_URL)
_dev_hosts = ["localhost", "127.0.0.1", "[::1]", "testserver", *([_site.hostname] if _site.hostname else [])]
_dev_port = f":{_site.port}" if _site.port else ""
_dev_origins = [f"http://localhost{_dev_port}", f"http://127.0.0.1{_dev_port}", *([SITE_URL] if SITE_URL else [])]
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", dict.fromkeys(_dev_hosts) if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", dict.fromkeys(_dev_origins) if DEBUG else [])

INSTALLED_APPS = [
    "lemtrada_site.admin.LemtradaAdminConfig",  # django.contrib.admin, with the moderation queue on its home
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search and pg_trgm on PostgreSQL (search/)
    "django.contrib.sitemaps",
    "markdownx",
    "simple_history",
    "axes",
    "django_tasks_db",
    "lemtrada_site",  # the site's own template tags and commands (lemtrada_site/apps.py)
    "pages",
    "stories",
    "planner",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "lemtrada_site.middleware.PermissionsPolicyMiddleware",
    "lemtrada_site.middleware.PrivatePagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A page served from the cache goes back from here: the middleware above add their headers to it
    # (HTTPS, nosniff, referrer policy...), the Content-Security-Policy and X-Frame-Options below are
    # kept with the page, and the rest only matter to a page being rendered.
    "lemtrada_site.page_cache.PageCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "lemtrada_site.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "lemtrada_site.urls"
WSGI_APPLICATION = "lemtrada_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site_navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------------------------
# Two caches: "default" holds the hourly allowances' counters, "pages" the page cache's copies of
# public pages (lemtrada_site/page_cache.py). In production give the copies a Redis of their own with
# a memory limit (PAGE_CACHE_URL; docs/deploy.md), so a full cache never evicts a counter.
REDIS_URL = os.environ.get("REDIS_URL", "")
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL") or REDIS_URL


def redis_cache(url):
    # If Redis goes down the site keeps serving: this backend logs a warning and acts as a miss.
    return {
        "BACKEND": "lemtrada_site.cache.FailOpenRedisCache",
        "LOCATION": url,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


CACHES = {
    "default": redis_cache(REDIS_URL) if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": redis_cache(PAGE_CACHE_URL)
    if PAGE_CACHE_URL
    else {"BACKEND": "lemtrada_site.cache.LocalPageCache", "LOCATION": "pages", "OPTIONS": {"MAX_ENTRIES": 2000}},
}

# --- Mail ---------------------------------------------------------------------------------------


def mailer_from_url(url):
    """Turn EMAIL_URL (smtp://, smtps://, consolemail://) into a MAILERS entry."""
    parts = urlsplit(url)
    if parts.scheme in {"console", "consolemail", ""}:
        return {"BACKEND": "lemtrada_site.console_mail.EmailBackend"}  # readable: decoded, links whole
    if parts.scheme in {"locmem", "memorymail"}:
        return {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parts.scheme not in {"smtp", "smtps", "submission"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme {parts.scheme!r}: use smtp://, smtps:// or consolemail://"
        )
    query = parse_qs(parts.query)
    options = {
        "host": parts.hostname or "localhost",
        "port": parts.port or (465 if parts.scheme == "smtps" else 587 if parts.scheme == "submission" else 25),
        "username": unquote(parts.username or ""),
        "password": unquote(parts.password or ""),
        "use_ssl": parts.scheme == "smtps",
        "use_tls": parts.scheme == "submission" or query.get("tls", ["0"])[0].lower() in {"1", "true", "yes", "on"},
        "timeout": 10,
    }
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


MAILERS = {"default": mailer_from_url(os.environ.get("EMAIL_URL", "consolemail://"))}
# The sender of mail to authors (receipts, decisions).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lemtrada patient stories <stories@localhost>")
# The sender of mail to the site's own staff (new stories for moderators, readers' messages, review reminders,
# error reports): named for them, from the same mailbox unless STAFF_FROM_EMAIL names another.
STAFF_FROM_EMAIL = os.environ.get("STAFF_FROM_EMAIL") or formataddr(
    ("Lemtrada site staff", parseaddr(DEFAULT_FROM_EMAIL)[1])
)
SERVER_EMAIL = STAFF_FROM_EMAIL

# --- Passwords and sessions ---------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SESSION_COOKIE_HTTPONLY = True
# Sessions live in the database, not the cache, so a Redis outage logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CSRF_FAILURE_VIEW = "lemtrada_site.views.csrf_failure"

# --- Behind the TLS proxy (production) ----------------------------------------------------------
# The proxy terminates TLS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer's health check speaks plain HTTP to the app.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True

# --- Admin login lockout (django-axes) ----------------------------------------------------------
# Five wrong passwords for one account from one client lock that pair out for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The same idea of "the client" as the story rate limit, so CLIENT_IP_HEADER works for both.
AXES_CLIENT_IP_CALLABLE = "lemtrada_site.clients.client_address"
# No "AXES: BEGIN version …" banner before every command.
AXES_VERBOSE = False

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
# Our own date and time formats (lemtrada_site/formats/), where Django's British ones don't suit the site.
FORMAT_MODULE_PATH = ["lemtrada_site.formats"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # In production: hashed, compressed names that WhiteNoise serves with a one-year immutable cache.
    # In development and tests: plain names, no collectstatic needed.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# WhiteNoise serves static files in every setting; in development straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if not DEBUG else 0
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# Uploads in a private S3-compatible bucket (django-storages' names), shared by every app server;
# unset, they stay on local disk under MEDIA_ROOT. See docs/deploy.md.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as S3ClientConfig

    STORAGES["default"] = {
        "BACKEND": "lemtrada_site.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY", ""),
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or "us-east-1",
            "client_config": S3ClientConfig(
                signature_version="s3v4",
                # SeaweedFS, MinIO and most S3-compatible stores want the bucket in the path.
                s3={"addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or "path"},
                # A store that hangs must not hold a web worker for a minute (botocore's default).
                connect_timeout=3,
                read_timeout=10,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }
# With uploads on local disk behind nginx: the internal location (deploy/nginx.conf) nginx sends an upload
# from once the app has said it may be seen (an X-Accel-Redirect to this prefix and the upload's name), so
# the app decides who sees a story photo and nginx sends the bytes. Unset: the app sends them itself.
MEDIA_ACCEL_REDIRECT = "" if AWS_STORAGE_BUCKET_NAME else os.environ.get("MEDIA_ACCEL_REDIRECT", "")
# Uploads reach readers through the app (lemtrada_site.views.media): behind nginx with MEDIA_ACCEL_REDIRECT,
# on a one-machine install without a proxy, and always with object storage.
SERVE_MEDIA = env_bool("SERVE_MEDIA", default=DEBUG or bool(MEDIA_ACCEL_REDIRECT)) or bool(AWS_STORAGE_BUCKET_NAME)

# Large uploads go to a temporary file, not memory; anything bigger than this is refused outright.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o644

# --- Content-Security-Policy --------------------------------------------------------------------
# Scripts only from this site, plus a per-request nonce for the rare inline script the admin needs.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
X_FRAME_OPTIONS = "DENY"
# Browser features the site never uses, turned off for every page and anything it could embed
# (lemtrada_site.middleware.PermissionsPolicyMiddleware sends it on every response).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture", "encrypted-media",
        "fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    ]
}  # fmt: skip
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Markdown editing (django-markdownx) --------------------------------------------------------
# The preview goes through the site's own sanitizing renderer; uploads through the site's own view.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "pages.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
# A text box of fixed height beside its preview (static/css/admin.css), rather than one that grows with the text
# and pushes the preview off the screen.
MARKDOWNX_EDITOR_RESIZABLE = False
EDITOR_UPLOAD_MAX_BYTES = 5 * 1024 * 1024

# --- Patient stories ----------------------------------------------------------------------------
# A form sent back faster than this is a bot (a spam trap; at most 5 seconds, per the public contract).
STORY_FORM_MIN_SECONDS = 3
STORY_PHOTO_MAX_BYTES = 10 * 1024 * 1024
# Any request body larger than this (the largest is a story with its photo) is refused unread.
REQUEST_MAX_BYTES = 12 * 1024 * 1024
# Accepted stories per client per hour. The load test raises it.
STORY_SUBMISSIONS_PER_HOUR = int(os.environ.get("STORY_SUBMISSIONS_PER_HOUR", "5"))
# Previews per client per hour: plenty for an author checking their story, not for a flood.
STORY_PREVIEWS_PER_HOUR = int(os.environ.get("STORY_PREVIEWS_PER_HOUR", "60"))
# Besides the Moderators group, these addresses hear about new stories (comma-separated).
STORY_MODERATOR_EMAILS = env_list("STORY_MODERATOR_EMAILS")
# Behind a proxy, the header that carries the client's address (e.g. X-Forwarded-For); the
# right-most address in it is the one our own proxy saw. Unset: the connection's address is used.
# Used by the story rate limit and the admin lockout.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# The proxies whose CLIENT_IP_HEADER is believed (addresses or networks, comma-separated): a connection
# from anywhere else is counted by its own address. Default: this machine (nginx beside the app).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network") from None

# --- Background work (mail, deleting erased photos; lemtrada_site/tasks.py) ---------------------
# Production queues tasks in the database, run by `manage.py worker`; development and tests run
# them at once. TASKS_BACKEND=immediate or =database overrides the choice.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND") or ("immediate" if DEBUG else "database")
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend",
        }[TASKS_BACKEND]
    }
}
# A task that fails because something outside the site is down (the mail server, the object store)
# is tried again after 30 s, 1 min, 2 min, ... then hourly.
TASK_RETRY_FIRST_SECONDS = 30
TASK_RETRY_LONGEST_SECONDS = 60 * 60
# A mail is tried this many times, about two days with those gaps: the receipt holds the author's only
# copy of their private link. (Deleting an erased photo is tried until it succeeds.)
MAIL_ATTEMPTS = 55

# --- Who runs the site (shown on /about/; `check --deploy` warns while any is unset) -------------
SITE_OWNER = os.environ.get("SITE_OWNER", "")
SITE_FUNDING = os.environ.get("SITE_FUNDING", "")
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "")
# Messages from the contact form per client per hour (the story form's spam protections apply too).
FEEDBACK_PER_HOUR = int(os.environ.get("FEEDBACK_PER_HOUR", "5"))

# --- How long we keep what people send (`manage.py housekeeping` enforces it; /privacy/ states it) ---
# A story we did not publish, counted from the decision: long enough to answer the author's questions
# about it and to recognise it if it is sent again, then its health details are kept no longer.
REJECTED_STORY_RETENTION_DAYS = int(os.environ.get("REJECTED_STORY_RETENTION_DAYS", "90"))
# A reader's message, counted from its arrival: a year, the interval between clinical reviews, so the
# next review of the page it was about can still read it.
FEEDBACK_RETENTION_DAYS = int(os.environ.get("FEEDBACK_RETENTION_DAYS", "365"))
for _name in ("REJECTED_STORY_RETENTION_DAYS", "FEEDBACK_RETENTION_DAYS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be a number of days, 1 or more.")

# --- Official links shown on every page ---------------------------------------------------------
# The regulator's reporting scheme. The leaflet's link and version are in lemtrada_site/sources.py.
SIDE_EFFECT_REPORTING_URL = "https://yellowcard.mhra.gov.uk/"

# --- Logging: everything to stdout, where the process manager collects it -----------------------
# Every line passes the redacting filter: private links and planner dates never reach a log.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "lemtrada_site.redaction.RedactingFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "server": {"format": "[%(asctime)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
        # runserver's request lines ("GET /stories/mine/... 200"), with Django's usual look.
        "server": {"class": "logging.StreamHandler", "formatter": "server", "filters": ["redact"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django gives its own loggers a console handler too; through ours alone, each line prints once.
        "django": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO"), "propagate": False},
        "django.db.backends": {"level": "WARNING"},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        # django-axes narrates every sign-in ("Cleaned up 0 expired access attempts"); failed sign-ins
        # and lockouts are warnings, and still shown.
        "axes": {"level": "WARNING"},
    },
}
