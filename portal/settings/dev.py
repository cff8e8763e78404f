"""Settings for `make run`: SQLite, database search, console e-mail."""

from .base import *  # noqa: F403 (a settings module extends the base one)

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"  # noqa: F405

# Serve static files straight from the app folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
