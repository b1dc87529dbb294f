"""Settings for the claims timeline, from environment variables (see .env.example).

Development works with no variables at all. With DJANGO_DEBUG=false (production) the app
refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import os
import sys
import zoneinfo
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from config.database import database_config, running_command

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}, not {value!r}."
        )
    return number


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false.")
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is false.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "config.apps.AdminConfig",  # django.contrib.admin, on config.admin.AdminSite
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",  # intcomma: 10,000 in the pages
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "articles",
    "timeline",
]

MIDDLEWARE = [
    # First, so that its 503 for a database that is away passes through every other
    # middleware's response side (security headers, CSP) like any page.
    "config.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language: the switcher's cookie, else the browser's Accept-Language, else
    # LANGUAGE_CODE. After the session (as Django asks), before CommonMiddleware.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
# An article's page (Article.get_absolute_url) is the timeline's article page: the project wires
# the two apps together here, so that articles/ names nothing of timeline/ (tests/test_layout.py).
ABSOLUTE_URL_OVERRIDES = {
    "articles.article": lambda article: reverse("timeline:article", args=[article.slug]),
}
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "timeline.context_processors.roles",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    }
]

DATABASES = {"default": database_config(BASE_DIR, command=running_command(sys.argv))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_config(url: str, timeout: int) -> dict:
    """The cache a story's page keeps what its readers share in (timeline.cache), from
    DJANGO_CACHE_URL: none, this process's memory (nothing to run; each worker fills its
    own); redis://host:6379/0 (or rediss://), one cache for every worker and host (needs the
    redis package); db://table_name, a table of the database (`manage.py createcachetable`);
    dummy://, no cache at all. What is kept is right in any of them: its key holds the
    story's version, which the database raises on every write."""
    scheme, _, rest = url.partition("://")
    if not url or scheme == "locmem":
        # Entries are a page's fragments, up to a few hundred KB each: a few hundred of them.
        backend = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": rest or "claims-timeline",
            "OPTIONS": {"MAX_ENTRIES": 500},
        }
    elif scheme in ("redis", "rediss"):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif scheme == "db" and rest:
        backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    elif scheme == "dummy":
        backend = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ImproperlyConfigured(
            f"DJANGO_CACHE_URL={url!r}: use redis://host:port/db, db://table_name, locmem:// "
            "or dummy://, or leave it unset for this process's memory."
        )
    # An old version's entries are never read again: they go after `timeout` seconds (or
    # sooner, when the cache is full).
    return {"default": {**backend, "TIMEOUT": timeout, "KEY_PREFIX": "claims-timeline"}}


CACHES = cache_config(
    os.environ.get("DJANGO_CACHE_URL", "").strip(),
    env_int("DJANGO_CACHE_TIMEOUT", 24 * 3600, minimum=1),
)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "timeline:stories"
LOGOUT_REDIRECT_URL = "timeline:stories"

# Lock an account+address out after repeated failed logins (django-axes).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# How many proxies of ours (TLS terminator, load balancer) sit in front of the app: the
# lockout's address is then the client's, from X-Forwarded-For (config/proxies.py), not the
# proxy's, which every client shares. 0: clients connect directly, the header is ignored.
# (django-axes' own AXES_IPWARE_* settings need the django-ipware package; a dozen lines of
# ours say exactly which entry of the header is trusted.)
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "config.proxies.client_address"

# The largest article file the loader takes, in bytes. Real articles are a few kilobytes;
# a file of megabytes is a mistake (a dump, a log) and would make its pages unusable.
ARTICLE_MAX_BYTES = env_int("DJANGO_ARTICLE_MAX_BYTES", 1_000_000, minimum=1)
# Editors upload articles in the browser a few files at a time (articles/add_views.py).
ARTICLE_UPLOAD_MAX_FILES = 10
# An upload the size of an article stays in memory; a larger one spools to disk, and no more
# than ARTICLE_MAX_BYTES + 1 of its bytes are ever read (articles.loader.read_at_most).
FILE_UPLOAD_MAX_MEMORY_SIZE = ARTICLE_MAX_BYTES + 1
# The preview hands each uploaded file's bytes back to the browser for the save (base64: 4/3
# of their size), so the save's form of a full upload must fit; a pasted text fits in that.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(
    2_621_440, ARTICLE_UPLOAD_MAX_FILES * (ARTICLE_MAX_BYTES * 4 // 3 + 4) + 100_000
)

# The interface in the newsroom's language and in English (locale/: `make messages`). A reader
# gets the language the switcher set (a cookie), else the first of these their browser asks for
# (Accept-Language), else LANGUAGE_CODE: English unless the deployment says otherwise
# (DJANGO_LANGUAGE_CODE=id for a newsroom whose readers' browsers may ask for neither). The
# tests ask for no language, so they read the pages in English.
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LANGUAGE_CODE = os.environ.get("DJANGO_LANGUAGE_CODE", "en").strip() or "en"
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"DJANGO_LANGUAGE_CODE={LANGUAGE_CODE!r} is not one of the site's languages: "
        + ", ".join(code for code, _ in LANGUAGES)
        + "."
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
# Times are stored in UTC (USE_TZ) and shown in the newsroom's zone, which pages name.
TIME_ZONE = os.environ.get("DJANGO_NEWSROOM_TIME_ZONE", "Asia/Jakarta")
try:
    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"DJANGO_NEWSROOM_TIME_ZONE={TIME_ZONE!r} is not a time zone: use an IANA name such "
        "as Asia/Jakarta or Europe/London."
    ) from None
USE_I18N = True
USE_TZ = True
# Countries are named by django-countries; the newsroom's short names where it differs.
COUNTRIES_OVERRIDE = {"US": "United States"}

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security headers. The policy allows only our own scripts and styles; htmx (served from
# django-htmx's static files) works under it because we keep its inline styles turned off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is opt-in (a site on the browsers' preload list cannot easily leave
        # it), so its deploy check warning is a decision, not an oversight.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
