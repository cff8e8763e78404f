"""Settings come from the environment; production refuses an empty key."""

import os
import subprocess
import sys

from django.conf import settings

REPOSITORY = settings.BASE_DIR


def read_settings(module, environment, expression):
    """Return what `expression` gives in a fresh interpreter with these settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "SECRET_KEY"}
    }
    env.update(environment)
    env["DJANGO_SETTINGS_MODULE"] = module
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; "
            f"print(repr(({expression})))",
        ],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_database_url_selects_the_database():
    result = read_settings(
        "portal.settings.dev",
        {"DATABASE_URL": "postgres://portail:secret@db.example:6543/portail"},
        "settings.DATABASES['default']['HOST'], settings.DATABASES['default']['PORT']",
    )

    assert result.stdout.strip() == "('db.example', 6543)", result.stderr


def test_without_database_url_the_portal_uses_sqlite():
    result = read_settings(
        "portal.settings.dev", {}, "settings.DATABASES['default']['ENGINE']"
    )

    assert result.stdout.strip() == "'django.db.backends.sqlite3'"


def test_redis_url_selects_the_redis_cache():
    result = read_settings(
        "portal.settings.dev",
        {"REDIS_URL": "redis://127.0.0.1:6379/2"},
        "settings.CACHES['default']['BACKEND']",
    )

    assert result.stdout.strip() == "'portal.cache.FailSoftRedisCache'"


def test_allowed_hosts_and_elasticsearch_url_are_read():
    result = read_settings(
        "portal.settings.production",
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "maladies-rares.example, www.maladies-rares.example",
            "ELASTICSEARCH_URL": "http://127.0.0.1:9200",
        },
        "settings.ALLOWED_HOSTS, settings.ELASTICSEARCH_URL, settings.DEBUG",
    )

    assert result.stdout.strip() == (
        "(['maladies-rares.example', 'www.maladies-rares.example'], "
        "'http://127.0.0.1:9200', False)"
    )


def test_production_refuses_to_start_without_secret_key():
    result = read_settings("portal.settings.production", {}, "settings.DEBUG")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY est vide" in result.stderr
