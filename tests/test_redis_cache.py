"""
The production cache, Redis through `portal.cache.FailSoftRedisCache`: rate
limits and view counts hold in it while it answers, and when it does not,
pages, posts and sign-ins go on without them. "Down" is either a port where
nothing listens or the Redis of scripts/services.sh really stopped.
"""

import logging
import threading
import uuid
from types import SimpleNamespace

import pytest
import redis
from django.core.cache import cache
from django.db import connection
from django.test import Client

from audience.worker import flush
from discussions.models import Message
from portal import cache as fail_soft_cache
from tests import factories
from tests.services import run_service

CLOSED_PORT = "redis://127.0.0.1:1/0"
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def redis_cache(location):
    """The production cache settings, under a key prefix of the test's own."""
    return {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:10]}",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def redis_up(settings, redis_url):
    """The cache on the Redis of the test run; the test's keys go afterwards."""
    settings.CACHES = redis_cache(redis_url)
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0
    server = redis.Redis.from_url(redis_url)
    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    yield SimpleNamespace(server=server, prefix=prefix)
    for key in server.scan_iter(f"{prefix}:*"):
        server.delete(key)
    server.close()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = redis_cache(CLOSED_PORT)
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0


@pytest.fixture
def discussion(home, pathology_index):
    community = factories.build_pathology(pathology_index, "Mucoviscidose")
    alice = factories.build_member("alice")
    return factories.build_discussion(
        community, alice, "La kiné respiratoire", "Comment tenez-vous le rythme ?"
    )


def test_a_visitor_reads_and_a_member_posts_while_redis_is_down(
    client, redis_down, discussion
):
    bruno = factories.build_member("bruno")

    page = client.get(discussion.get_absolute_url(), HTTP_USER_AGENT="Firefox")
    signed_in = client.post(
        "/compte/login/", {"login": bruno.email, "password": factories.PASSWORD}
    )
    posted = client.post(
        f"/discussions/{discussion.pk}/repondre/", {"text": "Deux séances ici."}
    )

    assert page.status_code == 200
    assert signed_in.status_code == 302
    assert posted.status_code == 302
    assert Message.objects.get(user=bruno).comment == "Deux séances ici."


def test_health_reports_the_cache_that_does_not_answer(client, redis_down, db):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"]["status"] == "error"


def test_after_a_failure_redis_is_left_alone_for_a_while(
    redis_down, monkeypatch, caplog
):
    attempts = []
    client_of = type(cache._cache).get_client

    def counted(self, *args, **kwargs):
        attempts.append(1)
        return client_of(self, *args, **kwargs)

    monkeypatch.setattr(type(cache._cache), "get_client", counted)

    with caplog.at_level(logging.WARNING, logger="portal.cache"):
        assert cache.get("a", "absent") == "absent"
        assert cache.add("b", 1) is True
        with pytest.raises(ValueError):
            cache.incr("c")

    assert len(attempts) == 1
    assert [record.getMessage() for record in caplog.records] == [
        "Cache: Redis fails (ConnectionError); serving without it"
    ]

    monkeypatch.setattr(cache, "down_until", 0.0)
    assert cache.get("a") is None
    assert len(attempts) == 2
    assert cache.down_until > 0
    assert fail_soft_cache.RETRY_AFTER > 0


# While Redis answers


def test_a_rate_limit_counts_in_redis(client, redis_up, discussion, settings):
    settings.DISCUSSIONS_POST_RATE = "1/h"
    client.force_login(factories.build_member("bruno"))
    url = f"/discussions/{discussion.pk}/repondre/"

    statuses = [client.post(url, {"text": f"Message {n}"}).status_code for n in (1, 2)]

    assert statuses == [302, 429]
    assert list(redis_up.server.scan_iter(f"{redis_up.prefix}:*rl:*"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_views_counted_in_redis_all_reach_the_database(redis_up, discussion):
    statuses = []

    def read(thread_number):
        visitor = Client(HTTP_USER_AGENT=BROWSER)
        try:
            for view in range(10):
                address = f"198.51.100.{thread_number * 10 + view + 1}"
                response = visitor.get(
                    discussion.get_absolute_url(), REMOTE_ADDR=address
                )
                statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=read, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flush()

    discussion.refresh_from_db()
    assert statuses == [200] * 80
    assert discussion.view_count == 80


# When Redis stops


def test_a_real_redis_stop_keeps_the_site_up_and_the_cache_comes_back(
    client, redis_up, redis_url, discussion, monkeypatch
):
    if not redis_url.startswith("redis://127.0.0.1:56379"):
        pytest.skip("needs the Redis that scripts/services.sh manages")
    monkeypatch.setattr(fail_soft_cache, "RETRY_AFTER", 0.0)
    client.force_login(factories.build_member("bruno"))

    run_service("stop", "redis")
    try:
        page = client.get(discussion.get_absolute_url())
        posted = client.post(
            f"/discussions/{discussion.pk}/repondre/", {"text": "Pendant la panne."}
        )
        cache.set("after", "lost")
    finally:
        run_service("start", "redis")
    cache.set("after", "kept")

    assert page.status_code == 200
    assert posted.status_code == 302
    assert Message.objects.filter(comment="Pendant la panne.").exists()
    assert cache.get("after") == "kept"
