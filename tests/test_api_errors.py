"""
What the API refuses, and how: a value of the wrong type or out of range, an
unknown address or parameter. Every refusal is JSON in one shape,
`{"error": code, "message": French sentence, "fields": {...}}`.
"""

import json

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from discussions.models import Discussion, Message, Report
from portal.models import ModerationReason

from . import factories

pytestmark = pytest.mark.django_db

THIRTY_DIGITS = "9" * 30
NOT_TEXTS = [["a", "b"], 12, 1.5, True, {"texte": "Bonjour"}]


@pytest.fixture
def community(home, pathology_index):
    factories.build_charter(home)
    return factories.build_pathology(pathology_index, "Mucoviscidose")


@pytest.fixture
def theme(theme_index, category):
    return factories.build_theme(theme_index, category, "Scolarité")


@pytest.fixture
def alice(db):
    return factories.build_member("alice")


@pytest.fixture
def discussion(community, alice):
    return factories.build_discussion(community, alice, "La kiné respiratoire")


@pytest.fixture
def member(settings):
    """A confirmed member with a token, whose messages are published at once."""
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0
    bruno = factories.build_member("bruno")
    token = Token.objects.create(user=bruno)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}")


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def reply(client, discussion, **fields):
    return post_json(client, f"/api/v2/discussions/{discussion.pk}/messages/", fields)


def start(client, community, **fields):
    data = {"title": "Fatigue du soir", "text": "Vous aussi ?", "place": community.pk}
    return post_json(client, "/api/v2/discussions/", {**data, **fields})


def report(client, discussion, **fields):
    url = f"/api/v2/messages/{discussion.opening_message().pk}/reports/"
    return post_json(
        client, url, {"reason": ModerationReason.objects.get().pk, **fields}
    )


# Types of the fields


@pytest.mark.parametrize("text", NOT_TEXTS)
def test_a_reply_whose_text_is_not_a_string_is_refused(member, discussion, text):
    response = reply(member, discussion, text=text)

    assert response.status_code == 400
    assert response.json()["fields"] == {"text": ["Ce champ attend un texte."]}
    assert discussion.messages.count() == 1


@pytest.mark.parametrize("field", ["title", "text"])
def test_a_discussion_whose_title_or_text_is_not_a_string_is_refused(
    member, community, field
):
    response = start(member, community, **{field: ["a", "b"]})

    assert response.status_code == 400
    assert response.json()["fields"] == {field: ["Ce champ attend un texte."]}
    assert not Discussion.objects.filter(page=community).exists()


def test_a_report_whose_comment_is_not_a_string_is_refused(client, discussion):
    response = report(client, discussion, comment=["Insultant"])

    assert response.status_code == 400
    assert response.json()["fields"] == {"comment": ["Ce champ attend un texte."]}
    assert not Report.objects.exists()


def test_a_list_as_the_follow_choice_is_refused(member, discussion):
    response = reply(member, discussion, text="Bonjour", follow=[1])

    assert response.status_code == 400
    assert response.json()["fields"] == {"follow": ["Ce champ attend true ou false."]}


def test_a_text_as_a_theme_id_is_refused(member, community, theme):
    response = start(member, community, themes=[str(theme.pk), "abc"])

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "themes": ["Ce champ attend un nombre entier."]
    }


def test_an_address_as_a_list_gets_no_token(client):
    response = post_json(
        client, "/api/v2/token/", {"email": ["a@example.org"], "password": "x"}
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"email": ["Ce champ attend un texte."]}


def test_a_form_encoded_reply_is_still_accepted(member, discussion):
    response = member.post(
        f"/api/v2/discussions/{discussion.pk}/messages/",
        {"text": "Par formulaire", "reply_to": discussion.opening_message().pk},
    )

    assert response.status_code == 201
    assert Message.objects.filter(comment="Par formulaire").exists()


# Ids beyond any row


@pytest.mark.parametrize("reply_to", [int(THIRTY_DIGITS), 2**63, 0])
def test_a_reply_to_an_id_out_of_range_is_a_field_error(member, discussion, reply_to):
    response = reply(member, discussion, text="Bonjour", reply_to=reply_to)

    assert response.status_code == 400
    assert "reply_to" in response.json()["fields"]
    assert discussion.messages.count() == 1


@pytest.mark.parametrize("field", ["place", "themes"])
def test_a_place_or_theme_id_out_of_range_is_a_field_error(member, community, field):
    value = int(THIRTY_DIGITS)

    response = start(
        member, community, **{field: [value] if field == "themes" else value}
    )

    assert response.status_code == 400
    assert response.json()["fields"][field] == [
        f"Ce nombre doit être compris entre 1 et {2**63 - 1}."
    ]


def test_a_reason_id_out_of_range_is_a_field_error(client, discussion):
    response = report(client, discussion, reason=int(THIRTY_DIGITS))

    assert response.status_code == 400
    assert "reason" in response.json()["fields"]


@pytest.mark.parametrize(
    "method, address",
    [
        ("get", f"/api/v2/discussions/{THIRTY_DIGITS}/"),
        ("post", f"/api/v2/discussions/{THIRTY_DIGITS}/messages/"),
        ("post", f"/api/v2/messages/{THIRTY_DIGITS}/reports/"),
    ],
)
def test_an_id_of_thirty_digits_in_the_address_is_not_found(
    member, discussion, method, address
):
    response = getattr(member, method)(address)

    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


# Refusals of Wagtail's endpoints, in the API's shape and in French


@pytest.mark.parametrize(
    "query, code, message",
    [
        ("limit=abc", "invalid_limit", "Le paramètre limit doit être un entier"),
        ("limit=500", "invalid_limit", "Le paramètre limit ne peut pas dépasser"),
        ("couleur=bleu", "unknown_parameter", "Paramètre inconnu : couleur"),
        ("type=nulle.Part", "unknown_type", "Ce type de page n'existe pas"),
        ("child_of=abc", "invalid_filter", "Le paramètre child_of doit être"),
        ("community=abc", "invalid_filter", "Le paramètre community doit être"),
        ("order=couleur", "invalid_order", "Impossible de trier sur couleur"),
    ],
)
def test_the_pages_endpoint_refuses_in_french(client, community, query, code, message):
    response = client.get(f"/api/v2/pages/?{query}")

    assert response.status_code == 400
    body = response.json()
    assert body["error"] == code
    assert body["message"].startswith(message)
    assert set(body) <= {"error", "message", "fields", "detail"}


def test_an_unknown_page_is_a_french_json_404(client, community):
    response = client.get(f"/api/v2/pages/{THIRTY_DIGITS}/")

    assert response.status_code == 404
    assert response.json()["message"].startswith("Aucun contenu public")


def test_an_unknown_discussion_is_a_french_json_404(client, community):
    response = client.get("/api/v2/discussions/999999/")

    assert response.status_code == 404
    assert response.json() == {
        "error": "not_found",
        "message": "Ce contenu n'existe pas ou n'est pas public.",
        "fields": {},
    }
