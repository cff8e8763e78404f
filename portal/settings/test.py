"""Settings for the test suite: the database comes from DATABASE_URL."""

from .base import *  # noqa: F403 (a settings module extends the base one)

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
# Django's test runner puts its locmem backend in EMAIL_BACKEND; a test that
# checks the outbox itself sets EMAIL_BACKEND back to portal.mail's.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_MAIL_TRANSPORT = EMAIL_BACKEND
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tests that need Elasticsearch ask for it (the `search_index` fixture); the
# others search the database, as `make run` does.
ELASTICSEARCH_URL = ""

# Two test runs on one server (a developer's and an editor's check, say) each
# need their own database: TEST_DATABASE_NAME names it.
if os.environ.get("TEST_DATABASE_NAME"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405
