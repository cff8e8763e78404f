"""
Builders for the page tree the tests need.

Each returns published pages, made the way an editor makes them (a child
added under its parent, then a published revision).
"""

import itertools

from django.utils.html import escape
from wagtail.models import Page, Site

from editorial.models import NewsArticlePage, NewsIndexPage, TestimonyPage
from pathologies.models import PathologyIndexPage, PathologyPage
from portal.models import (
    HomePage,
    ModerationCharterPage,
    ModerationReason,
    ServicePage,
)
from themes_transversal.models import ThemeCategory, ThemeIndexPage, ThemePage

_sequence = itertools.count(1)

# Well-formed ORPHA codes, handed out in turn so that pages built by the
# tests never collide on the unique code.
_orpha_codes = itertools.count(100000)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def restore_wagtail_roots():
    """
    Give back the rows of Wagtail's migrations that a transactional test's
    flush removes: the default locale, the root page and the root collection.
    """
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


def build_home():
    """Return the site's home page, replacing Wagtail's welcome page."""
    restore_wagtail_roots()
    root = Page.get_first_root_node()
    home = publish(root, HomePage(title="Réseau maladies rares", slug="accueil"))
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True
    )
    Page.objects.filter(depth=2, content_type__model="page").delete()
    return home


def build_category(name=None, slug=None):
    number = next(_sequence)
    return ThemeCategory.objects.create(
        name=name or f"Catégorie {number}", slug=slug or f"categorie-{number}"
    )


def build_pathology_index(home):
    return publish(home, PathologyIndexPage(title="Pathologies", slug="pathologies"))


def build_theme_index(home):
    return publish(home, ThemeIndexPage(title="Thèmes transversaux", slug="themes"))


def build_theme(theme_index, category, title=None, **fields):
    number = next(_sequence)
    title = title or f"Thème {number}"
    fields.setdefault("summary", f"Résumé du thème {title}.")
    return publish(
        theme_index,
        ThemePage(title=title, slug=f"theme-{number}", category=category, **fields),
    )


def build_pathology(pathology_index, title=None, themes=(), **fields):
    number = next(_sequence)
    title = title or f"Pathologie {number}"
    fields.setdefault("orpha_code", str(next(_orpha_codes)))
    fields.setdefault("summary", f"Résumé de la pathologie {title}.")
    page = PathologyPage(title=title, slug=f"pathologie-{number}", **fields)
    page.themes = list(themes)
    return publish(pathology_index, page)


def build_testimony(community, title=None, text="Mon histoire."):
    number = next(_sequence)
    return publish(
        community,
        TestimonyPage(
            title=title or f"Témoignage {number}",
            slug=f"temoignage-{number}",
            author_pseudonym="Coquelicot",
            summary="Un récit.",
            body=[("paragraph", f"<p>{escape(text)}</p>")],
        ),
    )


def build_news(home, title="Une actualité"):
    news_index = publish(home, NewsIndexPage(title="Actualités", slug="actualites"))
    article = publish(
        news_index,
        NewsArticlePage(
            title=title,
            slug="une-actualite",
            introduction="Le chapeau.",
            body=[("paragraph", "<p>Le texte.</p>")],
        ),
    )
    return news_index, article


def build_service_page(home, title="Mentions légales"):
    return publish(
        home,
        ServicePage(title=title, slug="mentions-legales", introduction="Éditeur."),
    )


def build_charter(home):
    charter = ModerationCharterPage(title="Charte de modération", slug="charte")
    charter.reasons = [
        ModerationReason(
            code="irrespect", label="Propos irrespectueux", explanation="Insultes."
        )
    ]
    return publish(home, charter)


# Every member the factories make signs in with it.
PASSWORD = "motdepasse-solide-42"


def build_member(username=None, email=None, verified=True, **fields):
    """A member who signed up and, unless `verified=False`, confirmed their address."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from accounts.models import Member

    number = next(_sequence)
    username = username or f"membre{number}"
    email = email or f"{username.lower()}@example.org"
    user = get_user_model().objects.create_user(
        username=username, email=email, password=PASSWORD, **fields
    )
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
    Member.objects.create(user=user, health_data_consent_at=timezone.now())
    return user


def build_moderator(username="moderatrice"):
    """A staff member who may moderate messages in the Wagtail admin."""
    from django.contrib.auth.models import Group, Permission

    user = build_member(username=username, is_staff=True)
    group, _ = Group.objects.get_or_create(name="Modérateurs")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="discussions",
            codename__in=["change_message", "view_message", "view_moderationdecision"],
        )
    )
    user.groups.add(group)
    return user


def build_discussion(place, author, title="Une question", text="Bonjour à tous."):
    """A public discussion opened by `author` (never held for moderation)."""
    from discussions import services

    discussion, message = services.start_discussion(
        place=place, author=author, title=title, text=text
    )
    publish_message(message)
    return discussion


def build_reply(discussion, author, text="Je vous réponds.", parent=None):
    """A published reply, whatever the moderation rules say of its author."""
    from discussions import services

    message = services.post_reply(
        discussion=discussion, author=author, text=text, parent=parent
    )
    publish_message(message)
    return message


def publish_message(message):
    """Publish a message that the moderation rules held."""
    from discussions import services
    from discussions.models import MessageStatus

    if message.status != MessageStatus.PUBLISHED:
        message.status = MessageStatus.PUBLISHED
        message.save()
        services.sync_discussion(message.discussion)


def build_editor(username="redacteur"):
    """A staff editor in Wagtail's "Moderators" group, who reviews page workflows."""
    from django.contrib.auth.models import Group

    user = build_member(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


STORY = (
    "Le diagnostic est tombé après six ans d'errance. "
    "Je raconte ici ce qui nous a aidés, mon fils et moi, à tenir. " * 4
)


def build_proposed_testimony(community, member, title="Six ans d'errance", story=STORY):
    """A testimony a member proposed with the form, waiting for the editors."""
    from editorial.testimonies import submit_testimony

    return submit_testimony(
        member=member, community=community, title=title, story=story
    )


def build_press_index(home, **fields):
    from press.models import PressIndexPage

    fields.setdefault("contact_name", "Service presse")
    fields.setdefault("contact_email", "presse@example.org")
    fields.setdefault("contact_phone", "01 00 00 00 00")
    return publish(home, PressIndexPage(title="Espace presse", slug="presse", **fields))


def build_press_release(press_index, title=None, **fields):
    import datetime

    from press.models import PressReleasePage

    number = next(_sequence)
    fields.setdefault("published_on", datetime.date(2026, 1, 15))
    fields.setdefault("introduction", "Le chapeau du communiqué.")
    fields.setdefault("body", [("paragraph", "<p>Le texte du communiqué.</p>")])
    return publish(
        press_index,
        PressReleasePage(
            title=title or f"Communiqué {number}",
            slug=f"communique-{number}",
            **fields,
        ),
    )


def set_opening_status(discussion, status):
    """Put a discussion's opening message in `status`, as moderation would."""
    from discussions import services

    opening = discussion.opening_message()
    opening.status = status
    opening.save()
    services.sync_discussion(discussion)
    discussion.refresh_from_db()
    return discussion


def build_statistics_viewer(username="statisticienne", permitted=True):
    """A staff member with access to the admin and, if `permitted`, its statistics."""
    from django.contrib.auth.models import Permission

    user = build_member(username=username, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    if permitted:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="audience", codename="view_statistics"
            )
        )
    return user
