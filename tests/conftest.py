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
