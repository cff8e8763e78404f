import pytest

from editorial.models import NewsArticlePage, NewsIndexPage, TestimonyPage
from pathologies.models import PathologyIndexPage, PathologyPage
from portal.models import HomePage, ModerationCharterPage, ServicePage
from themes_transversal.models import ThemeIndexPage, ThemePage

from . import factories

pytestmark = pytest.mark.django_db


def test_pathologies_are_created_only_under_the_pathology_index(
    home, pathology_index, theme_index
):
    assert PathologyPage.can_create_at(pathology_index)
    assert not PathologyPage.can_create_at(theme_index)
    assert not PathologyPage.can_create_at(home)


def test_themes_are_created_only_under_the_theme_index(
    home, pathology_index, theme_index
):
    assert ThemePage.can_create_at(theme_index)
    assert not ThemePage.can_create_at(pathology_index)
    assert not ThemePage.can_create_at(home)


def test_testimonies_belong_to_a_community(
    home, pathology_index, theme_index, category
):
    theme = factories.build_theme(theme_index, category)
    pathology = factories.build_pathology(pathology_index)

    assert TestimonyPage.can_create_at(theme)
    assert TestimonyPage.can_create_at(pathology)
    assert not TestimonyPage.can_create_at(home)
    assert not TestimonyPage.can_create_at(pathology_index)


def test_news_articles_are_created_only_under_the_news_index(home):
    news_index, article = factories.build_news(home)

    assert NewsArticlePage.can_create_at(news_index)
    assert not NewsArticlePage.can_create_at(home)
    assert not NewsArticlePage.can_create_at(article)


def test_index_pages_and_charter_exist_once(home, pathology_index, theme_index):
    factories.build_news(home)
    factories.build_charter(home)

    for model in (PathologyIndexPage, ThemeIndexPage, NewsIndexPage):
        assert not model.can_create_at(home), model
    assert not ModerationCharterPage.can_create_at(home)
    assert not HomePage.can_create_at(home.get_parent())


def test_leaf_pages_accept_no_children(home, pathology_index):
    pathology = factories.build_pathology(pathology_index)
    testimony = factories.build_testimony(pathology)
    service_page = factories.build_service_page(home)

    for page in (testimony, service_page):
        assert page.specific_class.allowed_subpage_models() == []
    assert ServicePage.can_create_at(home)
    assert not ServicePage.can_create_at(pathology)
