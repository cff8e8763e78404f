"""Editors get a clear French message for every wrong entry in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pathologies.models import PathologyPage
from pathologies.validators import normalize_orpha_code, validate_orpha_code
from themes_transversal.models import ThemePage

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = get_user_model().objects.create_superuser(
        username="redaction", email="redaction@example.org", password="secret-pass"
    )
    client.force_login(editor)
    return client


def pathology_form(**overrides):
    fields = {
        "title": "Syndrome de Marfan",
        "slug": "syndrome-de-marfan",
        "orpha_code": "558",
        "synonyms": "Marfan",
        "summary": "Maladie du tissu conjonctif.",
        "body": streamfield([("paragraph", rich_text("<p>Texte.</p>"))]),
        "associations": streamfield([]),
        "useful_links": streamfield([]),
        "action-publish": "publish",
    }
    fields.update(overrides)
    return nested_form_data(fields)


def field_errors(response, field):
    return response.context["form"].errors.get(field, [])


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add",
        args=[model._meta.app_label, model._meta.model_name, parent.pk],
    )


@pytest.mark.parametrize(
    "typed, stored",
    [("558", "558"), ("ORPHA:558", "558"), ("orpha 558", "558"), (" 558 ", "558")],
)
def test_orpha_codes_are_accepted_with_or_without_prefix(typed, stored):
    assert normalize_orpha_code(typed) == stored
    validate_orpha_code(normalize_orpha_code(typed))


def test_a_valid_pathology_is_published_from_the_admin(editor_client, pathology_index):
    response = editor_client.post(
        add_url(PathologyPage, pathology_index), pathology_form(orpha_code="ORPHA:558")
    )

    assert response.status_code == 302
    page = PathologyPage.objects.get(slug="syndrome-de-marfan")
    assert page.live and page.orpha_code == "558"


@pytest.mark.parametrize("code", ["ABC", "0558", "12345678", "55-8", "ORPHA:"])
def test_a_wrong_orpha_code_gets_a_french_message(editor_client, pathology_index, code):
    response = editor_client.post(
        add_url(PathologyPage, pathology_index), pathology_form(orpha_code=code)
    )

    assert response.status_code == 200
    assert field_errors(response, "orpha_code") == [
        f"« {code} » n'est pas un code ORPHA valide : saisissez le numéro Orphanet "
        "de la maladie, de 1 à 7 chiffres sans zéro initial (par exemple 558 ou "
        "ORPHA:558)."
    ]
    assert not PathologyPage.objects.exists()


def test_a_duplicate_orpha_code_is_refused(editor_client, pathology_index):
    factories.build_pathology(pathology_index, orpha_code="558")

    response = editor_client.post(
        add_url(PathologyPage, pathology_index),
        pathology_form(slug="marfan-bis"),
    )

    assert response.status_code == 200
    assert field_errors(response, "orpha_code") == [
        "Un objet Pathologie avec ce champ Code ORPHA existe déjà."
    ]
    assert PathologyPage.objects.count() == 1


def test_a_duplicate_slug_is_refused(editor_client, pathology_index):
    existing = factories.build_pathology(pathology_index)

    response = editor_client.post(
        add_url(PathologyPage, pathology_index), pathology_form(slug=existing.slug)
    )

    assert response.status_code == 200
    assert "est déjà utilisé" in " ".join(field_errors(response, "slug"))
    assert PathologyPage.objects.count() == 1


def test_a_theme_without_category_is_refused(editor_client, theme_index):
    response = editor_client.post(
        add_url(ThemePage, theme_index),
        nested_form_data(
            {
                "title": "Inclusion scolaire",
                "slug": "inclusion-scolaire",
                "category": "",
                "summary": "L'école.",
                "body": streamfield([]),
                "useful_links": streamfield([]),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 200
    assert field_errors(response, "category") == ["Champ requis."]
    assert not ThemePage.objects.exists()


def test_a_category_used_by_a_theme_cannot_be_deleted(
    editor_client, theme_index, category
):
    factories.build_theme(theme_index, category)

    response = editor_client.post(
        f"/admin/themes_transversal/themecategory/delete/{category.pk}/"
    )

    assert response.status_code in (200, 302)
    assert category.__class__.objects.filter(pk=category.pk).exists()
