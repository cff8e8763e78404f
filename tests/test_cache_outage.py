"""
A Redis that does not answer degrades rate limits and view counting; pages,
posts and sign-ins go on. The cache here is the production backend pointed
at a port where nothing listens: every call meets a real connection refusal.
"""

import logging

import pytest
from django.core.cache import cache

from discussions.models import Message
from portal import cache as fail_soft_cache
from tests import factories

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": CLOSED_PORT,
            "KEY_PREFIX": "portal",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
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
