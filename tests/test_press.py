"""The press area, its feed, and the printable posters and flyers of communities."""

import datetime
import re
import xml.etree.ElementTree as ElementTree
from io import StringIO

import pytest
import segno
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from press.models import PressIndexPage, PressReleasePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def press_index(home):
    return factories.build_press_index(
        home, contact_name="Service presse", contact_email="presse@example.org"
    )


@pytest.fixture
def pathology(pathology_index):
    return factories.build_pathology(pathology_index, "Mucoviscidose", orpha_code="586")


def qr_path(svg):
    """Return the drawing of the dark modules of an SVG QR code."""
    return re.search(r'<path[^>]* stroke="#000"[^>]* d="([^"]+)"', svg).group(1)


def test_the_press_index_lists_releases_newest_first_with_the_contact(
    client, press_index
):
    factories.build_press_release(
        press_index, "Communiqué de janvier", published_on=datetime.date(2026, 1, 10)
    )
    factories.build_press_release(
        press_index, "Communiqué de mars", published_on=datetime.date(2026, 3, 10)
    )

    html = client.get(press_index.url).content.decode()

    assert html.index("Communiqué de mars") < html.index("Communiqué de janvier")
    assert "Service presse" in html
    assert 'href="mailto:presse@example.org"' in html


def test_the_press_pages_announce_their_feed(client, press_index):
    release = factories.build_press_release(press_index)

    for page in (press_index, release):
        html = client.get(page.url).content.decode()

        assert '<link rel="alternate" type="application/rss+xml"' in html
        assert 'href="/presse/flux/"' in html


def test_a_release_links_to_its_attached_document(
    client, press_index, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    document = get_document_model().objects.create(
        title="Dossier de presse", file=ContentFile(b"%PDF-1.4", name="dossier.pdf")
    )
    release = factories.build_press_release(press_index, document=document)

    html = client.get(release.url).content.decode()

    assert f'href="{document.url}"' in html
    assert "Dossier de presse" in html


def test_the_press_feed_lists_the_releases_with_absolute_links(client, press_index):
    release = factories.build_press_release(press_index, "Ouverture du réseau")

    response = client.get("/presse/flux/")

    channel = ElementTree.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert response.status_code == 200
    assert [item.findtext("title") for item in items] == ["Ouverture du réseau"]
    assert items[0].findtext("link") == release.full_url
    assert items[0].findtext("link").startswith("http://")
    assert channel.findtext("link") == press_index.full_url
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == press_index.get_site().root_url + "/presse/flux/"


def test_the_press_feed_leaves_out_draft_releases(client, press_index):
    draft = factories.build_press_release(press_index, "Pas encore publié")
    draft.unpublish()

    response = client.get("/presse/flux/")

    assert ElementTree.fromstring(response.content).findall("channel/item") == []


@pytest.mark.parametrize("kind", ["affiche", "flyer"])
def test_the_printable_of_a_pathology_names_it_with_its_url_and_qr_code(
    client, pathology, kind
):
    response = client.get(f"/communautes/{pathology.pk}/{kind}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Mucoviscidose" in html
    assert "ORPHA:586" in html
    assert pathology.full_url.startswith("http://")
    assert f'<p class="printable__url">{pathology.full_url}</p>' in html
    assert "<svg" in html and "aria-label=" in html
    assert "Échangez avec d’autres personnes concernées" in html
    assert "Utilisez la fonction Imprimer de votre navigateur (format A4)" in html


def test_the_qr_code_of_a_printable_encodes_the_community_url(client, pathology):
    html = client.get(f"/communautes/{pathology.pk}/affiche/").content.decode()

    reference = segno.make(pathology.full_url, error="m", micro=False).svg_inline()
    assert qr_path(html) == qr_path(reference)


def test_a_printable_loads_nothing_from_another_host(client, pathology):
    html = client.get(f"/communautes/{pathology.pk}/affiche/").content.decode()

    for attribute in ('src="http', "src='http", 'href="//', "@import", "<script"):
        assert attribute not in html
    assert 'rel="stylesheet" href="/static/css/print-materials.css"' in html


def test_a_theme_has_a_poster_too(client, theme_index, category):
    theme = factories.build_theme(theme_index, category, "Inclusion scolaire")

    response = client.get(f"/communautes/{theme.pk}/affiche/")

    assert response.status_code == 200
    assert "Inclusion scolaire" in response.content.decode()


def test_no_poster_for_a_draft_community(client, pathology):
    pathology.unpublish()

    response = client.get(f"/communautes/{pathology.pk}/affiche/")

    assert response.status_code == 404


def test_no_poster_for_a_community_restricted_to_members(client, pathology):
    PageViewRestriction.objects.create(
        page=pathology, restriction_type=PageViewRestriction.LOGIN
    )

    response = client.get(f"/communautes/{pathology.pk}/flyer/")

    assert response.status_code == 404


def test_no_poster_for_a_page_that_is_not_a_community(client, press_index):
    response = client.get(f"/communautes/{press_index.pk}/affiche/")

    assert response.status_code == 404


def test_a_community_page_links_to_its_poster_and_flyer(client, pathology):
    html = client.get(pathology.url).content.decode()

    assert f'href="/communautes/{pathology.pk}/affiche/"' in html
    assert f'href="/communautes/{pathology.pk}/flyer/"' in html


def test_seed_demo_creates_the_press_area_once():
    call_command("seed_demo", verbosity=0)
    output = StringIO()

    call_command("seed_demo", stdout=output)

    assert "(0 pages créées)" in output.getvalue()
    assert PressIndexPage.objects.live().get().contact_email == "presse@exemple.org"
    assert PressReleasePage.objects.live().count() == 2
