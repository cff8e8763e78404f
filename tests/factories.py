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


def build_home():
    """Return the site's home page, replacing Wagtail's welcome page."""
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
