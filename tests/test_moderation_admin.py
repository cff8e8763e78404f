"""The moderators' queues and decisions in the Wagtail admin."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from discussions import services
from discussions.models import (
    MessageStatus,
    ModerationDecision,
    WatchedWord,
)

from . import factories

PENDING_QUEUE = "/admin/moderation/en-attente/"
REPORTED_QUEUE = "/admin/moderation/signales/"
ALL_MESSAGES = "/admin/moderation/messages/"
DECISIONS = "/admin/moderation/decisions/"
WATCHED_WORDS = "/admin/moderation/mots-surveilles/"


def decision_url(message):
    return reverse("discussions_moderation_decide", args=[message.pk])


@pytest.fixture
def charter(home):
    return factories.build_charter(home)


@pytest.fixture
def reason(charter):
    return charter.reasons.get(code="irrespect")


@pytest.fixture
def community(pathology_index):
    return factories.build_pathology(pathology_index, title="Syndrome de Marfan")


@pytest.fixture
def moderator(db):
    return factories.build_moderator()


@pytest.fixture
def held_message(community):
    """The first message of a new member, which waits for a moderator."""
    newcomer = factories.build_member("Coquelicot")
    _discussion, message = services.start_discussion(
        place=community,
        author=newcomer,
        title="Fatigue après l'opération",
        text="Bonjour, est-ce que la fatigue passe ?",
    )
    return message


@pytest.fixture
def published_message(community):
    author = factories.build_member("Bleuet")
    discussion = factories.build_discussion(
        community, author, title="Suivi cardiaque", text="Tous les six mois ?"
    )
    return discussion.opening_message()


@pytest.fixture
def reported_message(published_message, reason):
    reader = factories.build_member("Lilas", email="lilas.secret@example.org")
    services.report_message(published_message, reader, reason, "Ton agressif.")
    published_message.refresh_from_db()
    return published_message


def decide(client, message, **data):
    return client.post(decision_url(message), data)


def test_pending_queue_lists_a_held_message_and_not_a_published_one(
    client, moderator, held_message, published_message
):
    client.force_login(moderator)

    response = client.get(PENDING_QUEUE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "est-ce que la fatigue passe" in page
    assert "Coquelicot" in page
    assert "premiers messages d&#x27;un nouveau membre" in page
    assert "Tous les six mois" not in page


def test_pending_queue_escapes_the_message_text(client, moderator, community):
    newcomer = factories.build_member("Ortie")
    services.start_discussion(
        place=community,
        author=newcomer,
        title="Question",
        text="<script>alert('x')</script> Bonjour",
    )
    client.force_login(moderator)

    response = client.get(PENDING_QUEUE)

    page = response.content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page


def test_reported_queue_lists_a_reported_message_with_its_reason(
    client, moderator, reported_message, held_message
):
    client.force_login(moderator)

    response = client.get(REPORTED_QUEUE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tous les six mois" in page
    assert "Propos irrespectueux" in page
    assert "est-ce que la fatigue passe" not in page


def test_all_messages_can_be_filtered_by_status(
    client, moderator, held_message, published_message
):
    client.force_login(moderator)

    response = client.get(ALL_MESSAGES, {"status__exact": "published"})

    page = response.content.decode()
    assert "Tous les six mois" in page
    assert "est-ce que la fatigue passe" not in page


def test_dashboard_tells_moderators_how_many_messages_wait(
    client, moderator, held_message, reported_message
):
    client.force_login(moderator)

    response = client.get(reverse("wagtailadmin_home"))

    page = response.content.decode()
    assert "1 message en attente de modération" in page
    assert "1 message signalé" in page


def test_menu_label_counts_the_messages_waiting(
    rf, moderator, held_message, reported_message
):
    from wagtail.admin.menu import admin_menu

    request = rf.get("/admin/")
    request.user = moderator

    labels = [item.label for item in admin_menu.render_component(request)]

    assert "Modération (2)" in labels


def test_decision_view_shows_the_message_its_reports_and_no_reporter_address(
    client, moderator, reported_message
):
    client.force_login(moderator)

    response = client.get(decision_url(reported_message))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Tous les six mois ?" in page
    assert "Propos irrespectueux" in page
    assert "Ton agressif." in page
    assert "lilas.secret@example.org" not in page
    assert "Lilas" not in page


def test_decision_view_shows_the_message_a_reply_answers(
    client, moderator, published_message
):
    replier = factories.build_member("Pivoine")
    reply = factories.build_reply(
        published_message.discussion, replier, "Oui, pour moi aussi.", published_message
    )
    client.force_login(moderator)

    response = client.get(decision_url(reply))

    page = response.content.decode()
    assert "En réponse à" in page
    assert "Tous les six mois ?" in page


def test_decision_view_offers_only_the_actions_allowed_for_the_status(
    client, moderator, held_message, reason
):
    client.force_login(moderator)

    response = client.get(decision_url(held_message))

    choices = [
        value for value, _label in response.context["form"].fields["action"].choices
    ]
    assert choices == ["approve", "reject"]


def test_moderator_approves_a_pending_message(client, moderator, held_message, reason):
    client.force_login(moderator)

    response = decide(
        client, held_message, action="approve", reason=reason.pk, note="Rien à redire."
    )

    held_message.refresh_from_db()
    assert held_message.status == MessageStatus.PUBLISHED
    decision = ModerationDecision.objects.get(message=held_message)
    assert decision.moderator == moderator
    assert decision.action == "approve"
    assert decision.reason_code == "irrespect"
    assert decision.note == "Rien à redire."
    assert response.status_code == 302


def test_a_decision_returns_to_the_queue_it_came_from(
    client, moderator, reported_message, reason
):
    client.force_login(moderator)

    response = client.post(
        decision_url(reported_message),
        {"action": "dismiss", "reason": reason.pk, "next": REPORTED_QUEUE},
    )

    assert response.status_code == 302
    assert response["Location"] == REPORTED_QUEUE
    followed = client.get(REPORTED_QUEUE)
    assert "Décision enregistrée pour le message" in followed.content.decode()


def test_a_decision_never_redirects_to_another_site(
    client, moderator, held_message, reason
):
    client.force_login(moderator)

    response = client.post(
        decision_url(held_message),
        {"action": "approve", "reason": reason.pk, "next": "https://example.com/"},
    )

    assert response["Location"] == PENDING_QUEUE


def test_removing_a_published_message_tells_its_author_why(
    client,
    moderator,
    published_message,
    reason,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        decide(client, published_message, action="remove", reason=reason.pk)

    published_message.refresh_from_db()
    assert published_message.status == MessageStatus.REMOVED
    decision = ModerationDecision.objects.get(message=published_message)
    assert decision.previous_status == "published"
    assert decision.new_status == "removed"
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["bleuet@example.org"]
    assert "Propos irrespectueux" in mailoutbox[0].body


def test_a_decision_without_reason_is_refused(client, moderator, held_message, reason):
    client.force_login(moderator)

    response = decide(client, held_message, action="approve", reason="")

    assert response.status_code == 200
    assert "Choisissez le motif de la charte" in response.content.decode()
    held_message.refresh_from_db()
    assert held_message.status == MessageStatus.PENDING
    assert not ModerationDecision.objects.exists()


def test_approving_a_published_message_is_refused(
    client, moderator, published_message, reason
):
    client.force_login(moderator)

    response = decide(client, published_message, action="approve", reason=reason.pk)

    assert response.status_code == 200
    assert "ne s&#x27;applique pas à ce message" in response.content.decode()
    published_message.refresh_from_db()
    assert published_message.status == MessageStatus.PUBLISHED
    assert not ModerationDecision.objects.exists()


def test_a_forged_action_is_refused(client, moderator, held_message, reason):
    client.force_login(moderator)

    response = decide(client, held_message, action="publish-all", reason=reason.pk)

    assert response.status_code == 200
    assert "ne s&#x27;applique pas à ce message" in response.content.decode()
    assert not ModerationDecision.objects.exists()


def test_a_reason_outside_the_published_charter_is_refused(
    client, moderator, held_message, reason, charter
):
    charter.unpublish()
    client.force_login(moderator)

    response = decide(client, held_message, action="approve", reason=reason.pk)

    assert response.status_code == 200
    assert not ModerationDecision.objects.exists()


def test_a_decision_taken_meanwhile_by_another_moderator_is_reported(
    client, moderator, held_message, reason
):
    colleague = factories.build_moderator("collegue")
    client.force_login(moderator)
    form_page = client.get(decision_url(held_message))
    services.moderate(held_message, colleague, "reject", reason)

    response = decide(client, held_message, action="approve", reason=reason.pk)

    assert form_page.status_code == 200
    assert response.status_code == 200
    held_message.refresh_from_db()
    assert held_message.status == MessageStatus.REJECTED
    assert ModerationDecision.objects.count() == 1


def test_a_member_cannot_open_the_decision_view(client, held_message):
    member = factories.build_member("Muguet")
    client.force_login(member)

    response = client.get(decision_url(held_message))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_staff_without_the_moderation_permission_cannot_decide(
    client, held_message, reason
):
    editor = factories.build_member("Redactrice", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)

    opened = client.get(decision_url(held_message))
    posted = decide(client, held_message, action="approve", reason=reason.pk)

    assert opened.status_code == 302
    assert opened["Location"] == reverse("wagtailadmin_home")
    assert posted.status_code == 302
    held_message.refresh_from_db()
    assert held_message.status == MessageStatus.PENDING
    assert not ModerationDecision.objects.exists()


def test_messages_have_no_stock_create_edit_or_delete_view(
    client, admin_user, held_message
):
    client.force_login(admin_user)
    forged = [
        f"{PENDING_QUEUE}create/",
        f"{PENDING_QUEUE}edit/{held_message.pk}/",
        f"{ALL_MESSAGES}delete/{held_message.pk}/",
    ]

    responses = [client.post(url, {"comment": "Changé"}) for url in forged]

    assert [response.status_code for response in responses] == [404, 404, 404]
    held_message.refresh_from_db()
    assert held_message.comment == "Bonjour, est-ce que la fatigue passe ?"


def test_decisions_cannot_be_edited_or_deleted_even_by_a_superuser(
    client, admin_user, moderator, held_message, reason
):
    decision = services.moderate(held_message, moderator, "approve", reason, "Vu.")
    client.force_login(admin_user)
    forged = [
        f"{DECISIONS}create/",
        f"{DECISIONS}edit/{decision.pk}/",
        f"{DECISIONS}delete/{decision.pk}/",
    ]

    gets = [client.get(url) for url in forged]
    posts = [client.post(url, {"note": "Réécrit."}) for url in forged]

    assert [response.status_code for response in gets + posts] == [404] * 6
    decision.refresh_from_db()
    assert decision.note == "Vu."
    assert ModerationDecision.objects.count() == 1


def test_decision_listing_offers_no_edit_or_delete_button(
    client, admin_user, moderator, held_message, reason
):
    decision = services.moderate(held_message, moderator, "approve", reason)
    client.force_login(admin_user)

    response = client.get(DECISIONS)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"{DECISIONS}inspect/{decision.pk}/" in page
    assert "/edit/" not in page
    assert "/delete/" not in page


def test_decisions_export_as_csv(client, moderator, held_message, reason):
    services.moderate(held_message, moderator, "reject", reason, "=HYPERLINK(1)")
    client.force_login(moderator)

    response = client.get(DECISIONS, {"export": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0] == [
        "Décidé le",
        "Nom du modérateur",
        "Décision",
        "Code du motif",
        "Motif",
        "N° du message",
        "Discussion",
        "Statut avant",
        "Statut après",
        "Note interne",
    ]
    assert rows[1][1:] == [
        "moderatrice",
        "reject",
        "irrespect",
        "Propos irrespectueux",
        str(held_message.pk),
        "Fatigue après l'opération",
        "pending",
        "rejected",
        "'=HYPERLINK(1)",
    ]
    assert len(rows) == 2


def test_decisions_export_as_xlsx(client, moderator, held_message, reason):
    services.moderate(held_message, moderator, "approve", reason)
    client.force_login(moderator)

    response = client.get(DECISIONS, {"export": "xlsx"})

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]


def test_watched_words_can_be_added_in_the_admin(client, admin_user):
    client.force_login(admin_user)

    response = client.post(f"{WATCHED_WORDS}create/", {"word": "guérison miracle"})

    assert response.status_code == 302
    assert WatchedWord.objects.filter(word="guérison miracle").exists()


def test_every_moderation_listing_opens_for_a_moderator(
    client, moderator, held_message, reported_message
):
    client.force_login(moderator)

    responses = [
        client.get(url)
        for url in (PENDING_QUEUE, REPORTED_QUEUE, ALL_MESSAGES, DECISIONS)
    ]

    assert [response.status_code for response in responses] == [200] * 4
