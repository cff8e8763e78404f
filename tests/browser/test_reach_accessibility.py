"""The press area, printable material, survey and statistics meet WCAG 2.1 A/AA."""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from audience.demo import seed_survey
from audience.models import SurveyPage
from tests import factories

PUBLIC_PAGES = ["press_index", "press_release", "poster", "flyer", "survey"]


@pytest.fixture
def address_of(community_site):
    home = community_site["home"]
    press_index = factories.build_press_index(home)
    release = factories.build_press_release(press_index, "Lancement du réseau")
    seed_survey(home)
    pathology = community_site["pathology"]
    return {
        "press_index": press_index.url,
        "press_release": release.url,
        "poster": f"/communautes/{pathology.pk}/affiche/",
        "flyer": f"/communautes/{pathology.pk}/flyer/",
        "survey": SurveyPage.objects.get().url,
    }


@pytest.mark.parametrize("page_type", PUBLIC_PAGES)
def test_the_page_has_no_wcag_violation(
    page, address_of, assert_no_wcag_violations, page_type
):
    page.goto(address_of[page_type])

    assert_no_wcag_violations(page)


def test_the_survey_with_its_thank_you_page_has_no_wcag_violation(
    page, address_of, assert_no_wcag_violations
):
    page.goto(address_of["survey"])
    for question in page.locator("main form fieldset").all():
        question.locator("[type=radio]").first.check()
    page.locator("main form [type=submit]").click()

    assert page.get_by_role("heading", name="Merci pour vos réponses").count() == 1
    assert_no_wcag_violations(page)


def test_the_statistics_dashboard_has_no_wcag_violation_in_its_content(
    new_context, live_server, assert_no_wcag_violations
):
    viewer = factories.build_statistics_viewer()
    client = Client()
    client.force_login(viewer)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    context = new_context()
    context.add_cookies(
        [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
    )
    page = context.new_page()

    page.goto("/admin/statistiques/")

    assert page.locator("svg").count() > 0
    assert_no_wcag_violations(page)
