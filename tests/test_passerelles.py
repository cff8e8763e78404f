import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import factories

pytestmark = pytest.mark.django_db


def test_a_pathology_lists_the_themes_it_is_linked_to(
    client, pathology_index, theme_index, category
):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    factories.build_theme(theme_index, category, "Vie professionnelle")
    pathology = factories.build_pathology(
        pathology_index, "Drépanocytose", themes=[school]
    )

    response = client.get(pathology.url)

    html = response.content.decode()
    assert f'href="{school.url}"' in html
    assert "Vie professionnelle" not in html


def test_a_theme_lists_the_pathologies_linked_to_it(
    client, pathology_index, theme_index, category
):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    linked = factories.build_pathology(pathology_index, "Mucoviscidose", [school])
    factories.build_pathology(pathology_index, "Hémophilie A")

    response = client.get(school.url)

    html = response.content.decode()
    assert f'href="{linked.url}">Mucoviscidose' in html
    assert "Hémophilie A" not in html


def test_an_unpublished_pathology_leaves_the_theme_page(
    client, pathology_index, theme_index, category
):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    pathology = factories.build_pathology(pathology_index, "Mucoviscidose", [school])

    pathology.unpublish()

    assert "Mucoviscidose" not in client.get(school.url).content.decode()


def test_the_relation_is_the_same_from_both_sides(
    pathology_index, theme_index, category
):
    school = factories.build_theme(theme_index, category)
    isolation = factories.build_theme(theme_index, category)
    pathology = factories.build_pathology(pathology_index, themes=[school, isolation])

    assert set(pathology.themes.all()) == {school, isolation}
    assert list(school.pathologies.all()) == [pathology]
    assert list(isolation.pathologies.all()) == [pathology]


def count_queries(client, url):
    """Return the queries of a page view once the site's caches are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_theme_page_queries_do_not_grow_with_passerelles(
    client, pathology_index, theme_index, category
):
    few = factories.build_theme(theme_index, category)
    many = factories.build_theme(theme_index, category)
    for number in range(100):
        themes = [few, many] if number < 10 else [many]
        factories.build_pathology(pathology_index, themes=themes)

    assert few.pathologies.count() == 10
    assert many.pathologies.count() == 100
    assert count_queries(client, few.url) == count_queries(client, many.url)


def test_pathology_page_queries_do_not_grow_with_passerelles(
    client, pathology_index, theme_index, category
):
    themes = [factories.build_theme(theme_index, category) for _ in range(10)]
    with_one = factories.build_pathology(pathology_index, themes=themes[:1])
    with_ten = factories.build_pathology(pathology_index, themes=themes)

    assert count_queries(client, with_one.url) == count_queries(client, with_ten.url)
