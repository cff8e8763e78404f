"""
The API keeps the contract of its OpenAPI schema, whatever a client sends.

Schemathesis reads `/api/schema/` from the WSGI application and calls every
operation with generated input as an anonymous client: no answer is a server
error, and every answer has a documented status, content type and shape.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from portal.wsgi import application

from . import factories

pytestmark = pytest.mark.django_db

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def served(environ, start_response):
    """The portal as a WSGI server runs it, which always gives the address."""
    environ.setdefault("REMOTE_ADDR", "127.0.0.1")
    return application(environ, start_response)


@pytest.fixture
def same_connection():
    """
    Keep the test's database connection across requests: Django closes it at
    the end of each real request, which would end the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def content(home, pathology_index, theme_index, category):
    """Communities with a testimony, news and a discussion with replies."""
    factories.build_charter(home)
    theme = factories.build_theme(theme_index, category, "Scolarité")
    community = factories.build_pathology(
        pathology_index, "Mucoviscidose", themes=[theme], synonyms="CF"
    )
    factories.build_testimony(community)
    factories.build_news(home)
    alice = factories.build_member("alice")
    discussion = factories.build_discussion(community, alice, "La kiné")
    reply = factories.build_reply(
        discussion, alice, "Merci", parent=discussion.opening_message()
    )
    return {"community": community, "discussion": discussion, "reply": reply}


@pytest.fixture
def api_schema(content, same_connection):
    return schemathesis.openapi.from_wsgi("/api/schema/", served)


schema = schemathesis.pytest.from_fixture("api_schema")
# How many inputs each operation gets; the fixtures are per test, not per input.
GENERATED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@schema.parametrize()
@GENERATED
def test_the_api_keeps_its_contract_with_anonymous_clients(case):
    case.call_and_validate(checks=CHECKS)


@pytest.fixture
def member(content, settings):
    """
    A member's token, and the ids of the content's discussion and reply: the
    member's calls name them, so that generated bodies reach the forms and
    services rather than a 404. Rate limits are lifted for the run.
    """
    from rest_framework.authtoken.models import Token

    settings.DISCUSSIONS_POST_RATE = "10000/m"
    settings.DISCUSSIONS_REPORT_RATE = "10000/m"
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0
    bruno = factories.build_member("bruno")
    return {
        "token": Token.objects.create(user=bruno).key,
        "/api/v2/discussions/{id}/messages/": content["discussion"].pk,
        "/api/v2/messages/{id}/reports/": content["reply"].pk,
        "place": content["community"].pk,
    }


@schema.parametrize()
@GENERATED
def test_the_api_keeps_its_contract_with_a_signed_in_member(case, member):
    """
    Posting, replying and reporting as a member: generated bodies reach the
    forms and services, which refuse what is wrong with a 4xx, never a 500.
    """
    if case.method == "POST" and case.path in member:
        case.path_parameters = {"id": member[case.path]}
    if case.path == "/api/v2/discussions/" and isinstance(case.body, dict):
        case.body["place"] = member["place"]
    case.call_and_validate(
        headers={"Authorization": f"Token {member['token']}"}, checks=CHECKS
    )
