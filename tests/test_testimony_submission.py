"""
Members propose testimonies with a form; editors review them with Wagtail's
moderation workflow, and the member hears of the decision by e-mail.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import WorkflowState

from editorial.models import TestimonyPage
from search.models import SearchDocument

from . import factories

pytestmark = pytest.mark.django_db

SUBMIT_URL = "/temoignages/proposer/"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # The counters live in the cache, which outlives each test's transaction.
    cache.clear()


@pytest.fixture
def community(pathology_index):
    return factories.build_pathology(pathology_index, "Syndrome de Marfan")


@pytest.fixture
def member(db):
    return factories.build_member(username="Coquelicot")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def editor_client(client, db):
    client.force_login(factories.build_editor())
    return client


def proposal(place, **changes):
    """The form's fields as a member fills them in, with `changes` on top."""
    data = {
        "title": "Six ans d'errance",
        "community": str(place.pk),
        "story": factories.STORY,
        "consent": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def mails_to(mailoutbox, user):
    return [mail for mail in mailoutbox if user.email in mail.to]


def review(client, page, action, comment=""):
    """Approve or reject the page's current task as the admin's buttons do."""
    page = TestimonyPage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]
    )
    return client.post(url, {"comment": comment})


def test_a_member_s_proposal_waits_as_a_draft_in_the_moderation_workflow(
    member_client, member, community
):
    response = member_client.post(SUBMIT_URL, proposal(community))

    testimony = TestimonyPage.objects.child_of(community).get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("testimony_submitted"))
    assert testimony.title == "Six ans d'errance"
    assert not testimony.live
    assert testimony.workflow_in_progress
    assert testimony.current_workflow_state.requested_by == member
    assert testimony.author_pseudonym == "Coquelicot"
    assert testimony.submitted_by == member
    assert testimony.publication_consent_at is not None


def test_the_thank_you_page_leads_back_to_the_community(member_client, community):
    response = member_client.post(SUBMIT_URL, proposal(community), follow=True)

    html = response.content.decode()
    assert "Merci pour votre témoignage" in html
    assert f'href="{community.url}"' in html


def test_a_proposed_testimony_is_not_publicly_reachable(
    client, member_client, community
):
    member_client.post(SUBMIT_URL, proposal(community))
    testimony = TestimonyPage.objects.child_of(community).get()
    client.logout()

    assert client.get(testimony.url).status_code == 404
    assert "Six ans d'errance" not in client.get(community.url).content.decode()
    assert not SearchDocument.objects.filter(key=f"page:{testimony.pk}").exists()


def test_the_member_receives_a_receipt_by_email(
    member_client, member, community, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        member_client.post(SUBMIT_URL, proposal(community))

    [receipt] = mails_to(mailoutbox, member)
    assert receipt.subject == "Votre témoignage a bien été reçu"
    assert "Six ans d'errance" in receipt.body
    assert "Syndrome de Marfan" in receipt.body


def test_the_editors_are_told_of_a_new_proposal_by_wagtail(
    member_client, community, mailoutbox
):
    editor = factories.build_editor()

    member_client.post(SUBMIT_URL, proposal(community))

    [notification] = mails_to(mailoutbox, editor)
    assert "Six ans d'errance" in notification.subject


def test_the_summary_is_the_beginning_of_the_story(member_client, community):
    member_client.post(SUBMIT_URL, proposal(community))

    testimony = TestimonyPage.objects.child_of(community).get()
    assert len(testimony.summary) <= 300
    assert testimony.summary.startswith("Le diagnostic est tombé après six ans")


def test_blank_lines_separate_the_paragraphs_of_the_story(member_client, community):
    story = "Premier paragraphe. " * 8 + "\r\n\r\n" + "Second paragraphe. " * 8

    member_client.post(SUBMIT_URL, proposal(community, story=story))

    testimony = TestimonyPage.objects.child_of(community).get()
    [block] = testimony.body
    assert block.block_type == "paragraph"
    assert block.value.source.count("<p>") == 2


def test_a_visitor_is_sent_to_the_login_page(client, community):
    response = client.get(SUBMIT_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_link_of_a_community_preselects_it(member_client, community):
    response = member_client.get(SUBMIT_URL, {"communaute": community.pk})

    html = response.content.decode()
    assert response.status_code == 200
    assert f'<option value="{community.pk}" selected>' in html


def test_a_community_page_invites_members_to_propose_a_testimony(client, community):
    html = client.get(community.url).content.decode()

    assert f'href="{SUBMIT_URL}?communaute={community.pk}"' in html
    assert "Proposer un témoignage" in html


def test_a_proposal_without_consent_is_refused_in_french(member_client, community):
    response = member_client.post(SUBMIT_URL, proposal(community, consent=None))

    assert response.status_code == 400
    assert "sans votre accord" in response.content.decode()
    assert not TestimonyPage.objects.exists()


def test_a_too_short_story_is_refused_in_french(member_client, community):
    response = member_client.post(SUBMIT_URL, proposal(community, story="Trop court."))

    assert response.status_code == 400
    assert "il en faut au moins 200" in response.content.decode()
    assert not TestimonyPage.objects.exists()


def test_a_too_long_story_is_refused_in_french(member_client, community):
    response = member_client.post(SUBMIT_URL, proposal(community, story="a" * 10_001))

    assert response.status_code == 400
    assert "10000 au plus" in response.content.decode()
    assert not TestimonyPage.objects.exists()


def test_an_unknown_community_is_refused_in_french(member_client, community):
    response = member_client.post(SUBMIT_URL, proposal(community, community="999999"))

    assert response.status_code == 400
    assert "Cette communauté n&#x27;existe pas" in response.content.decode()
    assert not TestimonyPage.objects.exists()


def test_a_missing_title_is_refused_in_french(member_client, community):
    response = member_client.post(SUBMIT_URL, proposal(community, title="  "))

    assert response.status_code == 400
    assert "Donnez un titre à votre témoignage." in response.content.decode()
    assert not TestimonyPage.objects.exists()


def test_html_in_a_story_is_shown_as_text_once_published(
    member_client, editor_client, community
):
    payload = '<script>alert("x")</script><b>gras</b> ' + "Mon récit. " * 20
    member_client.post(
        SUBMIT_URL, proposal(community, title="<i>Titre</i>", story=payload)
    )
    testimony = TestimonyPage.objects.child_of(community).get()

    review(editor_client, testimony, "approve")

    html = editor_client.get(testimony.url).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;gras" in html
    assert "<script>alert" not in html
    assert "<b>gras</b>" not in html
    assert "&lt;i&gt;Titre&lt;/i&gt;" in html


def test_an_unconfirmed_member_is_refused(client, community):
    client.force_login(factories.build_member(verified=False))

    response = client.post(SUBMIT_URL, proposal(community))

    assert response.status_code == 403
    assert "Confirmez d&#x27;abord votre adresse" in response.content.decode()
    assert not TestimonyPage.objects.exists()


def test_a_member_over_the_rate_limit_is_refused(member_client, community, settings):
    settings.DISCUSSIONS_TESTIMONY_RATE = "1/d"
    member_client.post(SUBMIT_URL, proposal(community))

    response = member_client.post(
        SUBMIT_URL, proposal(community, title="Encore", story="Mon histoire entière")
    )

    assert response.status_code == 429
    assert TestimonyPage.objects.count() == 1
    # The story comes back in its form, to be sent again later.
    page = response.content.decode()
    assert "trop souvent" in page
    assert "Mon histoire entière</textarea>" in page


def test_wagtail_s_own_default_workflow_reviews_proposals_on_a_fresh_database(
    member, community
):
    testimony = factories.build_proposed_testimony(community, member)

    workflow = testimony.current_workflow_state.workflow
    assert workflow.name == "Moderators approval"
    assert workflow.workflow_pages.filter(page__depth=1).exists()


def test_an_editor_approving_publishes_the_testimony_and_tells_the_member(
    editor_client,
    member,
    community,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    testimony = factories.build_proposed_testimony(community, member)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review(editor_client, testimony, "approve")

    testimony.refresh_from_db()
    assert testimony.live
    assert editor_client.get(testimony.url).status_code == 200
    [mail] = mails_to(mailoutbox, member)
    assert mail.subject == "Votre témoignage est publié"
    assert f"http://localhost:8000{testimony.url}" in mail.body


def test_a_correction_after_publication_sends_no_second_mail(
    editor_client,
    member,
    community,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    testimony = factories.build_proposed_testimony(community, member)
    review(editor_client, testimony, "approve")
    testimony = TestimonyPage.objects.get(pk=testimony.pk)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        testimony.summary = "Un chapeau relu."
        testimony.save_revision().publish()

    assert mails_to(mailoutbox, member) == []


def test_an_editor_rejecting_tells_the_member_with_the_comment(
    editor_client,
    member,
    community,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    testimony = factories.build_proposed_testimony(community, member)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        review(editor_client, testimony, "reject", comment="Trop de détails précis.")

    testimony.refresh_from_db()
    assert not testimony.live
    state = WorkflowState.objects.for_instance(testimony).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    [mail] = mails_to(mailoutbox, member)
    assert mail.subject == "Votre témoignage n'a pas été retenu"
    assert "Trop de détails précis." in mail.body
    assert "http://localhost:8000/temoignages/proposer/" in mail.body


def test_a_staff_testimony_sends_no_mail_when_published(
    community, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        factories.build_testimony(community)

    assert mailoutbox == []
