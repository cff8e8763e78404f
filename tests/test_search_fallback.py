"""Without Elasticsearch, or while it is down, search answers from the database."""

import json

import pytest

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def communities(home, pathology_index, theme_index, category):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    factories.build_testimony(school, "La rentrée", text="Le cartable est prêt.")
    factories.build_pathology(pathology_index, "Mucoviscidose", themes=[school])
    return school


def test_without_elasticsearch_the_page_says_results_are_simplified(
    client, communities
):
    response = client.get("/recherche/", {"q": "Mucoviscidose"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Recherche simplifiée" in html
    assert "Mucoviscidose</a>" in html


def test_without_elasticsearch_the_api_answers_with_type_and_community_facets(
    client, communities
):
    response = client.get("/api/v2/search/", {"q": "cartable"})

    data = json.loads(response.content)
    assert data["engine"] == "database" and data["simplified"] is True
    assert [result["title"] for result in data["results"]] == ["La rentrée"]
    assert [(f["value"], f["count"]) for f in data["facets"]["kinds"]] == [
        ("temoignage", 1)
    ]
    assert [f["label"] for f in data["facets"]["communities"]] == ["Inclusion scolaire"]


def test_when_elasticsearch_is_down_the_page_still_answers(
    client, communities, settings
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"

    response = client.get("/recherche/", {"q": "cartable"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Le moteur de recherche ne répond pas" in html
    assert "La rentrée" in html


def test_the_fallback_filters_by_type(client, communities):
    response = client.get("/api/v2/search/", {"q": "cartable", "type": "theme"})

    assert json.loads(response.content)["total"] == 0


@pytest.mark.parametrize(
    "params",
    [
        {"q": "é" * 10_000},
        {"q": "\x00cartable"},
        {"q": "title:(a OR"},
        {"q": "cartable", "page": "999999"},
        {"q": "cartable", "categorie": "inconnue", "periode": "mois"},
    ],
)
def test_the_fallback_never_fails_on_odd_input(client, communities, params):
    assert client.get("/recherche/", params).status_code == 200


def test_name_suggestions_fold_accents(client, communities):
    response = client.get("/recherche/suggestions/", {"q": "mucov"})

    names = [item["community"] for item in json.loads(response.content)["suggestions"]]
    assert names == ["Mucoviscidose"]


def test_the_fallback_finds_only_documents_with_every_word(client, communities):
    factories.build_testimony(communities, "La trousse", text="La trousse est bleue.")

    response = client.get("/api/v2/search/", {"q": "cartable prêt"})

    assert [r["title"] for r in json.loads(response.content)["results"]] == [
        "La rentrée"
    ]


def test_a_nul_character_in_a_filter_is_dropped_not_a_server_error(client, communities):
    response = client.get(
        "/api/v2/search/",
        {"q": "cartable", "type": "temoignage\x00", "communaute": "\x00"},
    )

    assert response.status_code == 200
    assert [r["title"] for r in json.loads(response.content)["results"]] == [
        "La rentrée"
    ]
