"""
Members talk in the discussions of a community, with the mouse, the keyboard
or without JavaScript, and moderators remove what breaks the charter.
"""

import re
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import expect

from discussions import services
from discussions.models import Discussion, Message, MessageStatus, Report
from portal.models import ModerationReason
from tests import factories

pytestmark = pytest.mark.browser

PASSWORD = factories.PASSWORD
LINK = re.compile(r"https?://[^\s<>\"]+")
# The French typographic apostrophe, as the templates write it.
REMOVED_PLACEHOLDER = "retiré par l’équipe de modération"
REASON_LABEL = "Propos irrespectueux"  # the reason `factories.build_charter` adds
CONTACT_DETAILS = "Appelez-moi au 06 12 34 56 78 le soir."


@pytest.fixture
def signed_in_page(new_context, live_server):
    """
    Return a function that opens a page in a new browser context where a
    member is already signed in, with the session cookie the test client
    made: the login form has its own test, the other tests need not cross it.
    """

    def open_for(user, **context_args):
        client = Client()
        client.force_login(user)
        context = new_context(**context_args)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return context.new_page()

    return open_for


def submit_form_with(page, field_name):
    """Press the submit button of the form that holds the field `field_name`."""
    page.locator(f"form:has([name={field_name}]) [type=submit]").first.click()


def links_in_mails_to(outbox, address):
    bodies = [mail.body for mail in outbox if address in mail.to]
    return [link for body in bodies for link in LINK.findall(body)]


def open_ok(page, url):
    response = page.goto(url)
    assert response.status == 200, f"{url} answers {response.status}"
    return page


def message_item(page, message):
    return page.locator(f"#message-{message.pk}")


def choose(form, name, *, value=None, text=None):
    """
    Pick `value`, or the choice whose label holds `text`, in the field
    `name`, whether the form shows it as a list or as radio buttons.
    """
    field = form.locator(f"[name={name}]")
    if field.first.evaluate("element => element.tagName") == "SELECT":
        if text is not None:
            option = field.locator("option", has_text=text)
            value = option.get_attribute("value")
        field.select_option(value)
    elif text is not None:
        form.get_by_role("radio", name=re.compile(re.escape(text))).check()
    else:
        form.locator(f"[name={name}][value={value}]").check()


def sign_up(page, pseudonym, email):
    page.goto("/compte/signup/")
    page.fill("input[name=email]", email)
    page.fill("input[name=username]", pseudonym)
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=health_data_consent]")
    submit_form_with(page, "password1")
    expect(page).to_have_url(re.compile(r"/compte/confirm-email/$"))


def confirm_address(page, outbox, email):
    confirmation_links = [
        link
        for link in links_in_mails_to(outbox, email)
        if "/compte/confirm-email/" in link
    ]
    assert len(confirmation_links) == 1, outbox
    page.goto(confirmation_links[0])
    page.locator("form[action*='/confirm-email/'] [type=submit]").click()


def log_in_through_the_form(page, email):
    page.goto("/compte/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    submit_form_with(page, "password")
    expect(page).not_to_have_url(re.compile(r"/compte/login/"))


def log_in_to_the_admin(page, user):
    page.goto("/admin/login/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", PASSWORD)
    submit_form_with(page, "password")
    expect(page).to_have_title(re.compile("^Tableau de bord"))


def open_discussion_here(page, title, text):
    """Fill in and send the form of the community page the member is on."""
    form = page.locator("form:has([name=title])")
    form.locator("[name=title]").fill(title)
    form.locator("[name=text]").fill(text)
    expect(form.locator("input[name=follow]")).to_be_checked()
    submit_form_with(page, "title")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    return Discussion.objects.get(title=title)


def remove_in_the_admin(admin_page, message, reason_label, note):
    admin_page.goto(f"/admin/moderation/messages/{message.pk}/decider/")
    form = admin_page.locator("form:has([name=action])")
    choose(form, "action", value="remove")
    choose(form, "reason", text=reason_label)
    form.locator("[name=note]").fill(note)
    with admin_page.expect_navigation():
        form.locator("[type=submit]").first.click()


def test_a_reply_reported_by_a_new_member_is_removed_by_a_moderator(
    page,
    new_context,
    live_server,
    community_site,
    settings,
    mailoutbox,
):
    settings.WAGTAILADMIN_BASE_URL = live_server.url
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0
    community = community_site["pathology"]
    bruno = factories.build_member("bruno")
    moderator = factories.build_moderator("moderatrice")

    sign_up(page, "lea-muco", "lea@example.org")
    confirm_address(page, mailoutbox, "lea@example.org")
    # Confirming the address signs her in: the community offers her its form.
    page.goto(community.url)
    expect(page.locator("form:has([name=title])")).to_be_visible()

    discussion = open_discussion_here(
        page,
        "La kiné respiratoire au quotidien",
        "Comment tenez-vous le rythme des séances ?",
    )
    assert discussion.author.get_username() == "lea-muco"

    bruno_page = new_context().new_page()
    log_in_through_the_form(bruno_page, bruno.email)
    bruno_page.goto(discussion.get_absolute_url())
    bruno_page.fill("form:has([name=reply_to]) textarea[name=text]", "Tu es nul.")
    submit_form_with(bruno_page, "reply_to")
    reply = Message.objects.select_related("discussion").get(user=bruno)
    expect(message_item(bruno_page, reply)).to_contain_text("Tu es nul.")

    reply_address = live_server.url + reply.get_absolute_url()
    assert reply_address in links_in_mails_to(mailoutbox, "lea@example.org")
    page = page.context.new_page()  # a mail link opens in a new tab
    page.goto(reply_address)
    message_item(page, reply).get_by_role("link", name=re.compile("^Signaler")).click()
    page.get_by_role("radio", name=REASON_LABEL).check()
    page.fill("textarea[name=comment]", "Une insulte.")
    submit_form_with(page, "reason")
    expect(page).to_have_url(re.compile(rf"#message-{reply.pk}$"))
    report = Report.objects.get(message=reply)
    assert report.reason.code == "irrespect"
    assert report.reporter.email == "lea@example.org"

    admin_page = new_context().new_page()
    log_in_to_the_admin(admin_page, moderator)
    remove_in_the_admin(admin_page, reply, REASON_LABEL, "Insulte directe.")
    assert Message.objects.get(pk=reply.pk).status == MessageStatus.REMOVED

    page.goto(discussion.get_absolute_url())
    expect(message_item(page, reply)).to_contain_text(REMOVED_PLACEHOLDER)
    expect(message_item(page, reply)).not_to_contain_text("Tu es nul.")
    decisions = [
        mail
        for mail in mailoutbox
        if bruno.email in mail.to and REASON_LABEL in mail.body
    ]
    assert len(decisions) == 1, [(mail.to, mail.subject) for mail in mailoutbox]


@pytest.fixture
def conversation(community_site, settings):
    """A public discussion where Bruno answered Alice's opening message."""
    settings.DISCUSSIONS_HELD_FIRST_MESSAGES = 0
    alice = factories.build_member("alice")
    bruno = factories.build_member("bruno")
    discussion = factories.build_discussion(
        community_site["pathology"],
        alice,
        "Fatigue après les séances",
        "Vous aussi, vous êtes épuisés le soir ?",
    )
    answer = factories.build_reply(discussion, bruno, "Oui, je fais une sieste.")
    return SimpleNamespace(discussion=discussion, answer=answer)


def test_without_javascript_a_member_replies_to_the_message_they_chose(
    signed_in_page, conversation
):
    chloe = factories.build_member("chloe")
    page = signed_in_page(chloe, java_script_enabled=False)
    page.goto(conversation.discussion.get_absolute_url())

    answer = message_item(page, conversation.answer)
    answer.get_by_role("link", name=re.compile("^Répondre")).click()
    expect(page.locator("input[name=reply_to]")).to_have_value(
        str(conversation.answer.pk)
    )
    page.fill("textarea[name=text]", "La sieste m’aide aussi.")
    submit_form_with(page, "reply_to")

    reply = Message.objects.get(user=chloe)
    assert reply.parent_id == conversation.answer.pk
    expect(message_item(page, reply)).to_contain_text("En réponse à bruno")
    expect(message_item(page, reply)).to_contain_text("La sieste m’aide aussi.")


def test_the_keyboard_reaches_a_reply_link_and_follows_it(signed_in_page, conversation):
    page = signed_in_page(factories.build_member("chloe"), java_script_enabled=False)
    page.goto(conversation.discussion.get_absolute_url())
    reply_link = message_item(page, conversation.answer).get_by_role(
        "link", name="Répondre à bruno"
    )

    for _ in range(80):
        page.keyboard.press("Tab")
        if reply_link.evaluate("link => link === document.activeElement"):
            break
    expect(reply_link).to_be_focused()
    page.keyboard.press("Enter")

    discussion_pk = conversation.discussion.pk
    expect(page).to_have_url(
        re.compile(
            rf"/discussions/{discussion_pk}/repondre/\?a={conversation.answer.pk}$"
        )
    )


@pytest.fixture
def busy_thread(community_site):
    """
    A discussion with a nested reply, a removed reply and a reply that waits
    for moderation (Emma's first message), and the members who wrote them.
    """
    community = community_site["pathology"]
    names = ["alice", "bruno", "chloe", "dan", "emma"]
    alice, bruno, chloe, dan, emma = (factories.build_member(name) for name in names)
    discussion = factories.build_discussion(
        community,
        alice,
        "Fatigue après les séances",
        "Vous aussi, vous êtes épuisés le soir ?",
    )
    factories.build_discussion(community, bruno, "Rentrée et kinésithérapie")
    answer = factories.build_reply(discussion, bruno, "Oui, je fais une sieste.")
    factories.build_reply(discussion, chloe, "Pareil pour moi.", parent=answer)
    removed = factories.build_reply(discussion, dan, "Un message hors charte.")
    services.moderate(
        removed, factories.build_moderator(), "remove", ModerationReason.objects.get()
    )
    pending = services.post_reply(
        discussion=discussion, author=emma, text="Mon premier message ici."
    )
    assert pending.status == MessageStatus.PENDING
    return SimpleNamespace(
        community=community,
        charter=community_site["moderation_charter"],
        discussion=discussion,
        answer=answer,
        removed=removed,
        pending=pending,
        alice=alice,
        chloe=chloe,
        emma=emma,
    )


def community_signed_out(page, signed_in_page, thread):
    return open_ok(page, thread.community.url)


def community_signed_in(page, signed_in_page, thread):
    page = open_ok(signed_in_page(thread.chloe), thread.community.url)
    expect(page.locator("form:has([name=title])")).to_be_visible()
    return page


def discussion_seen_by_the_author_of_a_pending_message(page, signed_in_page, thread):
    page = open_ok(signed_in_page(thread.emma), thread.discussion.get_absolute_url())
    expect(message_item(page, thread.removed)).to_contain_text(REMOVED_PLACEHOLDER)
    expect(message_item(page, thread.pending)).to_contain_text("Mon premier message")
    return page


def signup(page, signed_in_page, thread):
    return open_ok(page, "/compte/signup/")


def signup_with_errors(page, signed_in_page, thread):
    open_ok(page, "/compte/signup/")
    page.fill("input[name=email]", "pas-une-adresse")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", "un-autre-mot-de-passe")
    submit_form_with(page, "password1")
    expect(page.locator("input[name=email]")).to_have_attribute("aria-invalid", "true")
    return page


def login(page, signed_in_page, thread):
    return open_ok(page, "/compte/login/")


def member_profile(page, signed_in_page, thread):
    return open_ok(page, "/membres/alice/")


def report_form(page, signed_in_page, thread):
    page = signed_in_page(thread.chloe)
    return open_ok(page, f"/messages/{thread.answer.pk}/signaler/")


def reply_form_with_contact_details(page, signed_in_page, thread):
    page = signed_in_page(thread.chloe)
    discussion, answer = thread.discussion, thread.answer
    open_ok(page, f"/discussions/{discussion.pk}/repondre/?a={answer.pk}")
    page.fill("textarea[name=text]", CONTACT_DETAILS)
    submit_form_with(page, "reply_to")
    expect(page.locator("input[name=confirm_contact_details]")).to_be_visible()
    return page


def my_data(page, signed_in_page, thread):
    return open_ok(signed_in_page(thread.alice), "/compte/mes-donnees/")


def moderation_charter(page, signed_in_page, thread):
    return open_ok(page, thread.charter.url)


MEMBER_PAGES = [
    community_signed_out,
    community_signed_in,
    discussion_seen_by_the_author_of_a_pending_message,
    signup,
    signup_with_errors,
    login,
    member_profile,
    report_form,
    reply_form_with_contact_details,
    my_data,
    moderation_charter,
]


@pytest.mark.parametrize(
    "open_member_page", MEMBER_PAGES, ids=lambda open_page: open_page.__name__
)
def test_the_member_page_has_no_wcag_violation(
    page, signed_in_page, busy_thread, assert_no_wcag_violations, open_member_page
):
    shown = open_member_page(page, signed_in_page, busy_thread)

    assert_no_wcag_violations(shown)


def test_a_screen_reader_reads_the_help_and_the_error_of_a_message_field(
    page, signed_in_page, busy_thread
):
    page = reply_form_with_contact_details(page, signed_in_page, busy_thread)

    expect(page.locator("textarea[name=text]")).to_have_accessible_description(
        re.compile("Texte simple")
    )
    expect(
        page.locator("input[name=confirm_contact_details]")
    ).to_have_accessible_description(re.compile("numéro de téléphone"))


def test_the_themes_of_a_new_discussion_are_a_group_named_by_its_legend(
    page, signed_in_page, busy_thread
):
    page = community_signed_in(page, signed_in_page, busy_thread)

    themes = page.get_by_role("group", name=re.compile("Thèmes transversaux"))
    expect(themes.get_by_role("checkbox")).to_have_count(3)
