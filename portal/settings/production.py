"""
Settings for production.

The portal refuses to start without a SECRET_KEY: a default key would let
anyone forge sessions and password-reset links.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 (a settings module extends the base one)

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured(
        "La variable d'environnement SECRET_KEY est vide : le portail refuse "
        "de démarrer en production sans clé secrète. Générez-en une, par "
        'exemple avec `python -c "import secrets; print(secrets.token_urlsafe(50))"`, '
        "et exportez-la avant de lancer le serveur."
    )

DEBUG = False
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)  # noqa: F405
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))  # noqa: F405
