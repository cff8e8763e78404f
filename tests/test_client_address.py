"""Behind the portal's own reverse proxies, visitors keep their address."""

import pytest
from django.test import Client

from audience.worker import flush

from . import factories

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
PROXY = "127.0.0.1"


def behind_proxy(forwarded_for):
    return Client(
        HTTP_USER_AGENT=BROWSER,
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


@pytest.fixture
def discussion(pathology_index):
    community = factories.build_pathology(pathology_index, title="Syndrome de Marfan")
    return factories.build_discussion(community, factories.build_member())


def views_of(discussion):
    flush()
    discussion.refresh_from_db()
    return discussion.view_count


def test_two_visitors_behind_a_trusted_proxy_count_as_two(settings, discussion):
    settings.TRUSTED_PROXY_COUNT = 1

    for address in ("203.0.113.7", "198.51.100.4"):
        behind_proxy(address).get(discussion.get_absolute_url())

    assert views_of(discussion) == 2


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings, discussion):
    settings.TRUSTED_PROXY_COUNT = 0

    for address in ("203.0.113.7", "198.51.100.4"):
        behind_proxy(address).get(discussion.get_absolute_url())

    assert views_of(discussion) == 1


def test_addresses_a_client_puts_before_the_proxys_are_not_trusted(
    settings, discussion
):
    settings.TRUSTED_PROXY_COUNT = 1

    for forged in ("10.0.0.1", "10.0.0.2"):
        behind_proxy(f"{forged}, 203.0.113.7").get(discussion.get_absolute_url())

    assert views_of(discussion) == 1


def test_a_malformed_forwarded_header_keeps_the_proxys_address(settings, discussion):
    settings.TRUSTED_PROXY_COUNT = 1

    response = behind_proxy("not-an-address").get(discussion.get_absolute_url())

    assert response.status_code == 200
    assert response.wsgi_request.META["REMOTE_ADDR"] == PROXY
