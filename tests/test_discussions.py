"""Discussions: reading, starting, replying, editing, reporting, following."""

import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from discussions import services
from discussions.models import Discussion, Message, MessageStatus, Report
from portal.models import ModerationReason, OutgoingMail
from search.models import SearchDocument

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(home, pathology_index):
    factories.build_charter(home)
    return factories.build_pathology(pathology_index, "Mucoviscidose")


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


def start(client, community, **fields):
    data = {"title": "Fatigue du soir", "text": "Vous aussi ?", "follow": "on"}
    data.update(fields)
    return client.post(f"/discussions/nouvelle/{community.pk}/", data)


def reply(client, discussion, **fields):
    return client.post(f"/discussions/{discussion.pk}/repondre/", fields)


# Reading


def test_a_visitor_reads_a_discussion_and_its_replies_without_an_account(
    client, discussion, bruno
):
    factories.build_reply(discussion, bruno, "Deux séances par jour ici.")

    response = client.get(discussion.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Comment tenez-vous le rythme ?" in html
    assert "Deux séances par jour ici." in html
    assert 'href="/membres/bruno/"' in html


def test_a_community_page_lists_its_discussions_by_latest_activity(
    client, community, alice, bruno
):
    older = factories.build_discussion(community, alice, "Première question")
    factories.build_discussion(community, alice, "Seconde question")
    factories.build_reply(older, bruno, "Une réponse relance la discussion.")

    html = client.get(community.url).content.decode()

    assert html.index("Première question") < html.index("Seconde question")
    assert "1 réponse" in html


def test_a_discussion_tagged_with_a_theme_also_appears_in_that_theme(
    client, trusted, community, theme_index, category, alice
):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    client.force_login(alice)

    start(client, community, title="La cantine", themes=[school.pk])

    assert "La cantine" in client.get(school.url).content.decode()
    assert "La cantine" in client.get(community.url).content.decode()


def test_a_pending_discussion_is_shown_to_its_author_only(client, community):
    newcomer = factories.build_member("nouvelle")
    discussion, message = services.start_discussion(
        place=community, author=newcomer, title="Bonjour", text="Je me présente."
    )

    assert message.status == MessageStatus.PENDING
    assert client.get(discussion.get_absolute_url()).status_code == 404
    assert "Bonjour" not in client.get(community.url).content.decode()
    client.force_login(newcomer)
    assert client.get(discussion.get_absolute_url()).status_code == 200


def test_a_wrong_slug_redirects_to_the_permalink(client, discussion):
    response = client.get(f"/discussions/{discussion.pk}-autre-titre/")

    assert response.status_code == 301
    assert response["Location"] == discussion.get_absolute_url()


# Starting and replying


def test_a_member_starts_a_discussion_and_follows_it(client, trusted, community, alice):
    client.force_login(alice)

    response = start(client, community)

    discussion = Discussion.objects.get(title="Fatigue du soir")
    assert response.status_code == 302
    assert response["Location"] == discussion.get_absolute_url()
    assert discussion.is_public and discussion.author == alice
    assert discussion.subscriptions.filter(user=alice).exists()


def test_a_visitor_who_posts_is_sent_to_the_login_page(client, community):
    response = start(client, community)

    assert response.status_code == 302
    assert response["Location"].startswith("/compte/login/")
    assert not Discussion.objects.exists()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"title": "", "text": "Un texte."}, "Donnez un titre à la discussion."),
        ({"text": ""}, "Écrivez votre message."),
        ({"text": "x" * 5001}, "Votre message dépasse 5000 caractères"),
        ({"title": "t" * 151}, "Le titre dépasse 150 caractères"),
        ({"themes": ["999999"]}, "Ce thème n&#x27;existe pas."),
    ],
)
def test_bad_discussion_input_gets_a_french_message_and_saves_nothing(
    client, community, alice, fields, error
):
    client.force_login(alice)

    response = start(client, community, **fields)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Discussion.objects.exists()


def test_html_and_script_in_a_message_show_as_text(client, trusted, community, alice):
    client.force_login(alice)

    start(client, community, title="<b>Titre</b>", text="<script>alert(1)</script>")

    discussion = Discussion.objects.get()
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "&lt;b&gt;Titre&lt;/b&gt;" in html


def test_links_in_messages_are_marked_nofollow_ugc(client, discussion, bruno):
    factories.build_reply(discussion, bruno, "Voir https://www.orpha.net/fr.")

    html = client.get(discussion.get_absolute_url()).content.decode()

    assert (
        '<a href="https://www.orpha.net/fr" rel="nofollow ugc">'
        "https://www.orpha.net/fr</a>." in html
    )


def test_a_phone_number_asks_the_author_to_confirm(client, trusted, discussion, bruno):
    client.force_login(bruno)

    refused = reply(client, discussion, text="Appelez-moi au 06 12 34 56 78")
    accepted = reply(
        client,
        discussion,
        text="Appelez-moi au 06 12 34 56 78",
        confirm_contact_details="on",
    )

    assert refused.status_code == 400
    assert "un numéro de téléphone" in refused.content.decode()
    assert accepted.status_code == 302
    assert discussion.messages.filter(user=bruno).count() == 1


def test_an_address_in_a_discussion_title_asks_the_author_to_confirm(
    client, trusted, community, bruno
):
    client.force_login(bruno)

    refused = start(client, community, title="Écrivez-moi : lea@example.org")
    accepted = start(
        client,
        community,
        title="Écrivez-moi : lea@example.org",
        confirm_contact_details="on",
    )

    assert refused.status_code == 400
    assert "une adresse électronique" in refused.content.decode()
    assert accepted.status_code == 302
    assert Discussion.objects.filter(author=bruno).count() == 1


def test_a_forged_reply_beyond_the_deepest_level_is_refused_and_leaves_no_row(
    client, discussion, alice, bruno
):
    opening = discussion.opening_message()
    second = factories.build_reply(discussion, bruno, "Niveau 2", parent=opening)
    third = factories.build_reply(discussion, alice, "Niveau 3", parent=second)
    client.force_login(bruno)
    before = Message.objects.count()

    response = reply(client, discussion, text="Niveau 4", reply_to=third.pk)

    assert response.status_code == 400
    assert "3 niveaux au plus" in response.content.decode()
    assert Message.objects.count() == before


def test_the_xtd_depth_check_is_turned_into_a_refusal_without_a_row(
    discussion, alice, bruno
):
    opening = discussion.opening_message()
    second = factories.build_reply(discussion, bruno, "Niveau 2", parent=opening)
    third = factories.build_reply(discussion, alice, "Niveau 3", parent=second)
    before = Message.objects.count()

    with pytest.raises(services.DiscussionError) as refusal:
        services.create_message(discussion, bruno, "Niveau 4", parent=third)

    assert refusal.value.code == "too_deep"
    assert Message.objects.count() == before


def test_a_reply_to_a_removed_message_is_refused(client, discussion, alice, bruno):
    removed = factories.build_reply(discussion, bruno, "Hors charte")
    moderator = factories.build_moderator()
    services.moderate(removed, moderator, "remove", ModerationReason.objects.get())
    client.force_login(alice)

    response = reply(client, discussion, text="Je réponds", reply_to=removed.pk)

    assert response.status_code == 400
    assert "on ne peut pas y répondre" in response.content.decode()
    assert not discussion.messages.filter(comment="Je réponds").exists()


@pytest.mark.parametrize("reply_to", ["abc", "999999", "9" * 30])
def test_an_unknown_reply_to_is_refused(client, discussion, bruno, reply_to):
    client.force_login(bruno)

    response = reply(client, discussion, text="Bonjour", reply_to=reply_to)

    assert response.status_code == 400
    assert "répondez est introuvable" in response.content.decode()
    assert not discussion.messages.filter(user=bruno).exists()


def test_a_reply_to_a_message_of_another_discussion_is_refused(
    client, community, discussion, alice, bruno
):
    other = factories.build_discussion(community, alice, "Autre sujet")
    client.force_login(bruno)

    response = reply(
        client, discussion, text="Bonjour", reply_to=other.opening_message().pk
    )

    assert response.status_code == 400
    assert not Message.objects.filter(user=bruno).exists()


def test_a_post_without_its_csrf_token_is_refused(discussion, bruno):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bruno)

    response = reply(client, discussion, text="Sans jeton")

    assert response.status_code == 403
    assert not Message.objects.filter(user=bruno).exists()


def test_an_unconfirmed_account_cannot_post(client, discussion):
    unconfirmed = factories.build_member("pressee", verified=False)
    client.force_login(unconfirmed)

    response = reply(client, discussion, text="Bonjour")

    assert response.status_code == 400
    assert "Confirmez d&#x27;abord votre adresse" in response.content.decode()
    assert not Message.objects.filter(user=unconfirmed).exists()


def test_a_blocked_member_cannot_post(client, discussion, bruno):
    bruno.member.posting_blocked_until = timezone.now() + timedelta(days=7)
    bruno.member.save()
    client.force_login(bruno)

    response = reply(client, discussion, text="Bonjour")

    assert response.status_code == 400
    assert "ne peut plus publier" in response.content.decode()


def test_posting_too_often_is_refused_in_french(
    client, trusted, discussion, bruno, settings
):
    settings.DISCUSSIONS_POST_RATE = "2/h"
    client.force_login(bruno)

    statuses = [
        reply(client, discussion, text=f"Message {n}").status_code for n in range(3)
    ]
    refused = reply(client, discussion, text="Un long message à ne pas perdre")

    assert statuses == [302, 302, 429]
    assert discussion.messages.filter(user=bruno).count() == 2
    # The refused message comes back in its form, to be sent again later.
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "trop souvent" in page
    assert "Un long message à ne pas perdre</textarea>" in page


def test_a_discussion_started_too_often_comes_back_with_its_title_and_text(
    client, trusted, community, bruno, settings
):
    settings.DISCUSSIONS_POST_RATE = "1/h"
    client.force_login(bruno)
    start(client, community)

    response = start(client, community, title="Deuxième sujet", text="Tout mon récit")

    page = response.content.decode()
    assert response.status_code == 429
    assert 'value="Deuxième sujet"' in page
    assert "Tout mon récit</textarea>" in page
    assert Discussion.objects.filter(author=bruno).count() == 1


def test_a_report_sent_too_often_comes_back_with_its_comment(
    client, discussion, settings
):
    settings.DISCUSSIONS_REPORT_RATE = "1/h"
    message = discussion.opening_message()
    reason = ModerationReason.objects.get()
    url = f"/messages/{message.pk}/signaler/"
    client.post(url, {"reason": reason.pk, "comment": "Premier"})

    response = client.post(url, {"reason": reason.pk, "comment": "Mon explication"})

    assert response.status_code == 429
    assert "Mon explication</textarea>" in response.content.decode()
    assert Report.objects.count() == 1


def test_a_reply_with_an_expired_form_token_is_given_back_to_its_author(
    trusted, discussion, bruno
):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bruno)
    client.get(discussion.get_absolute_url())  # sets the CSRF cookie

    response = client.post(
        f"/discussions/{discussion.pk}/repondre/",
        {"text": "Ma longue réponse <b>écrite</b>", "csrfmiddlewaretoken": "périmé"},
    )

    page = response.content.decode()
    assert response.status_code == 403
    assert "Ce formulaire a expiré" in page
    assert "Ma longue réponse &lt;b&gt;écrite&lt;/b&gt;</textarea>" in page
    assert not discussion.messages.filter(user=bruno).exists()


# Moderation rules at posting time


def test_a_new_members_first_messages_wait_for_a_moderator(discussion):
    newcomer = factories.build_member("nouveau")

    first = services.post_reply(discussion=discussion, author=newcomer, text="Un")

    assert first.status == MessageStatus.PENDING
    assert "nouveau membre" in first.held_because


def test_a_message_with_many_links_waits(trusted, discussion, bruno):
    text = "https://a.fr https://b.fr https://c.fr"

    message = services.post_reply(discussion=discussion, author=bruno, text=text)

    assert message.status == MessageStatus.PENDING


def test_a_watched_word_holds_a_message_whatever_its_accents(
    trusted, discussion, bruno, settings
):
    settings.DISCUSSIONS_WATCHED_WORDS = ["remède miracle"]

    held = services.post_reply(
        discussion=discussion, author=bruno, text="Un REMEDE MIRACLE !"
    )
    passed = services.post_reply(
        discussion=discussion, author=bruno, text="Des remèdes, pas de miracle."
    )

    assert held.status == MessageStatus.PENDING
    assert passed.status == MessageStatus.PUBLISHED


# Editing and deleting


def test_an_author_edits_their_message_within_the_window(client, discussion, bruno):
    message = factories.build_reply(discussion, bruno, "Premier jet")
    client.force_login(bruno)

    response = client.post(f"/messages/{message.pk}/modifier/", {"text": "Corrigé"})

    message.refresh_from_db()
    assert response.status_code == 302
    assert message.comment == "Corrigé" and message.edited_at is not None


def test_an_author_cannot_edit_after_the_window(client, discussion, bruno):
    message = factories.build_reply(discussion, bruno, "Premier jet")
    Message.objects.filter(pk=message.pk).update(
        submit_date=timezone.now() - timedelta(hours=2)
    )
    client.force_login(bruno)

    response = client.post(f"/messages/{message.pk}/modifier/", {"text": "Corrigé"})

    message.refresh_from_db()
    assert response.status_code == 403
    assert message.comment == "Premier jet"


def test_nobody_edits_someone_elses_message(client, discussion, bruno):
    message = factories.build_reply(discussion, bruno, "À moi")
    client.force_login(factories.build_member("intrus"))

    response = client.post(f"/messages/{message.pk}/modifier/", {"text": "Volé"})

    assert response.status_code == 404


def test_a_deleted_message_leaves_a_placeholder_and_its_replies(
    client, discussion, alice, bruno
):
    message = factories.build_reply(discussion, bruno, "Je me suis trompé")
    factories.build_reply(discussion, alice, "Pas grave !", parent=message)
    client.force_login(bruno)

    client.post(f"/messages/{message.pk}/supprimer/")

    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Je me suis trompé" not in html
    assert "supprimé par son auteur" in html
    assert "Pas grave !" in html


def test_an_edit_held_for_review_keeps_its_place_and_hides_its_text(
    client, trusted, discussion, alice, bruno, settings
):
    settings.DISCUSSIONS_WATCHED_WORDS = ["remède miracle"]
    message = factories.build_reply(discussion, bruno, "Premier jet")
    factories.build_reply(discussion, alice, "Merci pour ce retour", parent=message)

    services.edit_message(message, bruno, "Essayez ce remède miracle")

    message.refresh_from_db()
    assert message.status == MessageStatus.PENDING and message.was_published
    as_visitor = client.get(discussion.get_absolute_url()).content.decode()
    assert "attend la relecture" in as_visitor
    assert "remède miracle" not in as_visitor and "Premier jet" not in as_visitor
    assert "Merci pour ce retour" in as_visitor
    assert f'href="#message-{message.pk}"' in as_visitor  # the reply answers it
    client.force_login(bruno)
    as_author = client.get(discussion.get_absolute_url()).content.decode()
    assert "Essayez ce remède miracle" in as_author
    assert "Votre modification attend la relecture" in as_author


def test_a_refused_edit_leaves_a_placeholder_and_followers_hear_once(
    client,
    trusted,
    discussion,
    bruno,
    settings,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    settings.DISCUSSIONS_WATCHED_WORDS = ["remède miracle"]
    moderator = factories.build_moderator()
    reason = ModerationReason.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        message = factories.build_reply(discussion, bruno, "Premier jet")
    assert [mail.to for mail in mailoutbox] == [["alice@example.org"]]

    with django_capture_on_commit_callbacks(execute=True):
        services.edit_message(message, bruno, "Un remède miracle")
        services.moderate(message, moderator, "approve", reason)
    assert len(mailoutbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        services.edit_message(message, bruno, "Encore un remède miracle")
        services.moderate(message, moderator, "reject", reason)

    message.refresh_from_db()
    assert message.status == MessageStatus.REMOVED
    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "retiré par l’équipe de modération" in html
    assert "remède miracle" not in html
    assert [mail.to for mail in mailoutbox[1:]] == [["bruno@example.org"]]


def test_a_removed_opening_message_keeps_its_thread_readable_but_unlisted(
    client, community, discussion, bruno
):
    factories.build_reply(discussion, bruno, "Toujours là")
    services.moderate(
        discussion.opening_message(),
        factories.build_moderator(),
        "remove",
        ModerationReason.objects.get(),
    )

    response = client.get(discussion.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Toujours là" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "La kiné respiratoire" not in client.get(community.url).content.decode()
    assert not SearchDocument.objects.public().filter(kind="discussion").exists()


@pytest.mark.parametrize(
    "address",
    [
        "/discussions/99999999999999999999999999-sujet/",
        "/messages/99999999999999999999999999/",
        "/discussions/nouvelle/99999999999999999999999999/",
    ],
)
def test_an_id_no_table_can_hold_is_not_found(client, discussion, address):
    assert client.get(address).status_code == 404


# Discussions in a restricted community


def restrict(page, restriction_type, **fields):
    from wagtail.models import PageViewRestriction

    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )


def test_a_community_for_members_only_keeps_its_discussions_to_members(
    client, discussion, community, theme_index, category, alice
):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    discussion.themes.add(school)
    restrict(community, "login")

    response = client.get(discussion.get_absolute_url())

    assert response.status_code == 302
    assert "/login" in response["Location"] or "/compte/" in response["Location"]
    assert "La kiné respiratoire" not in client.get(school.url).content.decode()
    assert not Discussion.objects.public().filter(pk=discussion.pk).exists()
    api = client.get(f"/api/v2/discussions/?community={school.pk}").json()
    assert api["count"] == 0
    assert client.get(f"/api/v2/discussions/{discussion.pk}/").status_code == 404
    assert client.get(f"/flux/communautes/{school.pk}/rss/").status_code == 200
    assert "La kiné" not in client.get(f"/flux/communautes/{school.pk}/rss/").text
    client.force_login(alice)
    response = client.get(discussion.get_absolute_url())
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_a_community_behind_a_password_hides_its_discussions(
    client, discussion, community
):
    restrict(community, "password", password="secret")
    message = discussion.opening_message()

    assert client.get(discussion.get_absolute_url()).status_code == 404
    assert client.get(f"/messages/{message.pk}/").status_code == 404


# Reports and moderation


def test_a_visitor_reports_a_message_with_a_charter_reason(client, discussion):
    message = discussion.opening_message()
    reason = ModerationReason.objects.get()

    response = client.post(
        f"/messages/{message.pk}/signaler/",
        {"reason": reason.pk, "comment": "<b>insultant</b>"},
    )

    report = Report.objects.get()
    message.refresh_from_db()
    assert response.status_code == 302
    assert report.reason == reason and report.reporter is None
    assert message.reported_at is not None


def test_a_report_without_a_known_reason_is_refused(client, discussion):
    message = discussion.opening_message()

    response = client.post(f"/messages/{message.pk}/signaler/", {"reason": "999"})

    assert response.status_code == 400
    assert "Ce motif n&#x27;existe pas." in response.content.decode()
    assert not Report.objects.exists()


def test_a_removed_message_shows_a_placeholder_and_its_author_is_told_why(
    client, discussion, bruno, django_capture_on_commit_callbacks, mailoutbox
):
    message = factories.build_reply(discussion, bruno, "Propos blessants")
    moderator = factories.build_moderator()

    with django_capture_on_commit_callbacks(execute=True):
        decision = services.moderate(
            message, moderator, "remove", ModerationReason.objects.get(), "note"
        )

    html = client.get(discussion.get_absolute_url()).content.decode()
    assert "Propos blessants" not in html
    assert "retiré par l’équipe de modération" in html
    assert decision.reason_code == "irrespect" and decision.moderator == moderator
    [mail] = mailoutbox
    assert mail.to == ["bruno@example.org"]
    assert "Propos irrespectueux" in mail.body
    assert f"M-{decision.pk}" in mail.body


def test_a_decision_that_does_not_fit_the_status_is_refused(discussion):
    message = discussion.opening_message()
    moderator = factories.build_moderator()

    with pytest.raises(services.DiscussionError):
        services.moderate(message, moderator, "approve", ModerationReason.objects.get())

    assert not message.decisions.exists()


# Following and notifications


def test_followers_get_an_email_with_a_one_click_unsubscribe_link(
    client, trusted, discussion, bruno, django_capture_on_commit_callbacks, mailoutbox
):
    client.force_login(bruno)

    with django_capture_on_commit_callbacks(execute=True):
        reply(client, discussion, text="Bienvenue !")

    [mail] = mailoutbox
    assert mail.to == ["alice@example.org"]
    assert "Bienvenue" not in mail.body, "no message text leaves the site"
    unsubscribe = re.search(r"/abonnements/[\w-]+/", mail.body).group(0)
    assert unsubscribe in mail.extra_headers["List-Unsubscribe"]
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    anonymous = Client()
    assert anonymous.get(unsubscribe).status_code == 200
    assert anonymous.post(unsubscribe).status_code == 200
    assert not discussion.subscriptions.filter(user__username="alice").exists()


def test_community_followers_hear_of_new_discussions(
    client,
    trusted,
    community,
    alice,
    bruno,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    services.follow_page(bruno, community)
    client.force_login(alice)

    with django_capture_on_commit_callbacks(execute=True):
        start(client, community, title="Un nouveau sujet")

    [mail] = mailoutbox
    assert mail.to == ["bruno@example.org"]
    assert "Un nouveau sujet" in mail.subject


def test_a_mail_server_that_is_down_loses_neither_message_nor_mail(
    client,
    trusted,
    discussion,
    bruno,
    settings,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    settings.EMAIL_BACKEND = "tests.test_discussions.BrokenMailBackend"
    client.force_login(bruno)

    with django_capture_on_commit_callbacks(execute=True):
        response = reply(client, discussion, text="Le serveur de mail dort")

    assert response.status_code == 302
    assert discussion.messages.filter(comment="Le serveur de mail dort").exists()
    queued = OutgoingMail.objects.get()
    assert queued.attempts == 1 and queued.last_error == "ConnectionRefusedError"

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.update(retry_after=None)
    call_command("mail_worker", "--once")

    assert not OutgoingMail.objects.exists()
    assert mailoutbox[0].to == ["alice@example.org"]


class BrokenMailBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError


# Search and counts


def test_a_public_discussion_is_searchable_and_a_removed_one_is_not(client, discussion):
    document = SearchDocument.objects.get(key=f"discussion:{discussion.pk}")
    assert document.is_public and document.kind == "discussion"
    assert document.community_title == "Mucoviscidose"
    results = json.loads(client.get("/api/v2/search/", {"q": "rythme"}).content)
    assert [r["title"] for r in results["results"]] == ["La kiné respiratoire"]

    moderator = factories.build_moderator()
    reason = ModerationReason.objects.get()
    services.moderate(discussion.opening_message(), moderator, "remove", reason)

    document.refresh_from_db()
    assert not document.is_public


def add_messages(discussion, author, count):
    """Add `count` published messages, a third of them nested."""
    parents = [discussion.opening_message()]
    for number in range(count):
        parent = parents[number % len(parents)] if number % 3 else None
        message = services.create_message(
            discussion, author, f"Message {number}", parent=parent
        )
        if message.level < 2:
            parents.append(message)
    services.sync_discussion(discussion)


def queries_for(client, url):
    client.get(url)  # Settings and navigation are cached after a first visit.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_pages_make_the_same_number_of_queries_with_10_and_1000_messages(
    client, community, alice
):
    moderator = factories.build_moderator()
    small = factories.build_discussion(community, alice, "Petite")
    large = factories.build_discussion(community, alice, "Grande")
    add_messages(small, moderator, 10)
    add_messages(large, moderator, 1000)

    assert queries_for(client, small.get_absolute_url()) == queries_for(
        client, large.get_absolute_url()
    )
    client.force_login(alice)
    assert queries_for(client, small.get_absolute_url()) == queries_for(
        client, large.get_absolute_url()
    )


def test_a_community_page_makes_the_same_queries_with_1_and_30_discussions(
    client, community, pathology_index, alice
):
    other = factories.build_pathology(pathology_index, "Drépanocytose")
    factories.build_discussion(other, alice, "Seule")
    for number in range(30):
        factories.build_discussion(community, alice, f"Sujet {number}")

    assert queries_for(client, other.url) == queries_for(client, community.url)


def test_no_network_address_is_stored_with_a_message(
    client, trusted, discussion, bruno
):
    client.force_login(bruno)

    reply(client, discussion, text="Bonjour", REMOTE_ADDR="203.0.113.9")

    assert Message.objects.get(user=bruno).ip_address is None


@pytest.mark.parametrize("build_place", ["testimony", "news"])
def test_testimonies_and_news_articles_are_discussed_the_same_way(
    client, trusted, community, home, alice, build_place
):
    if build_place == "testimony":
        place = factories.build_testimony(community, "Mon parcours")
    else:
        _news_index, place = factories.build_news(home, "Une bonne nouvelle")
    client.force_login(alice)

    response = start(client, place, title="Merci pour ce partage")

    discussion = Discussion.objects.get()
    assert response.status_code == 302 and discussion.page_id == place.pk
    assert "Merci pour ce partage" in client.get(place.url).content.decode()
