import os

import pytest

from . import factories

IN_CI = os.environ.get("CI") == "true"


def require_service(name, available):
    """Skip a test whose service is missing, or fail it under CI."""
    if available:
        return
    message = f"{name} is not available to the test run"
    if IN_CI:
        pytest.fail(f"{message} (CI=true: a missing service is a failure)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """
    Keep autovacuum away from the test database's tables. A test writes in a
    transaction of its own that autovacuum cannot see into: an automatic
    ANALYZE in the middle of it records a table that holds a thousand rows as
    empty, and PostgreSQL then joins a long thread with nested sequential
    scans, each message saved taking seconds. Plans follow the tables' real
    sizes when they were never analyzed.
    """
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            return
        cursor.execute(
            "SELECT format('ALTER TABLE %I.%I SET (autovacuum_enabled = false)',"
            " schemaname, tablename) FROM pg_tables WHERE schemaname = 'public'"
        )
        for (statement,) in cursor.fetchall():
            cursor.execute(statement)


@pytest.fixture
def home(db):
    return factories.build_home()


@pytest.fixture
def pathology_index(home):
    return factories.build_pathology_index(home)


@pytest.fixture
def theme_index(home):
    return factories.build_theme_index(home)


@pytest.fixture
def category(db):
    return factories.build_category(name="Sociétal", slug="societal")


@pytest.fixture
def elasticsearch_url():
    url = os.environ.get("ELASTICSEARCH_URL", "")
    require_service("Elasticsearch", url)
    return url


@pytest.fixture
def redis_url():
    """The Redis that scripts/services.sh runs for the tests of the Redis cache."""
    url = os.environ.get("TEST_REDIS_URL", "")
    require_service("Redis", url)
    return url


@pytest.fixture(autouse=True)
def empty_cache():
    """Start every test with empty rate-limit counters and cached names."""
    from django.core.cache import cache

    cache.clear()
