"""The headless API: Wagtail's pages, the discussions, tokens and search."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from wagtail.models import PageViewRestriction

from discussions import services
from discussions.models import Discussion, Message, MessageStatus, Report
from portal.models import ModerationReason

from . import factories

pytestmark = pytest.mark.django_db

PASSWORD = factories.PASSWORD


@pytest.fixture
def theme(theme_index, category):
    return factories.build_theme(theme_index, category, "Scolarité")


@pytest.fixture
def community(home, pathology_index, theme):
    factories.build_charter(home)
    return factories.build_pathology(
        pathology_index,
        "Mucoviscidose",
        themes=[theme],
        orpha_code="586",
        synonyms="CF\nFibrose kystique",
    )


@pytest.fixture
def alice(db):
    return factories.build_member("alice")


@pytest.fixture
def bruno(db):
    return factories.build_member("bruno")


@pytest.fixture
def discussion(community, alice):
    return factories.build_discussion(
        community, alice, "La kiné respiratoire", "Comment tenez-vous le rythme ?"
    )


@pytest.fixture
def trusted(settings):
    """Members' messages are published at once (no first-message review)."""
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0


def post_json(client, url, data, **headers):
    return client.post(
        url, json.dumps(data), content_type="application/json", **headers
    )


def token_client(user):
    token = Token.objects.create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def reply(client, discussion, **fields):
    return post_json(client, f"/api/v2/discussions/{discussion.pk}/messages/", fields)


def pending_reply(discussion, author, text):
    message = Message.objects.get(pk=factories.build_reply(discussion, author, text).pk)
    # Never published: a message held at its first posting.
    message.status = MessageStatus.PENDING
    message.published_at = None
    message.save()
    services.sync_discussion(discussion)
    return message


# Pages


def test_pages_are_filtered_by_type(client, community, theme):
    response = client.get("/api/v2/pages/?type=pathologies.PathologyPage")

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["Mucoviscidose"]


def test_pages_are_filtered_by_community(client, community, theme):
    testimony = factories.build_testimony(community, "Vivre avec la muco")
    factories.build_testimony(theme, "Une autre école")

    response = client.get(f"/api/v2/pages/?community={community.pk}")

    assert [item["id"] for item in response.json()["items"]] == [testimony.pk]


def test_an_unknown_community_filter_is_refused(client, community):
    response = client.get("/api/v2/pages/?community=999999")

    assert response.status_code == 400


def test_a_pathology_shows_its_orpha_code_synonyms_and_passerelles(
    client, community, theme
):
    response = client.get(f"/api/v2/pages/{community.pk}/")

    page = response.json()
    assert page["orpha_code"] == "586"
    assert page["synonyms"] == ["CF", "Fibrose kystique"]
    assert [(p["id"], p["title"]) for p in page["passerelles"]] == [
        (theme.pk, "Scolarité")
    ]
    assert page["passerelles"][0]["url"].endswith(theme.url)


def test_a_theme_shows_its_category_and_pathologies(client, community, theme):
    response = client.get(f"/api/v2/pages/{theme.pk}/")

    page = response.json()
    assert page["category"] == {"slug": "societal", "name": "Sociétal"}
    assert [p["id"] for p in page["passerelles"]] == [community.pk]


def test_a_community_counts_its_public_discussions(client, community, alice):
    factories.build_discussion(community, alice, "Première")
    factories.build_discussion(community, alice, "Seconde")
    Discussion.objects.create(page=community, title="Pas encore publique")

    detail = client.get(f"/api/v2/pages/{community.pk}/").json()
    listing = client.get(
        "/api/v2/pages/?type=pathologies.PathologyPage&fields=discussion_count"
    ).json()

    assert detail["discussion_count"] == 2
    assert listing["items"][0]["discussion_count"] == 2


def test_a_listing_of_communities_takes_the_same_queries_for_more_pages(
    client, pathology_index, theme, alice
):
    url = "/api/v2/pages/?type=pathologies.PathologyPage&fields=*"
    factories.build_pathology(pathology_index, themes=[theme])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(5):
        page = factories.build_pathology(pathology_index, themes=[theme])
        factories.build_discussion(page, alice)

    with CaptureQueriesContext(connection) as six:
        response = client.get(url)

    assert len(response.json()["items"]) == 6
    assert len(six) == len(one)


def test_drafts_are_never_listed(client, pathology_index):
    draft = factories.build_pathology(pathology_index, "Brouillon")
    draft.unpublish()

    listing = client.get("/api/v2/pages/").json()
    detail = client.get(f"/api/v2/pages/{draft.pk}/")

    assert draft.pk not in [item["id"] for item in listing["items"]]
    assert detail.status_code == 404


def test_restricted_pages_are_never_listed_even_to_members(client, community, alice):
    PageViewRestriction.objects.create(
        page=community, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(alice)

    listing = client.get("/api/v2/pages/").json()
    detail = client.get(f"/api/v2/pages/{community.pk}/")

    assert community.pk not in [item["id"] for item in listing["items"]]
    assert detail.status_code == 404


# Reading discussions


def test_discussions_of_a_community_are_paginated(client, community, alice):
    for number in range(3):
        factories.build_discussion(community, alice, f"Discussion {number}")

    response = client.get(f"/api/v2/discussions/?community={community.pk}&page_size=2")

    body = response.json()
    assert body["count"] == 3
    assert [d["title"] for d in body["results"]] == ["Discussion 2", "Discussion 1"]
    assert body["next"].endswith("page=2&page_size=2")


def test_a_page_size_beyond_the_limit_is_capped(client, community, alice):
    for number in range(101):
        Discussion.objects.create(
            page=community, title=f"D{number}", is_public=True, is_listed=True
        )

    response = client.get(
        f"/api/v2/discussions/?community={community.pk}&page_size=1000"
    )

    assert len(response.json()["results"]) == 100


def test_a_discussion_list_needs_a_known_community(client, community):
    response = client.get("/api/v2/discussions/?community=999999")

    assert response.status_code == 400
    assert response.json()["error"] == "unknown_place"


@pytest.mark.parametrize(
    "query, code",
    [
        ("", "missing_parameter"),
        ("?community=", "missing_parameter"),
        ("?community=abc", "invalid_parameter"),
    ],
)
def test_a_discussion_list_says_what_its_community_lacks(client, query, code):
    response = client.get(f"/api/v2/discussions/{query}")

    assert response.status_code == 400
    assert response.json()["error"] == code
    assert "community" in response.json()["message"]
    assert list(response.json()["fields"]) == ["community"]


def test_a_thread_lists_messages_in_reading_order(client, discussion, bruno):
    opening = discussion.opening_message()
    first = factories.build_reply(discussion, bruno, "Réponse", parent=opening)
    second = factories.build_reply(discussion, bruno, "Plus tard")

    response = client.get(f"/api/v2/discussions/{discussion.pk}/")

    messages = response.json()["messages"]
    assert [m["id"] for m in messages] == [opening.pk, first.pk, second.pk]
    assert messages[1]["answers"] == opening.pk
    assert messages[1]["author"] == "bruno"
    assert messages[1]["level"] == 1
    assert messages[1]["html"] == "<p>Réponse</p>"


def test_a_thread_hides_the_pending_and_rejected_messages_of_others(
    client, discussion, bruno
):
    pending = pending_reply(discussion, bruno, "En attente")
    rejected = pending_reply(discussion, bruno, "Refusé")
    rejected.status = MessageStatus.REJECTED
    rejected.save()

    as_visitor = client.get(f"/api/v2/discussions/{discussion.pk}/").json()
    client.force_login(bruno)
    as_author = client.get(f"/api/v2/discussions/{discussion.pk}/").json()

    assert pending.pk not in [m["id"] for m in as_visitor["messages"]]
    assert rejected.pk not in [m["id"] for m in as_visitor["messages"]]
    assert pending.pk in [m["id"] for m in as_author["messages"]]
    assert rejected.pk not in [m["id"] for m in as_author["messages"]]


def test_a_removed_message_keeps_its_place_without_its_text(client, discussion, bruno):
    removed = factories.build_reply(discussion, bruno, "Hors charte")
    removed.status = MessageStatus.REMOVED
    removed.save()

    response = client.get(f"/api/v2/discussions/{discussion.pk}/")

    shown = next(m for m in response.json()["messages"] if m["id"] == removed.pk)
    assert shown["status"] == "removed"
    assert shown["html"] == ""


def test_a_pending_discussion_exists_for_its_author_only(client, community, bruno):
    discussion = Discussion.objects.create(page=community, title="Tôt", author=bruno)

    as_visitor = client.get(f"/api/v2/discussions/{discussion.pk}/")
    client.force_login(bruno)
    as_author = client.get(f"/api/v2/discussions/{discussion.pk}/")

    assert as_visitor.status_code == 404
    assert as_visitor.json()["error"] == "not_found"
    assert as_author.status_code == 200


def add_replies(discussion, author, count):
    """Add published replies without the services' work, as many as a test needs."""
    for number in range(count):
        services.create_message(discussion, author, f"Réponse {number}")
    discussion.messages.update(status=MessageStatus.PUBLISHED)


def test_a_thread_takes_the_same_queries_for_10_and_200_messages(
    client, discussion, bruno
):
    url = f"/api/v2/discussions/{discussion.pk}/"
    add_replies(discussion, bruno, 9)
    client.get(url)
    with CaptureQueriesContext(connection) as short:
        short_thread = client.get(url)
    add_replies(discussion, bruno, 190)

    with CaptureQueriesContext(connection) as long:
        long_thread = client.get(url)

    assert len(short_thread.json()["messages"]) == 10
    assert len(long_thread.json()["messages"]) == 200
    assert len(long) == len(short)


# Writing


def test_a_visitor_cannot_post(client, discussion):
    response = reply(client, discussion, text="Bonjour")

    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert discussion.messages.count() == 1


def test_a_member_posts_with_the_session_and_its_csrf_token(trusted, discussion, bruno):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bruno)
    client.get(discussion.get_absolute_url())
    token = client.cookies["csrftoken"].value

    response = post_json(
        client,
        f"/api/v2/discussions/{discussion.pk}/messages/",
        {"text": "Avec jeton"},
        HTTP_X_CSRFTOKEN=token,
    )

    assert response.status_code == 201
    assert response.json()["status"] == "published"
    assert discussion.messages.filter(user=bruno, comment="Avec jeton").exists()


def test_a_session_post_without_csrf_token_is_refused_in_json(discussion, bruno):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bruno)

    response = reply(client, discussion, text="Sans jeton")

    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert not Message.objects.filter(user=bruno).exists()


def test_a_member_starts_a_discussion_with_a_token(trusted, community, theme, bruno):
    client = token_client(bruno)

    response = post_json(
        client,
        "/api/v2/discussions/",
        {
            "title": "Fatigue du soir",
            "text": "Vous aussi ?",
            "place": community.pk,
            "themes": [theme.pk],
        },
    )

    assert response.status_code == 201
    discussion = Discussion.objects.get(pk=response.json()["id"])
    assert discussion.author == bruno
    assert list(discussion.themes.all()) == [theme]
    assert discussion.subscriptions.filter(user=bruno).exists()


def test_an_unknown_place_is_a_field_error(trusted, community, bruno):
    response = post_json(
        token_client(bruno),
        "/api/v2/discussions/",
        {"title": "Fatigue du soir", "text": "Vous aussi ?", "place": 999999},
    )

    assert response.status_code == 400
    assert "place" in response.json()["fields"]
    assert not Discussion.objects.filter(author=bruno).exists()


def test_an_empty_message_gets_the_pages_french_message(discussion, bruno):
    response = reply(token_client(bruno), discussion, text="")

    assert response.status_code == 400
    assert response.json()["fields"]["text"] == ["Écrivez votre message."]
    assert not Message.objects.filter(user=bruno).exists()


def test_a_message_too_long_gets_the_pages_french_message(discussion, bruno, settings):
    settings.DISCUSSIONS_MESSAGE_MAX_LENGTH = 10

    response = reply(token_client(bruno), discussion, text="x" * 11)

    assert response.status_code == 400
    assert "dépasse 10 caractères" in response.json()["fields"]["text"][0]
    assert not Message.objects.filter(user=bruno).exists()


def test_a_forged_reply_beyond_the_deepest_level_is_refused_without_a_row(
    discussion, alice, bruno
):
    opening = discussion.opening_message()
    second = factories.build_reply(discussion, bruno, "Niveau 2", parent=opening)
    third = factories.build_reply(discussion, alice, "Niveau 3", parent=second)
    before = Message.objects.count()

    response = reply(
        token_client(bruno), discussion, text="Niveau 4", reply_to=third.pk
    )

    assert response.status_code == 400
    assert response.json()["error"] == "too_deep"
    assert "3 niveaux au plus" in response.json()["message"]
    assert Message.objects.count() == before


def test_a_reply_to_a_message_of_another_discussion_is_refused(
    community, discussion, alice, bruno
):
    other = factories.build_discussion(community, alice, "Autre sujet")

    response = reply(
        token_client(bruno),
        discussion,
        text="Bonjour",
        reply_to=other.opening_message().pk,
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"reply_to": ["Message inconnu."]}


def test_an_unconfirmed_account_cannot_post(client, discussion):
    unconfirmed = factories.build_member("pressee", verified=False)
    client.force_login(unconfirmed)

    response = reply(client, discussion, text="Bonjour")

    assert response.status_code == 403
    assert response.json()["error"] == "unverified"
    assert "Confirmez d'abord votre adresse" in response.json()["message"]
    assert not Message.objects.filter(user=unconfirmed).exists()


def test_posting_too_often_is_refused_with_429(trusted, discussion, bruno, settings):
    settings.DISCUSSIONS_POST_RATE = "2/h"
    client = token_client(bruno)

    statuses = [
        reply(client, discussion, text=f"Message {n}").status_code for n in range(3)
    ]

    assert statuses == [201, 201, 429]
    assert reply(client, discussion, text="Encore").json()["error"] == "rate_limited"
    assert discussion.messages.filter(user=bruno).count() == 2


def test_a_visitor_reports_a_message(client, discussion):
    message = discussion.opening_message()
    reason = ModerationReason.objects.get()

    response = post_json(
        client,
        f"/api/v2/messages/{message.pk}/reports/",
        {"reason": reason.pk, "comment": "Insultant"},
    )

    assert response.status_code == 201
    report = Report.objects.get()
    assert (report.message, report.reporter, report.reason) == (message, None, reason)


def test_reporting_too_often_is_refused(client, discussion, settings):
    settings.DISCUSSIONS_REPORT_RATE = "1/h"
    url = f"/api/v2/messages/{discussion.opening_message().pk}/reports/"
    reason = ModerationReason.objects.get()

    statuses = [
        post_json(client, url, {"reason": reason.pk}).status_code for _ in range(2)
    ]

    assert statuses == [201, 429]


def test_a_pending_message_cannot_be_reported(client, discussion, bruno):
    pending = pending_reply(discussion, bruno, "En attente")

    response = post_json(
        client,
        f"/api/v2/messages/{pending.pk}/reports/",
        {"reason": ModerationReason.objects.get().pk},
    )

    assert response.status_code == 404


# Tokens


def test_a_member_exchanges_email_and_password_for_a_token(client, bruno):
    response = post_json(
        client, "/api/v2/token/", {"email": "BRUNO@example.org", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=bruno).key


def test_a_wrong_password_gets_no_token(client, bruno):
    response = post_json(
        client, "/api/v2/token/", {"email": bruno.email, "password": "devine"}
    )

    assert response.status_code == 400
    assert response.json()["error"] == "invalid_credentials"
    assert not Token.objects.exists()


def test_an_unconfirmed_account_gets_no_token(client):
    member = factories.build_member("pressee", verified=False)

    response = post_json(
        client, "/api/v2/token/", {"email": member.email, "password": PASSWORD}
    )

    assert response.status_code == 403
    assert response.json()["error"] == "unverified"


def test_an_inactive_account_gets_no_token(client):
    member = factories.build_member("partie", is_active=False)

    response = post_json(
        client, "/api/v2/token/", {"email": member.email, "password": PASSWORD}
    )

    assert response.status_code == 403
    assert response.json()["error"] == "inactive"


def test_asking_for_tokens_too_often_is_refused(client, bruno, settings):
    settings.API_TOKEN_RATE = "2/h"
    data = {"email": bruno.email, "password": "devine"}

    statuses = [post_json(client, "/api/v2/token/", data).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]


def ask_token(client, email, password, address="192.0.2.1"):
    return post_json(
        client,
        "/api/v2/token/",
        {"email": email, "password": password},
        REMOTE_ADDR=address,
    )


def test_failed_tokens_from_many_addresses_lock_the_account(client, bruno):
    statuses = [
        ask_token(client, bruno.email, "devine", f"192.0.2.{number}").status_code
        for number in range(1, 31)
    ]

    assert statuses[:5] == [400] * 5
    assert set(statuses[5:]) == {429}


def test_a_locked_account_gets_no_token_even_with_the_right_password(client, bruno):
    for number in range(1, 31):
        ask_token(client, bruno.email, "devine", f"192.0.2.{number}")

    response = ask_token(client, bruno.email.upper(), PASSWORD, "198.51.100.7")

    assert response.status_code == 429
    assert response.json()["error"] == "too_many_login_attempts"
    assert "connexion est bloquée" in response.json()["message"]
    assert not Token.objects.exists()


def test_failed_sign_ins_on_the_site_lock_the_token_too(client, bruno):
    for _ in range(5):
        client.post("/compte/login/", {"login": bruno.email, "password": "devine"})

    response = ask_token(client, bruno.email, PASSWORD)

    assert response.status_code == 429
    assert not Token.objects.exists()


def test_the_lock_of_one_account_leaves_the_others_alone(client, alice, bruno):
    for number in range(1, 31):
        ask_token(client, bruno.email, "devine", f"192.0.2.{number}")

    response = ask_token(client, alice.email, PASSWORD, "198.51.100.7")

    assert response.status_code == 200


# Nothing pending leaks


def test_a_pending_message_shows_in_no_endpoint(client, community, discussion, bruno):
    pending_reply(discussion, bruno, "Secret zanzibar")

    responses = [
        client.get(f"/api/v2/discussions/{discussion.pk}/"),
        client.get(f"/api/v2/discussions/?community={community.pk}"),
        client.get(f"/api/v2/pages/{community.pk}/"),
        client.get("/api/v2/pages/?search=zanzibar"),
        client.get("/api/v2/search/?q=zanzibar"),
    ]

    assert [r.status_code for r in responses] == [200] * 5
    assert not any("Secret zanzibar" in r.content.decode() for r in responses)
    assert responses[4].json()["total"] == 0


def test_the_search_endpoint_keeps_its_answers(client, community):
    found = client.get("/api/v2/search/?q=Mucoviscidose")
    refused = client.get("/api/v2/search/?q=muco&tri=hasard")

    assert found.status_code == 200
    assert found.json()["total"] >= 1
    assert refused.status_code == 400
    assert refused.json() == {
        "error": "invalid_search",
        "message": "Tri inconnu : utilisez pertinence ou date.",
        "fields": {},
    }


def test_the_schema_describes_every_endpoint(client):
    response = client.get("/api/schema/?format=json")

    paths = response.json()["paths"]
    assert {
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/v2/discussions/",
        "/api/v2/discussions/{id}/",
        "/api/v2/discussions/{id}/messages/",
        "/api/v2/messages/{id}/reports/",
        "/api/v2/token/",
        "/api/v2/search/",
    } <= set(paths)
