"""Django settings, read only from environment variables through :mod:`.config`.

Documented in ``docs/configuration.md``. Nothing here has a production-unsafe default:
``DEBUG`` is off unless ``MARMOT_DEBUG=true``, the secret key is generated once into the
data folder, and ``MARMOT_HTTPS=true`` turns on secure cookies, HSTS and the HTTPS redirect.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF

from marmot_monitor.io.limits import DEFAULT_LIMITS, MEGABYTE, ReadLimits
from marmot_monitor.web import config

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()
DEBUG = config.env_bool("MARMOT_DEBUG", default=False)
SECRET_KEY = config.secret_key(DATA_DIR)
ALLOWED_HOSTS = config.env_list("MARMOT_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = config.env_list("MARMOT_CSRF_TRUSTED_ORIGINS", default=[])

DATABASES = {"default": config.database_settings(config.database_url(DATA_DIR))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "axes",
    "corsheaders",
    "marmot_monitor.web.places",
    "marmot_monitor.web.catalogue",
    "marmot_monitor.web.data",
    "marmot_monitor.web.programme",
    "marmot_monitor.web.accounts",
    "marmot_monitor.web.monitor",
    "marmot_monitor.web.assessment",
    "marmot_monitor.web.community",
    "marmot_monitor.web.allocation",
    "marmot_monitor.web.stories",
    "marmot_monitor.web.api",
    "marmot_monitor.web.trust",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # the page's language, from its address
    "marmot_monitor.web.languages.pure_layers_in_page_language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "marmot_monitor.web.errors.refuse_nul_in_address",  # after sign-in: the 404 page shows it
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marmot_monitor.web.urls"
WSGI_APPLICATION = "marmot_monitor.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "marmot_monitor.web.monitor.context_processors.place",
                "marmot_monitor.web.languages.languages",
            ],
        },
    },
]

# Accounts: Argon2 hashes; lockout after repeated failed logins (django-axes) per user name
# and address, and per address (web/accounts/lockout.py); the client's address is read
# through MARMOT_TRUSTED_PROXIES only (web/accounts/addresses.py); sessions end after
# MARMOT_SESSION_SECONDS without activity. An admin unlocks and resets passwords; messages
# (a reset's temporary password among them) are kept in the session, never in a cookie.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AXES_FAILURE_LIMIT = config.env_int("MARMOT_LOGIN_ATTEMPTS", default=5)
LOCKOUT_MINUTES = config.env_int("MARMOT_LOCKOUT_MINUTES", default=60)
AXES_COOLOFF_TIME = timedelta(minutes=LOCKOUT_MINUTES) if LOCKOUT_MINUTES > 0 else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
LOGIN_ATTEMPTS_PER_ADDRESS = config.env_int("MARMOT_LOGIN_ATTEMPTS_PER_ADDRESS", default=20)
AXES_HANDLER = "marmot_monitor.web.accounts.lockout.SignInAttempts"
AXES_LOCKOUT_CALLABLE = "marmot_monitor.web.accounts.lockout.locked_out"
AXES_RESET_ON_SUCCESS = True
TRUSTED_PROXIES = config.env_networks("MARMOT_TRUSTED_PROXIES")
AXES_CLIENT_IP_CALLABLE = "marmot_monitor.web.accounts.addresses.client_address"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
AXES_VERBOSE = False
LOGIN_URL = "accounts-sign-in"
LOGIN_REDIRECT_URL = "programme-home"
SESSION_COOKIE_AGE = config.env_int("MARMOT_SESSION_SECONDS", default=8 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Uploads (staff imports at /data/imports/new, partners' return templates) are stored as
# they arrive in the data folder's uploads/ (web/data/uploads.py), refused past the limit.
# Every file read, uploaded or from `marmot import`, is read within IMPORT_LIMITS.
UPLOAD_MAX_MEGABYTES = config.env_int("MARMOT_UPLOAD_MAX_MB", default=100)
UPLOAD_MAX_BYTES = UPLOAD_MAX_MEGABYTES * MEGABYTE
UPLOAD_FOLDER = DATA_DIR / "uploads"
UPLOAD_FOLDER.mkdir(exist_ok=True)  # Django's checks refuse a temp folder that is missing
FILE_UPLOAD_TEMP_DIR = str(UPLOAD_FOLDER)
FILE_UPLOAD_HANDLERS = ["marmot_monitor.web.data.uploads.UploadLimit"]
IMPORT_LIMITS = ReadLimits(
    max_bytes=config.env_int("MARMOT_IMPORT_MAX_MB", default=DEFAULT_LIMITS.max_bytes // MEGABYTE)
    * MEGABYTE,
    max_ratio=config.env_int("MARMOT_IMPORT_MAX_RATIO", default=DEFAULT_LIMITS.max_ratio),
    max_cells=config.env_int("MARMOT_IMPORT_MAX_CELLS", default=DEFAULT_LIMITS.max_cells),
    max_workbook_cells=config.env_int(
        "MARMOT_IMPORT_MAX_WORKBOOK_CELLS", default=DEFAULT_LIMITS.max_workbook_cells
    ),
    max_columns=config.env_int("MARMOT_IMPORT_MAX_COLUMNS", default=DEFAULT_LIMITS.max_columns),
    max_line_bytes=config.env_int(
        "MARMOT_IMPORT_MAX_LINE_KB", default=DEFAULT_LIMITS.max_line_bytes // 1024
    )
    * 1024,
)

# Pages in English and Welsh (docs/welsh.md): English at /..., Welsh at /cy/..., so a shared
# link keeps its language. The Welsh catalogue is locale/cy/LC_MESSAGES/django.po.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# Email (reminders to partners): printed to the console unless an SMTP server is named.
SITE_URL = config.env_str("MARMOT_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = config.env_str("MARMOT_EMAIL_FROM", default="marmot@localhost")
EMAIL_HOST = config.env_str("MARMOT_EMAIL_HOST", default="")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = config.env_int("MARMOT_EMAIL_PORT", default=587)
EMAIL_HOST_USER = config.env_str("MARMOT_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = config.env_str("MARMOT_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = config.env_bool("MARMOT_EMAIL_TLS", default=True)
EMAIL_TIMEOUT = config.env_int("MARMOT_EMAIL_TIMEOUT", default=30)

TIME_ZONE = config.env_str("MARMOT_TIME_ZONE", default="Europe/London")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MANIFEST_STRICT = False
WHITENOISE_USE_FINDERS = DEBUG

# Page parts computed from the database (the rug's frame and table...), kept in each server
# process's memory until the data changes (web/monitor/caching.py; docs/configuration.md).
# MARMOT_CACHE_ENTRIES bounds how many are kept; 0 turns the cache off.
CACHE_ENTRIES = config.env_int("MARMOT_CACHE_ENTRIES", default=100)
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "marmot-pages",
            "TIMEOUT": None,
            "OPTIONS": {"MAX_ENTRIES": CACHE_ENTRIES},
        }
        if CACHE_ENTRIES > 0
        else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    )
}

# The open data API (/api/v1/, docs/api.md): other sites' pages may read it only from the
# origins in MARMOT_API_CORS_ORIGINS (none by default); each client address may make
# MARMOT_API_RATE requests a minute per server process (0: no limit); a page of values holds
# at most API_MAX_ROWS rows, and one call names at most API_MAX_ITEMS indicators or areas.
CORS_ALLOWED_ORIGINS = config.env_list("MARMOT_API_CORS_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag"]
API_RATE_PER_MINUTE = config.env_int("MARMOT_API_RATE", default=600)
API_MAX_ROWS = config.env_int("MARMOT_API_MAX_ROWS", default=50_000)
API_MAX_ITEMS = 100
CACHES["api-rate"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "marmot-api-rate",
    "OPTIONS": {"MAX_ENTRIES": 10_000},
}

# Security: on everywhere; the HTTPS-only parts when served behind TLS (MARMOT_HTTPS=true).
HTTPS = config.env_bool("MARMOT_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = config.env_int("MARMOT_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# `marmot serve` replaces each gunicorn worker after this many requests and up to a tenth more
# (cli/server.py); 0 never does.
WORKER_MAX_REQUESTS = config.env_int("MARMOT_WORKER_MAX_REQUESTS", default=1000)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.env_str("MARMOT_LOG_LEVEL", default="INFO")},
}
