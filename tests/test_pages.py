"""Every page type is served in French, with the shared page furniture."""

import json

import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page_type(home, pathology_index, theme_index, category):
    theme = factories.build_theme(theme_index, category, "Inclusion scolaire")
    pathology = factories.build_pathology(pathology_index, "Mucoviscidose", [theme])
    news_index, article = factories.build_news(home)
    return {
        "home": home,
        "pathology_index": pathology_index,
        "pathology": pathology,
        "theme_index": theme_index,
        "theme": theme,
        "testimony": factories.build_testimony(theme),
        "news_index": news_index,
        "news_article": article,
        "service_page": factories.build_service_page(home),
        "charter": factories.build_charter(home),
    }


def test_every_page_type_is_served_with_skip_link_landmarks_and_search(
    client, every_page_type
):
    for name, page in every_page_type.items():
        response = client.get(page.url)

        html = response.content.decode()
        assert response.status_code == 200, name
        assert '<html lang="fr">' in html, name
        assert 'href="#contenu"' in html and '<main id="contenu"' in html, name
        assert 'role="search"' in html and 'action="/recherche/"' in html, name
        assert f"<h1>{page.title}</h1>" in html or page.title in html, name


def test_no_page_loads_a_resource_from_another_host(client, every_page_type):
    for page in every_page_type.values():
        html = client.get(page.url).content.decode()

        for attribute in ('src="http', "src='http", 'href="//', "@import"):
            assert attribute not in html, page.url
        assert 'rel="stylesheet" href="/static/' in html


def test_the_pathology_page_links_to_its_orphanet_record(client, every_page_type):
    pathology = every_page_type["pathology"]

    html = client.get(pathology.url).content.decode()

    expected = f"https://www.orpha.net/fr/disease/detail/{pathology.orpha_code}"
    assert f'href="{expected}"' in html


def test_an_unknown_address_gets_a_french_404_page(client, home):
    response = client.get("/cette-page-n-existe-pas/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_the_search_page_finds_a_community_by_name(client, every_page_type):
    response = client.get("/recherche/", {"q": "Mucoviscidose"})

    assert response.status_code == 200
    assert every_page_type["pathology"].url in response.content.decode()


@pytest.mark.parametrize(
    "query", ["", "*", "title:(a OR", "!!!", "é" * 10_000, "\x00", "a" * 300]
)
def test_the_search_page_never_fails_on_odd_input(client, every_page_type, query):
    response = client.get("/recherche/", {"q": query, "page": "999999"})

    assert response.status_code == 200


def test_healthz_reports_database_cache_and_search(client, db):
    response = client.get("/healthz")

    report = json.loads(response.content)
    assert response.status_code == 200
    assert report["status"] == "ok"
    assert report["database"] == {"status": "ok", "vendor": "postgresql"}
    assert report["cache"]["status"] == "ok"
    assert report["search"]["status"] == "ok"


def test_healthz_says_search_is_degraded_when_elasticsearch_is_down(
    client, db, settings
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    response = client.get("/healthz")

    report = json.loads(response.content)
    assert response.status_code == 200
    assert report["search"] == {
        "status": "degraded",
        "engine": "database",
        "elasticsearch": "down",
        "pending_updates": 0,
    }


def test_wagtail_admin_search_finds_pages(client, every_page_type, django_user_model):
    editor = django_user_model.objects.create_superuser(
        "redaction", "redaction@example.org", "secret-pass"
    )
    client.force_login(editor)

    response = client.get("/admin/pages/search/", {"q": "Mucoviscidose"})

    assert response.status_code == 200
    assert "Mucoviscidose" in response.content.decode()
