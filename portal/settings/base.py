"""
Settings shared by every environment.

Everything that differs between a laptop, the test run and production is read
from the environment; an unset variable means the embedded default (SQLite,
Wagtail's database search, local-memory cache, console e-mail).
"""

import os
from pathlib import Path

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "pathologies",
    "themes_transversal",
    "editorial",
    "search",
    "accounts",
    "discussions",
    "api",
    "reach",
    "press",
    "audience",
    "wagtail.api.v2",
    "wagtail.contrib.sitemaps",
    "django_comments_xtd",
    "django_comments",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # After Wagtail and Django's apps, whose French wording of shared messages
    # ("Champ requis.") the portal keeps.
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "allauth",
    "allauth.account",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.staticfiles",
]

SITE_ID = 1

MIDDLEWARE = [
    "portal.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "audience.middleware.AudienceMiddleware",
]

# How many reverse proxies of ours stand in front of the portal (nginx,
# Caddy): the visitor's address is then read from X-Forwarded-For.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, where a Redis that fails is a cache miss
            # rather than a 500 (portal/cache.py).
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
            # A Redis that hangs must not hold a worker: past these delays
            # the cache fails, and rate limits and view counting degrade.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# A cache that does not answer lifts the rate limits rather than refusing
# every post: what members write must get through an outage.
RATELIMIT_FAIL_OPEN = True

# Search for visitors goes through the search app; Wagtail's own backend
# serves the admin and stays on the database whatever ELASTICSEARCH_URL says.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_ALIAS = os.environ.get("SEARCH_INDEX_ALIAS", "portal-content")
SEARCH_WORKER_BATCH_SIZE = 500

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The page editor of a community with many passerelles and blocks posts a
# lot of fields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Every e-mail goes through the outbox (portal/mail.py); the environment's
# EMAIL_BACKEND is what the outbox sends with.
EMAIL_BACKEND = "portal.mail.OutboxBackend"
PORTAL_MAIL_TRANSPORT = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Réseau maladies rares <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Réseau maladies rares"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Gravatar would send a hash of every editor's address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "pathologies": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "themes_transversal": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "editorial": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "search": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "accounts": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "discussions": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
        "audience": {"level": os.environ.get("PORTAL_LOG_LEVEL", "INFO")},
    },
}

# Accounts (django-allauth): members sign in with their e-mail address and
# appear under their username, which is their public pseudonym.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = True
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_USERNAME_VALIDATORS = "accounts.validators.pseudonym_validators"
# Pseudonyms that would pass for the team or for a deleted member's messages
# (compared without regard to case).
ACCOUNT_USERNAME_BLACKLIST = [
    "admin",
    "administrateur",
    "administratrice",
    "moderation",
    "modération",
    "moderateur",
    "modérateur",
    "moderatrice",
    "modératrice",
    "equipe",
    "équipe",
    "membre-supprime",
    "membre-supprimé",
    "membre_supprime",
    "membre_supprimé",
    "anonyme",
]
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Réseau maladies rares] "
ACCOUNT_ADAPTER = "accounts.adapter.MemberAccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.MemberSignupForm"}
# Failed logins lock an address and an account for a while; the other limits
# stop sign-up and password-reset floods. Counters live in the cache.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/15m/key",
    "signup": "5/h/ip",
    "reset_password": "10/h/ip,3/h/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "3/10m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}

# Discussions ride on django-comments-xtd: every message is a
# `discussions.Message`, an XtdComment with a status and its rendered text.
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "discussions.models.Message"
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_THREADED_EMAILS = False
COMMENT_MAX_LENGTH = 5000

# Mail leaves through the outbox (portal.OutgoingMail); the task below sends
# it right after the transaction that queued it commits, and
# `manage.py mail_worker` retries what could not be sent.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Off in production: requests never wait for the mail server, the worker
# sends the outbox within seconds.
PORTAL_MAIL_INLINE = env_bool("PORTAL_MAIL_INLINE", True)

# The headless API (`api` app): session sign-in with its CSRF check, or a
# token from `POST /api/v2/token/`; errors as {"error", "message", "fields"}.
# Rate limits come from `portal.ratelimits`, not from DRF's throttling.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.TokenAuthentication",
        "api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.DiscussionPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API du Réseau maladies rares",
    "DESCRIPTION": (
        "Pages publiques (API Wagtail), recherche et discussions des communautés."
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "PREPROCESSING_HOOKS": ["api.schema.exclude_wagtail_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_wagtail_endpoints",
    ],
}

# Audience statistics: views are counted in the cache, without cookies, and
# `manage.py audience_worker` saves them (see audience/recorder.py). Off, no
# view is counted (`make bench` compares both).
AUDIENCE_COUNTING = env_bool("AUDIENCE_COUNTING", True)

# A form refused for its CSRF token gives the member back what they wrote.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
