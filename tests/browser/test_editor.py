"""A staff editor creates a pathology community in Wagtail's admin."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from pathologies.models import PathologyPage

EDITOR_PASSWORD = "mot-de-passe-de-la-redactrice"


@pytest.fixture
def admin_page(page, community_site):
    """Return the browser page of a superuser signed in through the login form."""
    get_user_model().objects.create_superuser(
        "redactrice", "redactrice@example.org", EDITOR_PASSWORD
    )

    page.goto("/admin/")
    page.locator("#id_username").fill("redactrice")
    page.locator("#id_password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="S'identifier").click()

    expect(page).to_have_title(re.compile("^Tableau de bord"))
    return page


def open_new_pathology_form(admin_page, pathology_index):
    admin_page.goto(f"/admin/pages/{pathology_index.pk}/")
    admin_page.get_by_role("link", name="Ajouter une sous-page", exact=True).click()
    expect(admin_page).to_have_title(re.compile("^Nouveau: Pathologie"))


def publish_rett_syndrome(admin_page, pathology_index, orpha_code):
    """Fill in a new pathology linked to school inclusion, and publish it."""
    open_new_pathology_form(admin_page, pathology_index)
    admin_page.get_by_placeholder("Titre de la page").fill("Syndrome de Rett")
    admin_page.get_by_role("textbox", name="Code ORPHA").fill(orpha_code)
    admin_page.get_by_role("textbox", name="Résumé").fill(
        "Trouble grave du neurodéveloppement, qui touche surtout les filles."
    )
    admin_page.get_by_label("Inclusion scolaire").check()
    publish_from_the_footer(admin_page)


def publish_from_the_footer(admin_page):
    admin_page.get_by_role("button", name="Plus d'actions").click()
    admin_page.get_by_role("button", name="Publier", exact=True).click()


def test_a_pathology_published_in_the_admin_is_served_with_its_passerelle(
    admin_page, community_site, new_context
):
    publish_rett_syndrome(admin_page, community_site["pathology_index"], "778")

    expect(
        admin_page.get_by_text("« Syndrome de Rett » créée et publiée")
    ).to_be_visible()

    visitor = new_context().new_page()
    visitor.goto(PathologyPage.objects.get(orpha_code="778").url)

    expect(visitor.get_by_role("heading", level=1)).to_have_text("Syndrome de Rett")
    passerelles = visitor.get_by_role("complementary", name="Thèmes transversaux liés")
    expect(passerelles.get_by_role("link", name="Inclusion scolaire")).to_be_visible()


def test_a_malformed_orpha_code_is_refused_in_french_and_nothing_is_published(
    admin_page, community_site
):
    publish_rett_syndrome(admin_page, community_site["pathology_index"], "ABC")

    expect(
        admin_page.get_by_text("« ABC » n'est pas un code ORPHA valide")
    ).to_be_visible()
    assert not PathologyPage.objects.filter(title="Syndrome de Rett").exists()
