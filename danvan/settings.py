"""Settings for the Dân vận portal.

Every value that differs between a laptop and a server is read from the
environment (or a `.env` file beside `manage.py`); the defaults give a
zero-configuration first run on SQLite. README.md lists the variables.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from danvan.addresses import trusted_proxy_count

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-change-me"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The development default fails `check --deploy` (danvan/checks.py): set a real key in production.
SECRET_KEY = env.str("SECRET_KEY", default=DEV_SECRET_KEY)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_htmx",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "danvan",
    # Before django_tasks_db: its `db_worker` command is wrapped by danvan.jobs (heartbeat and sweep).
    "danvan.jobs",
    "django_tasks",
    "django_tasks_db",
    "units",
    "plans",
    "models_registry",
    "reports",
    "register",
    "signing",
    "public",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside every middleware that reads the database: runs a GET again over a dropped connection,
    # and answers 503 pages for a lost database or a refused file write.
    "danvan.middleware.ServiceUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "units.twofactor.RequireTwoFactorMiddleware",
    "danvan.audit.AuditContextMiddleware",
    "danvan.middleware.SessionLifetimeMiddleware",
    "danvan.middleware.NoStoreForAuthenticatedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "units.throttle.LoginThrottleMiddleware",
    # AxesMiddleware must be last: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "danvan.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# A connection serves a worker's requests for a minute: on SQLite too, whose page cache is then kept between
# requests instead of read again from the file by every page (issue 19).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several test workers and the dev server share the file: wait rather than fail.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
else:
    # Through PgBouncer in transaction mode a connection serves another client between transactions:
    # no server-side cursors (and the database's own time zone set to UTC, so Django sets none).
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env.bool("PGBOUNCER", default=False)
    if REPLICA_URL := env.str("REPLICA_DATABASE_URL", default=""):
        # A streaming replica for the reads marked in danvan/replicas.py (roll-ups, dashboards, exports).
        DATABASES["replica"] = {**env.db_url_config(REPLICA_URL), "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"]}
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
        DATABASE_ROUTERS = ["danvan.replicas.ReplicaRouter"]
        MIDDLEWARE.insert(
            MIDDLEWARE.index("django_htmx.middleware.HtmxMiddleware"), "danvan.replicas.ReplicaPagesMiddleware"
        )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "units.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "units.passwords.ContextWordsValidator"},
]
# No forced rotation and no upper limit below 64 characters (OWASP ASVS 5.0, V6).

# Two-factor authentication (TOTP app plus one-time backup codes) for leaders and administrators.
# Enforced whenever DEBUG is off; `make run` (DEBUG on) leaves it off so the demo logins work at once.
TWO_FACTOR_ENFORCED = env.bool("TWO_FACTOR_ENFORCED", default=not DEBUG)
OTP_TOTP_ISSUER = "Cổng Dân vận"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Internationalisation: Vietnamese only, Vietnam's clock, dd/mm/yyyy everywhere.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

# Static and uploaded files.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "danvan.storage.PortalFileSystemStorage"},  # a refused write is a 503, not a 500
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and env.bool("MANIFEST_STATIC", default=True)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Shared state, for more than one web node (docs/deploy.md). Each is off the local box only when its
# variable is set; unset, the portal keeps today's local default (files on disk, cache in the process).
# Files on any S3-compatible store (SeaweedFS, Garage, a cloud's): uploads and issued copies alike.
if S3_BUCKET := env.str("S3_BUCKET", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="us-east-1"),
            "access_key": env.str("S3_ACCESS_KEY", default=""),
            "secret_key": env.str("S3_SECRET_KEY", default=""),
            "addressing_style": "path",  # SeaweedFS and Garage serve buckets under the path
            "file_overwrite": False,  # a second file of the same name gets its own key, as on disk
            "default_acl": None,  # private: every file is served through the portal's permission checks
            "querystring_auth": True,
        },
    }
# Without Redis the cache is files on this machine, so every process of the portal (the web workers and the job
# worker) reads the same cached figures, counts and login throttles, and a change made in one drops them for all;
# Django's default, a memory cache per process, would keep showing a worker what another has changed.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env.str("CACHE_DIR", default=str(BASE_DIR / ".cache")),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}
# Cache and sessions in Redis: the login throttle and every rate limit are then shared by all nodes.
if REDIS_URL := env.str("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "danvan",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Official documents (danvan/documents.py): each PDF is laid out in a child process with these limits.
DOCUMENT_RENDER_TIMEOUT = env.int("DOCUMENT_RENDER_TIMEOUT", default=60)  # seconds of CPU time: the real bound
# Wall-clock seconds a render may take: generous, so a niced child on a loaded box still finishes.
DOCUMENT_RENDER_WALL_SECONDS = env.int("DOCUMENT_RENDER_WALL_SECONDS", default=3 * DOCUMENT_RENDER_TIMEOUT)
# Seconds a download request waits for its render before the render goes on in the background.
DOCUMENT_INTERACTIVE_SECONDS = env.float("DOCUMENT_INTERACTIVE_SECONDS", default=4)
# Estimated pages above which a document goes straight to the background (danvan/document_budget.py).
DOCUMENT_BACKGROUND_PAGES = env.int("DOCUMENT_BACKGROUND_PAGES", default=20)
# Characters of text a plan may hold in all (header, bases, sections, tasks): far below what the renderer
# can lay out within its limits (docs/operations.md has the measurement).
PLAN_MAX_TEXT_CHARS = env.int("PLAN_MAX_TEXT_CHARS", default=250_000)
DOCUMENT_RENDER_MEMORY_MB = env.int("DOCUMENT_RENDER_MEMORY_MB", default=2048)  # address space of the child
DOCUMENT_MAX_HTML_BYTES = env.int("DOCUMENT_MAX_HTML_BYTES", default=8 * 1024 * 1024)
# Warm render children each worker keeps waiting (danvan/document_pool.py); 0: start a child per render.
DOCUMENT_RENDER_POOL = env.int("DOCUMENT_RENDER_POOL", default=1)

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Sessions: 30 minutes idle (refreshed on each request), 8 hours at most.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
# Not on every request: danvan.middleware.SessionLifetimeMiddleware saves an active session once a minute.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=8 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login lockout: username and address together, so nobody can lock the
# chairman out from elsewhere; answered with 429 until the cool-off passes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# Behind a reverse proxy, the client's address is read from X-Forwarded-For through this many
# trusted proxies (BEHIND_PROXY=1, on, or the count); without it the header is ignored.
TRUSTED_PROXY_COUNT = trusted_proxy_count(env.str("BEHIND_PROXY", default="0"))
AXES_CLIENT_IP_CALLABLE = "danvan.addresses.client_ip"
# Beyond the name-and-address lock, one address trying many names and one name tried from many
# addresses wait 2, 4, 8... seconds after this many failures, never more than the maximum
# (units/throttle.py); counters live in the cache and are forgotten a window after the last failure.
LOGIN_THROTTLE_FREE_FAILURES = env.int("LOGIN_THROTTLE_FREE_FAILURES", default=10)
LOGIN_THROTTLE_MAX_SECONDS = env.int("LOGIN_THROTTLE_MAX_SECONDS", default=300)
LOGIN_THROTTLE_WINDOW_SECONDS = env.int("LOGIN_THROTTLE_WINDOW_SECONDS", default=3600)

# Content Security Policy: our own files only, no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

# Security headers. Production (DEBUG off) is HTTPS-only by default.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
_https = env.bool("HTTPS", default=not DEBUG)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=_https)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
if TRUSTED_PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if _https:
    # The __Host- prefix pins cookies to this exact host over HTTPS.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"

# Email: printed on the console unless a server is configured.
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
# Seconds a mail server may take before a send gives up: notification emails go out after a move's
# commit, inside the request, so a dead server must not hold it long (units/emails.py).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng Dân vận <no-reply@localhost>")
# Public address of the portal, the start of links in emails (reminders): e.g. https://danvan.example.gov.vn
SITE_URL = env.str("SITE_URL", default="")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background jobs (danvan/jobs/): Django's Tasks API through django-tasks. TASKS_BACKEND picks the queue:
# "db" (default: the database, worker `manage.py db_worker`, no other server) or "immediate" (run in the
# calling process, for tests and scripts) or "rq" (Redis through django-tasks-rq, worker `manage.py rqworker`).
TASKS_BACKEND = env.str("TASKS_BACKEND", default="db")
TASKS_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "rq": "django_tasks_rq.RQBackend",
}
if TASKS_BACKEND not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND={TASKS_BACKEND!r}: choose one of {', '.join(TASKS_BACKENDS)}")
if TASKS_BACKEND == "rq":
    # The queue in Redis (RQ_REDIS_URL, else REDIS_URL): RQ's keys start with "rq:", so it may share the cache's
    # database. After danvan.jobs, whose `rqworker` wraps django-rq's (heartbeat and sweep, jobs in the process).
    if not (RQ_REDIS_URL := env.str("RQ_REDIS_URL", default=REDIS_URL)):
        raise ImproperlyConfigured("TASKS_BACKEND=rq needs REDIS_URL (or RQ_REDIS_URL)")
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # DEFAULT_TIMEOUT: RQ stops a job after this many seconds; above the renderer's wall-clock limit.
    RQ_QUEUES = {"default": {"URL": RQ_REDIS_URL, "DEFAULT_TIMEOUT": env.int("RQ_JOB_TIMEOUT", default=900)}}
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
JOBS_MAX_ATTEMPTS = env.int("JOBS_MAX_ATTEMPTS", default=3)  # runs of one job before a killed worker fails it
JOBS_STALE_SECONDS = env.float("JOBS_STALE_SECONDS", default=60)  # no heartbeat for this long: the worker died
JOBS_HEARTBEAT_SECONDS = env.float("JOBS_HEARTBEAT_SECONDS", default=5)
JOBS_SWEEP_SECONDS = env.float("JOBS_SWEEP_SECONDS", default=30)  # how often each worker sweeps stale jobs
JOBS_PROGRESS_INTERVAL = env.float("JOBS_PROGRESS_INTERVAL", default=0.5)  # least seconds between progress writes

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
    },
}

# Digital signatures of issued documents (signing/, docs/signing.md); named PDF_SIGNING_* because SIGNING_BACKEND is
# Django's own cookie signer. PDF_SIGNING_BACKEND: "" (off: the issued
# copy is stored unsigned), "pkcs12", "pkcs11" or "remote". `make run` (DEBUG on) signs with the demo keys
# that seed_demo makes under media/private/signing; they carry no legal value.
PDF_SIGNING_BACKEND = env.str("PDF_SIGNING_BACKEND", default="pkcs12" if DEBUG else "")
PDF_SIGNING_PKCS12_DIR = Path(
    env.str("PDF_SIGNING_PKCS12_DIR", default=str(Path(str(MEDIA_ROOT)) / "private" / "signing"))
)
PDF_SIGNING_PKCS12_PASSPHRASE = env.str("PDF_SIGNING_PKCS12_PASSPHRASE", default="danvan-demo" if DEBUG else "")
PDF_SIGNING_PKCS11_MODULE = env.str("PDF_SIGNING_PKCS11_MODULE", default="")
PDF_SIGNING_PKCS11_TOKEN = env.str("PDF_SIGNING_PKCS11_TOKEN", default="")
PDF_SIGNING_PKCS11_PIN = env.str("PDF_SIGNING_PKCS11_PIN", default="")
PDF_SIGNING_REMOTE_SERVICE = env.str("PDF_SIGNING_REMOTE_SERVICE", default="")  # dotted path of a RemoteSigningService
PDF_SIGNING_IMAGES_DIR = Path(
    env.str("PDF_SIGNING_IMAGES_DIR", default=str(PDF_SIGNING_PKCS12_DIR))
)  # <label>.png per key
PDF_SIGNING_LOCATION = env.str("PDF_SIGNING_LOCATION", default="")
# A timestamp authority (RFC 3161 over HTTP) makes every signature PAdES B-T; empty: B-B, the signing software's time.
PDF_SIGNING_TSA_URL = env.str("PDF_SIGNING_TSA_URL", default="")
PDF_SIGNING_TSA_TIMEOUT = env.int("PDF_SIGNING_TSA_TIMEOUT", default=10)
# Verification of signed PDFs uploaded as issued copies: trust roots and CRLs are files, never fetched.
PDF_SIGNING_TRUST_ROOTS = env.list(
    "PDF_SIGNING_TRUST_ROOTS", default=[str(PDF_SIGNING_PKCS12_DIR / "demo-ca.pem")] if DEBUG else []
)
PDF_SIGNING_CRLS = env.list("PDF_SIGNING_CRLS", default=[])

# --- The REST API (/api/, api/): personal tokens or the session (with CSRF), the pages' rules, a rate per token.
API_TOKEN_MAX_DAYS = env.int("API_TOKEN_MAX_DAYS", default=365)  # the longest a token may live
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.PortalRule"],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": env.str("API_THROTTLE_RATE", default="120/min")},
    "DEFAULT_PAGINATION_CLASS": "api.pagination.ApiCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["api.filters.ScopedFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Cổng Dân vận",
    "DESCRIPTION": "Kế hoạch, nhiệm vụ, tiến độ, đăng ký mô hình “Dân vận khéo” và báo cáo định kỳ, "
    "trong đúng phạm vi của người giữ khóa. Hướng dẫn: docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "PATH_CONVERTER_OVERRIDES": {"id": int},
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "units.choices.UnitKind",
        "PlanKindEnum": "plans.choices.PlanKind",
        "PlanStatusEnum": "plans.choices.PlanStatus",
        "TaskStatusEnum": "plans.choices.TaskStatus",
        "UpdateKindEnum": "plans.choices.UpdateKind",
        "ModelKindEnum": "models_registry.choices.ModelKind",
        "RegistrationStatusEnum": "models_registry.choices.RegistrationStatus",
        "ReportStatusEnum": "reports.choices.ReportStatus",
    },
}
