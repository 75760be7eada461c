"""Settings for the OVOP portal, read from environment variables.

Defaults serve a developer's laptop: a SQLite file beside the code, debug on and a
development secret key. Production is reached by setting variables (see
`.env.example`), never by editing this file.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from ovop.env import env_bool, env_int, env_list, env_site_url, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=True)
# Debugging shows technical error pages, so it serves this machine only unless this
# says otherwise (accounts/middleware.py).
DEBUG_ALLOW_REMOTE = env_bool("DJANGO_DEBUG_ALLOW_REMOTE", default=False)

_DEVELOPMENT_SECRET_KEY = "development-only-key-never-used-when-debug-is-off"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # django.contrib.admin, with the portal's admin site (bounded search, guarded
    # "view on site"; see portal/sites.py).
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "imagekit",
    "import_export",
    "imports",
    "simple_history",
    "axes",
    # One-time codes for the second factor (accounts/two_factor): authenticator apps
    # (TOTP) and recovery codes (static tokens).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "portal",
    "review",
    "provinces",
    "products",
    "forums",
    "showcase",
    "recognition",
    "demo",
    # Last, so that its post-migrate step finds every other app's permissions.
    "accounts",
]

MIDDLEWARE = [
    # First: with debugging on, nobody but this machine gets past it (it removes
    # itself when debugging is off).
    "accounts.middleware.LocalOnlyWhileDebuggingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL character in the address, a parameter or a cookie: 400 before any view
    # reads it (PostgreSQL refuses NUL in text; docs/decisions/0111).
    "portal.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session was confirmed with a one-time code (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Then: a session signed in with a password only, owing its code, opens no admin page.
    "accounts.two_factor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "portal.middleware.DatabaseBusyMiddleware",
    # Last, as django-axes requires: it turns a lockout into the lockout response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out client is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "ovop.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "ovop.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_health_checks=True,
    )
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. Each transaction takes the write lock when it
    # starts (IMMEDIATE), so it waits for its turn there, up to the timeout, instead of
    # failing half-way; readers never wait for writers (WAL). A wait that runs out is
    # shown as "busy, try again" (portal.middleware, imports.services).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English first, Khmer ("km" is Khmer's ISO 639-1 code, which Django uses;
# the Ministry's files call the same thing "kh").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("km", _("Khmer"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Phnom_Penh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            # WhiteNoise's compressed manifest storage; a file missing from the
            # manifest is logged, not a 500 on every page (portal/staticfiles.py).
            else "portal.staticfiles.ForgivingManifestStaticFilesStorage"
        )
    },
}

# django-import-export: imports and exports are permissions of their own, not a
# side effect of being allowed to change a record.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
# Where an upload waits between preview and confirmation: see the production block.

# Security. Everything below is on whenever debug is off; `check --deploy` is clean
# with production values (a test runs it).
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False)
    else None
)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int(
    "DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

ADMIN_URL = env_str("DJANGO_ADMIN_URL", default="admin/")
# Officials sign in at the admin; "log in" links (after a password reset) go there.
LOGIN_URL = "admin:login"

# How many reverse proxies in front of the portal append to X-Forwarded-For. With 0 the
# client is the connection's peer; with N, the N-th address from the right. Set it to
# exactly the number of proxies you run: too high lets a client choose its own address.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# django-axes: lock a client out after repeated failed logins. The client is its IP
# address as `accounts.clientip` reads it, never the proxy's, or one attacker behind the
# same proxy as everyone would lock every official out.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", default=30))
# Per address, and per account and address; accounts.lockout adds the per-account rule
# that stops distributed guessing without letting anyone lock an official out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "accounts.lockout.AccountAwareAxesHandler"
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("DJANGO_LOGIN_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_CLIENT_IP_CALLABLE = "accounts.clientip.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# The second factor (accounts/two_factor.py, docs/decisions/0125-second-factor.md). When
# required, whoever can publish, confirm results or manage users confirms each sign-in
# with a code from an authenticator app (or a recovery code); other staff may opt in.
# On whenever debugging is off; off on a laptop, so the demo logins need passwords only.
TWO_FACTOR_REQUIRED = env_bool("DJANGO_REQUIRE_TWO_FACTOR", default=not DEBUG)
# The name authenticator apps show beside the code.
OTP_TOTP_ISSUER = env_str("DJANGO_TWO_FACTOR_ISSUER", default="OVOP Cambodia")
# Wrong codes wait 1, 2, 4, 8 … seconds before the next is checked (django-otp).
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# django-csp: no inline scripts or styles anywhere, public site and admin alike. The
# few inline attributes that libraries' admin templates carry (import-export's "select
# all" toggle, three style attributes) are allowed one by one by the hash of their exact
# text, never with 'unsafe-inline'; a test checks that every one rendered is listed.
CSP_ATTRIBUTE_HASHES = {
    "script": ["'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='"],
    "style": [
        "'sha256-mHgUAqxc8GPXM/QhzkHrHujcrQTU9fd6ZjWz+icxKcA='",
        "'sha256-+YWRMZ88jMyO7jVlBA52tZADiPobPIUA8LAWee68Fvs='",
        "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='",
    ],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-hashes'", *CSP_ATTRIBUTE_HASHES["script"]],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-hashes'", *CSP_ATTRIBUTE_HASHES["style"]],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# django-simple-history: change reasons carry reviewers' comments, which may be long;
# reverting from the history page is off because it would bypass the publishing workflow.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# Mail: the password-reset links officials ask for at the admin's login page, sent by
# the task queue below. While debugging, mails are printed on the console runserver runs
# in; in production they go by SMTP to DJANGO_EMAIL_HOST. Sending gives up after
# DJANGO_EMAIL_TIMEOUT seconds, and is tried again later (OVOP_MAIL_RETRY_*).
EMAIL_BACKEND = env_str(
    "DJANGO_EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.console.EmailBackend"
        if DEBUG
        else "django.core.mail.backends.smtp.EmailBackend"
    ),
)
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set DJANGO_EMAIL_USE_TLS or DJANGO_EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="webmaster@localhost")
# Password reset (accounts/password_reset.py, docs/decisions/0121-password-reset-off-the-
# request-path.md): requests one client may make an hour, for any addresses, and for one
# address. Counted per client, so nobody else's requests can use up an official's own.
PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR = env_int(
    "DJANGO_PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR", default=10
)
PASSWORD_RESET_MAILS_PER_HOUR = env_int("DJANGO_PASSWORD_RESET_MAILS_PER_HOUR", default=3)

# The portal's address as people reach it (scheme, host, and port if not the scheme's
# own). Links in mails and on certificate PDFs (made when issued, outside any request)
# are built from it, never from a request's Host header, which the client writes.
# Required in production (`check --deploy` warns without it).
SITE_URL = env_site_url("DJANGO_SITE_URL", default="http://127.0.0.1:8000" if DEBUG else "")

# The task queue (Celery, ovop/celery.py; docs/decisions/0120-celery-task-queue.md): work
# kept off the request path, such as sending mail, runs in a worker process
# (`celery -A ovop worker`). The broker is CELERY_BROKER_URL, by default REDIS_URL's
# Redis. Without either, as on a laptop, each task runs inside the request that queues it.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or env_str("REDIS_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
# A task's failure is logged by the task; it never turns the page that queued it into a 500.
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
# A task leaves the queue when it has run, not when a worker takes it: a worker that dies
# half-way leaves it for another. Each worker process holds one task ahead at most.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The worker logs through LOGGING below, in the same format as the portal.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing from a request gives up within seconds when the broker is down or silent (the
# page answers as usual; the error is logged), instead of holding the request.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# A mail the mail server refuses or cannot take is tried again after OVOP_MAIL_RETRY_DELAY
# seconds, then twice as long each time up to OVOP_MAIL_RETRY_MAX_DELAY, OVOP_MAIL_RETRIES
# times (by default over about ten hours) before it is given up and logged as an error.
MAIL_RETRY_DELAY = env_int("OVOP_MAIL_RETRY_DELAY", default=60)
MAIL_RETRY_MAX_DELAY = env_int("OVOP_MAIL_RETRY_MAX_DELAY", default=3600)
MAIL_RETRIES = env_int("OVOP_MAIL_RETRIES", default=15)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Every key the queue writes starts with this, so several portals may share a Redis.
    "global_keyprefix": env_str("OVOP_TASK_KEY_PREFIX", default="ovop-tasks:"),
    # A task waiting to be retried is held, unacknowledged, by a worker; Redis hands it to
    # another worker after this long, so it must outlast the longest wait.
    "visibility_timeout": MAIL_RETRY_MAX_DELAY + 3600,
    "socket_connect_timeout": CELERY_BROKER_CONNECTION_TIMEOUT,
    # A broker that takes the connection but never answers; above the worker's one-second
    # wait for new tasks (BRPOP), which the broker answers within it.
    "socket_timeout": 3,
}

# Product photos: what an upload may weigh and how many pixels it may decode to.
PHOTO_MAX_BYTES = env_int("OVOP_PHOTO_MAX_BYTES", default=8 * 1024 * 1024)
PHOTO_MAX_PIXELS = env_int("OVOP_PHOTO_MAX_PIXELS", default=40_000_000)

# ---------------------------------------------------------------------------------------
# Production serving, caching and scale (gunicorn, Redis, persistent connections).
# Kept in one block: the application server reads gunicorn.conf.py; everything the
# portal itself needs to run behind it, on one server or several, is here.
# ---------------------------------------------------------------------------------------

# Persistent database connections: each worker thread keeps its connection open this
# many seconds instead of opening one per request; Django checks it is still alive
# before reusing it (conn_health_checks above). 0 closes after each request.
DATABASES["default"]["CONN_MAX_AGE"] = env_int("DATABASE_CONN_MAX_AGE", default=0 if DEBUG else 60)

# The cache. Redis (Django's own backend) when REDIS_URL is set: shared by every worker
# and every app server, which the public page cache needs to stay right after an edit.
# Without it: this process's memory while debugging (one process, runserver), and the
# database in production, so that several workers still share one cache.
# Both shared backends fail soft (portal/cache_backends.py): with Redis down or the
# cache table missing, pages are served uncached, photo renditions are looked up in
# the media storage, the outage is logged once and /healthz reports the cache down.
# Redis gives up on a connection after half a second and on an answer after one, so
# a Redis that hangs cannot hold a worker either; size it with maxmemory and
# allkeys-lru (README, "Production").
REDIS_URL = env_str("REDIS_URL")
CACHE_KEY_PREFIX = env_str("OVOP_CACHE_KEY_PREFIX", default="ovop")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache_backends.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
        }
    }
elif DEBUG:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache_backends.FailSoftDatabaseCache",
            "LOCATION": "portal_cache",
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
# django-imagekit keeps each photo rendition's state (made or not) in the default
# cache; while that cache is down it finds no state and asks the media storage.
IMAGEKIT_CACHE_BACKEND = "default"

# Public pages are kept in the cache this many seconds for visitors without a session
# (0 turns the page cache off). Any change to a record of these apps, once committed,
# makes every cached page stale at once (portal/caching.py); the lifetime is a safety
# net for writes that bypass Django's signals, and bounds how long a certificate that
# expired at midnight may still show as current. "portal" is listed for records
# the apps share there (a publishing workflow's revisions, say).
PUBLIC_PAGE_CACHE_SECONDS = env_int("OVOP_PUBLIC_CACHE_SECONDS", default=600)
PUBLIC_CONTENT_APPS = ["portal", "provinces", "products", "forums", "recognition", "imports"]

# Where an upload waits between an import's preview and its confirmation: in
# production the shared media storage, so that the confirming request may reach
# another worker or another server than the preview did.
IMPORT_EXPORT_TMP_STORAGE_CLASS = env_str(
    "DJANGO_IMPORT_TMP_STORAGE",
    default=(
        "import_export.tmp_storages.TempFolderStorage"
        if DEBUG
        else "import_export.tmp_storages.MediaStorage"
    ),
)

# A load balancer's health probe comes over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logs go to standard output for the process manager to collect: one JSON object per
# line in production (python-json-logger), plain text while debugging.
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or text; got {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC, whatever the portal's time zone.
            "timestamp": "time",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    # WeasyPrint (certificates) logs every step of every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}
