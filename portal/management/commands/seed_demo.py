"""
Build the demo site: about a hundred communities, their passerelles, a few
testimonies and news articles, and the service's own pages.

The command is idempotent: what already exists (found by slug under its
parent, or by ORPHA code) is left as it is, so a second run changes nothing
and an editor's changes to demo pages survive it.
"""

import datetime
import json
import logging
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page, Site

from audience.demo import seed_survey
from discussions.demo.seed import seed_discussions
from editorial.models import NewsArticlePage, NewsIndexPage, TestimonyPage
from pathologies.models import PathologyIndexPage, PathologyPage
from portal.models import (
    HomePage,
    ModerationCharterPage,
    ModerationReason,
    PortalSettings,
    ServicePage,
)
from press.demo import seed_press
from themes_transversal.models import ThemeCategory, ThemeIndexPage, ThemePage

logger = logging.getLogger(__name__)

SITE_DATA = Path(settings.BASE_DIR) / "portal" / "demo" / "site.json"
PATHOLOGY_DATA = Path(settings.BASE_DIR) / "pathologies" / "demo" / "pathologies.json"


def paragraphs(texts):
    return [("paragraph", text) for text in texts]


def short_slug(name, length=80):
    """Return the name's slug, cut after a whole word when it is too long."""
    slug = slugify(name)
    if len(slug) <= length:
        return slug
    return slug[: length + 1].rsplit("-", 1)[0]


class Command(BaseCommand):
    help = "Crée (une seule fois) le contenu de démonstration du portail."

    def handle(self, *args, **options):
        site_data = json.loads(SITE_DATA.read_text(encoding="utf-8"))
        pathology_data = json.loads(PATHOLOGY_DATA.read_text(encoding="utf-8"))
        self.created = 0

        with transaction.atomic():
            home = self.ensure_home(site_data["home"])
            self.ensure_settings(home)
            categories = self.ensure_categories(site_data["categories"])
            theme_index = self.ensure_index(
                home, ThemeIndexPage, site_data["theme_index"]
            )
            themes = self.ensure_themes(theme_index, site_data["themes"], categories)
            pathology_index = self.ensure_index(
                home, PathologyIndexPage, site_data["pathology_index"]
            )
            self.ensure_pathologies(pathology_index, pathology_data, themes)
            news_index = self.ensure_index(home, NewsIndexPage, site_data["news_index"])
            self.ensure_news(news_index, site_data["news"])
            self.ensure_testimonies(home, site_data["testimonies"])
            self.ensure_service_pages(home, site_data["service_pages"])
            self.ensure_charter(home, site_data["charter"])
            discussions = seed_discussions()
            self.created += seed_press(home)
            self.created += seed_survey(home)

        logger.info(
            "Demo content seeded: %s pages and %s discussions created",
            self.created,
            discussions,
        )
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Contenu de démonstration prêt ({self.created} pages créées)."
                )
            )

    def publish_child(self, parent, page):
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def ensure_home(self, data):
        home = HomePage.objects.first()
        root = Page.get_first_root_node()
        if home is None:
            home = self.publish_child(
                root,
                HomePage(
                    title=data["title"],
                    slug="accueil",
                    introduction=data["introduction"],
                ),
            )
            # Wagtail's first migration leaves a "Welcome" page; the portal's
            # home page replaces it.
            welcome = Page.objects.filter(
                depth=2,
                content_type__model="page",
                content_type__app_label="wagtailcore",
            )
            Site.objects.filter(root_page__in=welcome).update(root_page=home)
            welcome.filter(numchild=0).delete()

        # The site's address is the public one the settings give, unless an
        # editor already set it (Wagtail's first migration leaves
        # localhost:80, which is not where `make run` serves).
        public = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        public_port = public.port or (443 if public.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(is_default_site=True, site_name=data["title"])
        if site.pk is None or (site.hostname, site.port) == ("localhost", 80):
            site.hostname, site.port = public.hostname, public_port
        site.root_page = home
        site.save()

        # django-comments-xtd builds its redirects from Django's own Site:
        # it follows the Wagtail site while it is Django's example.com.
        django_site, _created = DjangoSite.objects.get_or_create(
            pk=settings.SITE_ID, defaults={"domain": "example.com"}
        )
        if django_site.domain == "example.com":
            django_site.domain = public.netloc
            django_site.name = data["title"]
            django_site.save()
        return home

    def ensure_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        PortalSettings.objects.get_or_create(
            site=site,
            defaults={
                "organisation_name": "Réseau maladies rares",
                "contact_email": "contact@example.org",
                "mastodon_url": "https://mastodon.social/@exemple",
            },
        )

    def ensure_categories(self, rows):
        categories = {}
        for row in rows:
            category, created = ThemeCategory.objects.get_or_create(
                slug=row["slug"],
                defaults={
                    "name": row["name"],
                    "description": row["description"],
                    "sort_order": row["sort_order"],
                },
            )
            categories[row["slug"]] = category
        return categories

    def ensure_index(self, home, model, data):
        existing = model.objects.child_of(home).filter(slug=data["slug"]).first()
        if existing:
            return existing
        return self.publish_child(
            home,
            model(
                title=data["title"],
                slug=data["slug"],
                introduction=data["introduction"],
                show_in_menus=True,
            ),
        )

    def ensure_themes(self, theme_index, rows, categories):
        themes = {}
        existing = {page.slug: page for page in ThemePage.objects.child_of(theme_index)}
        for row in rows:
            page = existing.get(row["slug"])
            if page is None:
                page = self.publish_child(
                    theme_index,
                    ThemePage(
                        title=row["title"],
                        slug=row["slug"],
                        category=categories[row["category"]],
                        summary=row["summary"],
                        body=paragraphs(row["body"]),
                    ),
                )
            themes[row["slug"]] = page
        return themes

    def ensure_pathologies(self, pathology_index, rows, themes):
        existing_codes = set(PathologyPage.objects.values_list("orpha_code", flat=True))
        for row in rows:
            if row["orpha_code"] in existing_codes:
                continue
            page = PathologyPage(
                title=row["name"],
                slug=short_slug(row["name"]),
                orpha_code=row["orpha_code"],
                synonyms="\n".join(row.get("synonyms", [])),
                summary=row["summary"],
            )
            page.themes = [themes[slug] for slug in row["themes"] if slug in themes]
            for association in row.get("associations", []):
                page.associations.append(("association", association))
            self.publish_child(pathology_index, page)

    def ensure_news(self, news_index, rows):
        existing = set(
            NewsArticlePage.objects.child_of(news_index).values_list("slug", flat=True)
        )
        for row in rows:
            if row["slug"] in existing:
                continue
            self.publish_child(
                news_index,
                NewsArticlePage(
                    title=row["title"],
                    slug=row["slug"],
                    published_on=datetime.date.fromisoformat(row["published_on"]),
                    introduction=row["introduction"],
                    body=paragraphs(row["body"]),
                ),
            )

    def ensure_testimonies(self, home, rows):
        for row in rows:
            community_url = f"{home.url_path}{row['community']}/"
            community = Page.objects.filter(url_path=community_url).first()
            if community is None:
                logger.warning(
                    "Demo testimony skipped: no community at %s", community_url
                )
                continue
            if (
                TestimonyPage.objects.child_of(community)
                .filter(slug=row["slug"])
                .exists()
            ):
                continue
            self.publish_child(
                community,
                TestimonyPage(
                    title=row["title"],
                    slug=row["slug"],
                    author_pseudonym=row["author_pseudonym"],
                    published_on=datetime.date.fromisoformat(row["published_on"]),
                    summary=row["summary"],
                    body=paragraphs(row["body"]),
                ),
            )

    def ensure_service_pages(self, home, rows):
        existing = set(
            ServicePage.objects.child_of(home).values_list("slug", flat=True)
        )
        for row in rows:
            if row["slug"] in existing:
                continue
            self.publish_child(
                home,
                ServicePage(
                    title=row["title"],
                    slug=row["slug"],
                    introduction=row["introduction"],
                    body=paragraphs(row["body"]),
                ),
            )

    def ensure_charter(self, home, data):
        if ModerationCharterPage.objects.exists():
            return
        charter = ModerationCharterPage(
            title=data["title"],
            slug=data["slug"],
            introduction=data["introduction"],
            body=paragraphs(data["body"]),
        )
        charter.reasons = [ModerationReason(**reason) for reason in data["reasons"]]
        self.publish_child(home, charter)
