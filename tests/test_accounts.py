"""
Member accounts: sign-up with a pseudonym and the health-data consent,
confirmation by e-mail, login, the public profile, the export of one's data
and the deletion of the account.
"""

import json
import logging
import re

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sites.models import Site
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Member
from discussions.models import Message, MessageStatus, Subscription
from discussions.services import DELETED_MEMBER_NAME

from .factories import (
    PASSWORD,
    build_discussion,
    build_member,
    build_pathology,
    build_reply,
    build_service_page,
    build_testimony,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth counts logins and sign-ups in the cache: start every test at zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def community(pathology_index):
    return build_pathology(pathology_index, title="Syndrome de Marfan")


def signup_data(**overrides):
    data = {
        "email": "coquelicot@example.org",
        "username": "Coquelicot",
        "password1": "une-phrase-de-passe-longue",
        "password2": "une-phrase-de-passe-longue",
        "health_data_consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def link_in(mail, path_prefix):
    match = re.search(rf"https?://\S+{re.escape(path_prefix)}\S+", mail.body)
    assert match, f"no {path_prefix} link in the mail"
    return match.group(0)


def is_logged_in(client):
    return "_auth_user_id" in client.session


# Sign-up


def test_signup_page_is_in_french_in_the_portal_layout(client, home):
    response = client.get(reverse("account_signup"))

    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'class="site-header"' in html
    assert "Pseudonyme (public)" in html
    assert "N'utilisez jamais votre vrai nom" in html
    assert "Mot de passe" in html


def test_signup_consent_links_to_the_privacy_policy(client, home):
    privacy = build_service_page(home, title="Politique de confidentialité")
    privacy.slug = "donnees-personnelles"
    privacy.save_revision().publish()

    response = client.get(reverse("account_signup"))

    assert 'href="/donnees-personnelles/"' in response.content.decode()


def test_signup_without_consent_is_refused_in_french(client, home):
    response = client.post(
        reverse("account_signup"), signup_data(health_data_consent=None)
    )

    assert response.status_code == 200
    assert "Cochez cette case pour créer votre compte" in response.content.decode()
    assert not get_user_model().objects.exists()


def test_signup_creates_the_member_with_the_consent_date(client, home):
    client.post(reverse("account_signup"), signup_data())

    member = Member.objects.get(user__username="Coquelicot")
    assert member.health_data_consent_at is not None


def test_signup_sends_a_confirmation_link_through_the_outbox(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup_data())

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["coquelicot@example.org"]
    assert "/compte/confirm-email/" in link_in(mailoutbox[0], "/compte/confirm-email/")


def test_confirmation_mail_is_in_french_and_signed_by_the_portal(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    Site.objects.filter(pk=settings.SITE_ID).update(name="Réseau maladies rares")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup_data())

    assert mailoutbox[0].subject.startswith("[Réseau maladies rares] Confirmez")
    assert mailoutbox[0].body.startswith("Bonjour,")
    assert "L'équipe de Réseau maladies rares" in mailoutbox[0].body


def test_unconfirmed_account_cannot_log_in_until_the_link_is_followed(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_signup"), signup_data())
    confirmation_url = link_in(mailoutbox[0], "/compte/confirm-email/")
    credentials = {
        "login": "coquelicot@example.org",
        "password": "une-phrase-de-passe-longue",
    }
    client.logout()

    client.post(reverse("account_login"), credentials)
    assert not is_logged_in(client)

    client.post(confirmation_url)
    client.logout()
    client.post(reverse("account_login"), credentials)
    assert is_logged_in(client)


@pytest.mark.parametrize(
    ("pseudonym", "message"),
    [
        ("ab", "au moins 3 caractères"),
        ("coquelicot@example.org", "ne peut pas contenir « @ »"),
        ("<b>x</b>", "que des lettres (accentuées ou non)"),
        ("Jean Dupont", "sans espace"),
        ("Modérateur", "réservé à l&#x27;équipe"),
    ],
)
def test_bad_pseudonyms_are_refused_in_french(client, home, pseudonym, message):
    response = client.post(reverse("account_signup"), signup_data(username=pseudonym))

    assert message in response.content.decode()
    assert not get_user_model().objects.exists()


def test_a_pseudonym_taken_with_other_capitals_is_refused(client, home):
    build_member(username="coquelicot")

    response = client.post(reverse("account_signup"), signup_data())

    assert "Ce pseudonyme est déjà pris" in response.content.decode()
    assert not get_user_model().objects.filter(username="Coquelicot").exists()


def test_pseudonyms_with_accents_digits_and_separators_are_accepted(client, home):
    client.post(reverse("account_signup"), signup_data(username="Éloïse_63.b-2"))

    assert get_user_model().objects.filter(username="Éloïse_63.b-2").exists()


def test_field_errors_are_tied_to_their_field(client, home):
    response = client.post(reverse("account_signup"), signup_data(username="ab"))

    html = response.content.decode()
    assert 'id="id_username_error"' in html
    assert re.search(r'<input[^>]*aria-describedby="[^"]*id_username_error', html)


# Login, logout, password reset


def test_a_member_logs_in_with_their_address_and_logs_out(client, home):
    build_member(username="Coquelicot", email="coquelicot@example.org")

    client.post(
        reverse("account_login"),
        {"login": "coquelicot@example.org", "password": PASSWORD},
    )
    assert is_logged_in(client)

    client.post(reverse("account_logout"))
    assert not is_logged_in(client)


def test_header_offers_login_and_signup_to_visitors(client, home):
    response = client.get("/")

    html = response.content.decode()
    assert 'aria-label="Mon compte"' in html
    assert "Se connecter" in html
    assert "Créer un compte" in html


def test_header_shows_the_pseudonym_and_a_logout_button_to_members(client, home):
    member = build_member(username="Coquelicot")
    client.force_login(member)

    response = client.get("/")

    html = response.content.decode()
    assert 'href="/membres/Coquelicot/"' in html
    assert reverse("account_data") in html
    assert f'action="{reverse("account_logout")}"' in html


def test_password_reset_mails_a_reset_link(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    build_member(username="Coquelicot", email="coquelicot@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"), {"email": "coquelicot@example.org"}
        )

    assert len(mailoutbox) == 1
    assert link_in(mailoutbox[0], "/compte/password/reset/key/")


def test_repeated_failed_logins_lock_the_account_for_a_while(client, home):
    build_member(username="Coquelicot", email="coquelicot@example.org")
    wrong = {"login": "coquelicot@example.org", "password": "pas-le-bon"}
    for _attempt in range(5):
        client.post(reverse("account_login"), wrong)

    response = client.post(
        reverse("account_login"),
        {"login": "coquelicot@example.org", "password": PASSWORD},
    )

    assert not is_logged_in(client)
    assert "Trop de tentatives de connexion" in response.content.decode()


def test_too_many_signups_get_the_french_429_page(client, home):
    for number in range(5):
        client.post(
            reverse("account_signup"),
            signup_data(username=f"membre{number}", email=f"m{number}@example.org"),
        )

    response = client.post(reverse("account_signup"), signup_data())

    assert response.status_code == 429
    html = response.content.decode()
    assert "Trop de tentatives" in html
    assert "Merci de patienter" in html
    assert 'class="site-header"' in html


# Public profile


def test_profile_shows_the_pseudonym_the_join_date_and_public_messages(
    client, community
):
    author = build_member(username="Coquelicot", email="coquelicot@example.org")
    discussion = build_discussion(community, author, title="Fatigue et école")
    held = build_reply(discussion, author, text="Un message en attente")
    held.status = MessageStatus.PENDING
    held.save()

    response = client.get(reverse("member_profile", args=["Coquelicot"]))

    html = response.content.decode()
    assert "<h1>Coquelicot</h1>" in html
    assert "Membre depuis" in html
    assert "Fatigue et école" in html
    assert discussion.messages.first().get_absolute_url() in html
    assert "Un message en attente" not in html
    assert "coquelicot@example.org" not in html


def test_profile_of_an_unknown_member_is_not_found(client, home):
    response = client.get(reverse("member_profile", args=["personne"]))

    assert response.status_code == 404


def test_profile_of_a_deactivated_member_is_not_found(client, home):
    build_member(username="Coquelicot", is_active=False)

    response = client.get(reverse("member_profile", args=["Coquelicot"]))

    assert response.status_code == 404


def test_profile_costs_the_same_queries_for_one_or_thirty_messages(client, community):
    quiet = build_member(username="Discret")
    build_discussion(community, quiet)
    talkative = build_member(username="Bavard")
    discussion = build_discussion(community, talkative)
    for number in range(29):
        build_reply(discussion, talkative, text=f"Réponse {number}")
    client.get("/")  # the portal's site settings are created on the first visit

    with CaptureQueriesContext(connection) as one_message:
        client.get(reverse("member_profile", args=["Discret"]))
    with CaptureQueriesContext(connection) as thirty_messages:
        response = client.get(reverse("member_profile", args=["Bavard"]))

    assert response.context["page_obj"].paginator.count == 30
    assert len(thirty_messages) == len(one_message)


# My data: export


def test_data_page_needs_a_login(client, home):
    response = client.get(reverse("account_data"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_export_holds_the_members_messages_and_nothing_of_others(client, community):
    author = build_member(username="Coquelicot", email="coquelicot@example.org")
    other = build_member(username="Bleuet", email="bleuet@example.org")
    discussion = build_discussion(
        community, author, title="Fatigue et école", text="Mon premier message"
    )
    build_reply(discussion, other, text="La réponse de Bleuet")
    client.force_login(author)

    response = client.get(reverse("account_export"))

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["pseudonym"] == "Coquelicot"
    assert data["account"]["health_data_consent_at"]
    assert [message["text"] for message in data["messages"]] == ["Mon premier message"]
    assert data["messages"][0]["discussion_title"] == "Fatigue et école"
    assert data["discussions_started"][0]["title"] == "Fatigue et école"
    assert data["subscriptions"][0]["discussion_id"] == discussion.pk
    assert "Bleuet" not in response.content.decode()
    assert "bleuet@example.org" not in response.content.decode()


def test_export_holds_the_testimonies_the_member_proposed(client, community):
    author = build_member(username="Coquelicot")
    testimony = build_testimony(community, title="Le jour du diagnostic")
    testimony.submitted_by = author
    testimony.save()
    client.force_login(author)

    response = client.get(reverse("account_export"))

    testimonies = json.loads(response.content)["testimonies"]
    assert [item["title"] for item in testimonies] == ["Le jour du diagnostic"]


# My data: deletion


def delete_account(client, password=PASSWORD, messages="remove"):
    return client.post(
        reverse("account_delete"), {"password": password, "messages": messages}
    )


def test_deleting_and_removing_messages_leaves_placeholders_in_the_thread(
    client, community
):
    author = build_member(username="Coquelicot")
    other = build_member(username="Bleuet")
    discussion = build_discussion(community, author, text="Mon premier message")
    reply = build_reply(discussion, other, text="La réponse de Bleuet")
    client.force_login(author)

    response = delete_account(client, messages="remove")

    assert response.status_code == 302
    assert not get_user_model().objects.filter(username="Coquelicot").exists()
    opening = discussion.messages.order_by("pk").first()
    assert opening.shows_placeholder
    assert opening.comment == "" and opening.body_html == ""
    assert opening.user_id is None
    assert opening.user_name == DELETED_MEMBER_NAME
    reply.refresh_from_db()
    assert reply.status == MessageStatus.PUBLISHED
    discussion.refresh_from_db()
    assert discussion.is_public


def test_deleting_and_keeping_messages_signs_them_membre_supprime(client, community):
    author = build_member(username="Coquelicot", email="coquelicot@example.org")
    discussion = build_discussion(community, author, text="Mon premier message")
    client.force_login(author)

    delete_account(client, messages="keep")

    opening = discussion.messages.get()
    assert opening.status == MessageStatus.PUBLISHED
    assert opening.comment == "Mon premier message"
    assert opening.user_name == DELETED_MEMBER_NAME
    assert opening.user_email == ""
    assert not EmailAddress.objects.filter(email="coquelicot@example.org").exists()
    assert not Subscription.objects.exists()


def test_deletion_logs_the_user_out_and_confirms_in_french(client, home):
    member = build_member(username="Coquelicot")
    client.force_login(member)

    response = delete_account(client)
    confirmation = client.get(response["Location"])

    assert not is_logged_in(client)
    assert "Votre compte est supprimé" in confirmation.content.decode()


def test_deletion_is_logged_without_the_pseudonym(client, home, caplog):
    member = build_member(username="Coquelicot")
    client.force_login(member)

    with caplog.at_level(logging.INFO, logger="accounts"):
        delete_account(client)

    assert f"Account deleted: user_id={member.pk}" in caplog.text
    assert "Coquelicot" not in caplog.text


def test_deletion_with_a_wrong_password_is_refused(client, community):
    author = build_member(username="Coquelicot")
    build_discussion(community, author)
    client.force_login(author)

    response = delete_account(client, password="pas-le-bon")

    assert response.status_code == 200
    assert "Ce mot de passe n&#x27;est pas le bon." in response.content.decode()
    assert get_user_model().objects.filter(username="Coquelicot").exists()
    assert Message.objects.filter(user=author).exists()


def test_deletion_needs_a_choice_for_the_messages(client, home):
    member = build_member(username="Coquelicot")
    client.force_login(member)

    response = delete_account(client, messages="")

    assert "Choisissez ce que deviennent vos messages." in response.content.decode()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def test_the_database_refuses_a_pseudonym_that_differs_only_by_case(db):
    from django.db import IntegrityError, transaction

    build_member(username="Coquelicot")

    with pytest.raises(IntegrityError), transaction.atomic():
        get_user_model().objects.create_user(username="COQUELICOT", password="x")
