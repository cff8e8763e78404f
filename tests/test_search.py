"""
Cross-community search on the real Elasticsearch that `make test` starts.

Each test builds its own small content, lets the search worker send it, and
searches through the JSON API or the page, as visitors and clients do.
"""

import json
import os
import uuid

import pytest
from elasticsearch import Elasticsearch

from discussions import services
from portal.models import ModerationReason
from search import worker
from search.models import SearchDocument, SearchSynonym

from . import factories
from .services import run_service

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def search_index(settings, elasticsearch_url):
    """Give the test an index alias of its own, removed afterwards."""
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_ALIAS = f"test-content-{uuid.uuid4().hex[:10]}"
    es = Elasticsearch(elasticsearch_url, request_timeout=30)
    yield es
    es.indices.delete(index=f"{settings.SEARCH_INDEX_ALIAS}-*")
    es.close()


@pytest.fixture
def index_now(search_index, settings):
    """Return a step that sends pending rows and makes them searchable."""

    def send():
        worker.drain(search_index)
        search_index.indices.refresh(index=settings.SEARCH_INDEX_ALIAS)

    return send


@pytest.fixture
def communities(home, pathology_index, theme_index, category):
    school = factories.build_theme(theme_index, category, "Inclusion scolaire")
    sickle_cell = factories.build_pathology(
        pathology_index,
        "Drépanocytose",
        themes=[school],
        orpha_code="232",
        synonyms="Anémie falciforme\nSS",
    )
    return {"school": school, "sickle_cell": sickle_cell}


def search_titles(client, query, **filters):
    response = client.get("/api/v2/search/", {"q": query, **filters})
    assert response.status_code == 200, response.content
    return [result["title"] for result in json.loads(response.content)["results"]]


def publish_testimony(community, title, text):
    return factories.build_testimony(community, title, text=text)


def test_a_plural_finds_the_singular(client, communities, index_now):
    publish_testimony(
        communities["school"], "La rentrée", "Mon fils entre à l'école en CP."
    )
    index_now()

    assert search_titles(client, "écoles") == ["La rentrée"]


def test_a_verb_form_finds_the_participle(client, communities, index_now):
    publish_testimony(communities["school"], "Le bloc", "Mon fils a été opéré du dos.")
    index_now()

    assert search_titles(client, "opérer") == ["Le bloc"]


def test_an_elided_article_does_not_hide_the_word(client, communities, index_now):
    publish_testimony(
        communities["sickle_cell"], "Les crises", "Encore une nuit à l'hôpital."
    )
    index_now()

    assert search_titles(client, "hopital") == ["Les crises"]
    assert search_titles(client, "l'hôpital") == ["Les crises"]


def test_a_missing_accent_still_finds_the_community(client, communities, index_now):
    index_now()

    assert search_titles(client, "drepanocytose")[0] == "Drépanocytose"


def test_a_small_typo_still_finds_the_community(client, communities, index_now):
    index_now()

    assert search_titles(client, "drepanocitose")[0] == "Drépanocytose"


def test_case_and_punctuation_do_not_matter(client, communities, index_now):
    publish_testimony(communities["school"], "La rentrée", "Mon fils entre à l'école.")
    index_now()

    assert search_titles(client, "ÉCOLE !!!") == ["La rentrée"]


def test_a_synonym_finds_the_pathology_and_its_community(
    client, communities, index_now
):
    publish_testimony(
        communities["sickle_cell"], "Les crises", "La douleur revient l'hiver."
    )
    index_now()

    found = search_titles(client, "anémie falciforme")

    assert found[0] == "Drépanocytose"
    assert "Les crises" in found


def test_an_acronym_finds_the_pathology(client, communities, index_now):
    index_now()

    assert "Drépanocytose" in search_titles(client, "SS")


def test_a_staff_synonym_applies_after_a_rebuild(
    client, communities, index_now, search_index
):
    from search import elastic

    publish_testimony(
        communities["school"], "Le dossier", "J'ai enfin reçu la réponse de la MDPH."
    )
    SearchSynonym.objects.create(
        terms="MDPH, maison départementale des personnes handicapées"
    )

    elastic.rebuild(search_index)
    search_index.indices.refresh(index=elastic.settings.SEARCH_INDEX_ALIAS)

    found = search_titles(client, "maison départementale des personnes handicapées")
    assert found == ["Le dossier"]


def test_facets_count_types_communities_and_categories(client, communities, index_now):
    publish_testimony(communities["school"], "Un", "Le cartable pèse lourd.")
    publish_testimony(communities["school"], "Deux", "Le cartable est rouge.")
    publish_testimony(
        communities["sickle_cell"], "Trois", "Le cartable reste à la maison."
    )
    index_now()

    response = client.get("/api/v2/search/", {"q": "cartable"})

    facets = json.loads(response.content)["facets"]
    counts = {facet["label"]: facet["count"] for facet in facets["communities"]}
    assert counts == {"Inclusion scolaire": 2, "Drépanocytose": 1}
    assert [(f["value"], f["count"]) for f in facets["kinds"]] == [("temoignage", 3)]
    assert [(f["value"], f["count"]) for f in facets["categories"]] == [("societal", 3)]


def test_facets_combine_and_survive_paging(client, communities, index_now):
    for number in range(25):
        publish_testimony(communities["school"], f"Cartable {number}", "Le cartable.")
    publish_testimony(communities["sickle_cell"], "Ailleurs", "Le cartable.")
    index_now()
    school_key = f"page:{communities['school'].pk}"

    response = client.get(
        "/recherche/", {"q": "cartable", "communaute": school_key, "type": "temoignage"}
    )

    html = response.content.decode()
    assert "25 résultats" in html
    assert f"communaute={school_key.replace(':', '%3A')}" in html
    assert "type=temoignage" in html and "page=2" in html
    second = client.get(
        "/api/v2/search/",
        {"q": "cartable", "communaute": school_key, "type": "temoignage", "page": 2},
    )
    assert len(json.loads(second.content)["results"]) == 5


def test_drafts_and_unpublished_pages_are_not_found(client, communities, index_now):
    visible = publish_testimony(communities["school"], "Visible", "Le cartable.")
    withdrawn = publish_testimony(communities["school"], "Retiré", "Le cartable.")
    draft = factories.build_testimony(communities["school"], "Brouillon")
    draft.unpublish()
    index_now()

    withdrawn.unpublish()
    index_now()

    assert search_titles(client, "cartable") == [visible.title]
    assert search_titles(client, "Brouillon") == []


def test_a_deleted_page_is_no_longer_found(client, communities, index_now):
    page = publish_testimony(communities["school"], "Supprimé", "Le cartable.")
    index_now()

    page.delete()
    index_now()

    assert search_titles(client, "cartable") == []
    assert not SearchDocument.objects.filter(title="Supprimé").exists()


def test_press_releases_are_found_and_have_their_type(
    client, home, communities, index_now
):
    press_index = factories.build_press_index(home)
    release = factories.build_press_release(
        press_index,
        "Journée des maladies rares",
        introduction="Le réseau ouvre ses communautés aux aidants.",
    )
    withdrawn = factories.build_press_release(
        press_index, "Ancien communiqué", introduction="Les aidants d'hier."
    )
    index_now()
    withdrawn.unpublish()
    index_now()

    response = client.get("/api/v2/search/", {"q": "aidant", "type": "communique"})

    data = response.json()
    assert [result["title"] for result in data["results"]] == [release.title]
    assert [(f["value"], f["count"]) for f in data["facets"]["kinds"]] == [
        ("communique", 1)
    ]


def test_highlights_escape_markup_in_the_text(client, communities, index_now):
    publish_testimony(
        communities["school"], "Balises", "<script>alert(1)</script> Le cartable."
    )
    index_now()

    response = client.get("/api/v2/search/", {"q": "cartable"})

    excerpt = json.loads(response.content)["results"][0]["excerpt_html"]
    assert "<script>" not in excerpt
    assert "&lt;script&gt;" in excerpt
    assert "<mark>cartable</mark>" in excerpt


def test_writes_while_elasticsearch_is_down_are_all_found_afterwards(
    client, communities, index_now, settings, elasticsearch_url
):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    written = [
        publish_testimony(
            communities["school"], f"Pendant la panne {n}", "Le cartable."
        )
        for n in range(12)
    ]
    assert worker.process_pending() == 0
    assert SearchDocument.objects.pending().count() >= len(written)

    settings.ELASTICSEARCH_URL = elasticsearch_url
    SearchDocument.objects.update(retry_after=None)
    index_now()

    found = search_titles(client, "cartable", type="temoignage")
    assert sorted(found) == sorted(page.title for page in written)


@pytest.mark.parametrize(
    "params",
    [
        {"q": ""},
        {"q": "*"},
        {"q": "title:(a OR"},
        {"q": "!!!"},
        {"q": "é" * 10_000},
        {"q": "cartable", "type": "inconnu", "communaute": "page:0"},
        {"q": "cartable", "page": "999999"},
        {"q": "cartable", "page": "abc", "tri": "n'importe", "periode": "jamais"},
    ],
)
def test_odd_input_gives_a_normal_page(client, communities, index_now, params):
    index_now()

    response = client.get("/recherche/", params)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "params, message",
    [
        ({"q": "cartable", "page": "abc"}, "Le numéro de page"),
        ({"q": "cartable", "page": "0"}, "Le numéro de page"),
        ({"q": "cartable", "tri": "hasard"}, "Tri inconnu"),
        ({"q": "cartable", "periode": "jamais"}, "Période inconnue"),
        ({"q": "é" * 10_000}, "La recherche dépasse"),
        ({"q": ""}, "Indiquez des mots"),
    ],
)
def test_the_api_refuses_malformed_parameters_with_a_json_400(
    client, communities, index_now, params, message
):
    response = client.get("/api/v2/search/", params)

    assert response.status_code == 400
    refusal = json.loads(response.content)
    assert refusal["message"].startswith(message)
    assert refusal["error"] in {"invalid_search", "missing_query"}


def test_lucene_syntax_is_searched_as_words(client, communities, index_now):
    index_now()

    for query in ("*", "title:(a OR", "Drépanocytose AND NOT"):
        response = client.get("/api/v2/search/", {"q": query})
        assert response.status_code == 200


def test_a_search_without_results_suggests_close_communities(
    client, communities, index_now
):
    index_now()

    html = client.get("/recherche/", {"q": "xrepanocytose"}).content.decode()

    assert "Aucun résultat" in html
    assert f'href="{communities["sickle_cell"].url}"' in html


def test_searches_are_counted_for_the_staff(client, communities, index_now):
    from wagtail.contrib.search_promotions.models import Query

    index_now()

    client.get("/recherche/", {"q": "Drépanocytose"})
    client.get("/recherche/", {"q": "drépanocytose"})

    assert Query.get("drépanocytose").hits == 2


def test_writes_during_a_real_elasticsearch_stop_are_found_after_restart(
    client, communities, index_now, search_index
):
    if not os.environ.get("ELASTICSEARCH_URL", "").endswith(":59200"):
        pytest.skip("needs the Elasticsearch that scripts/services.sh manages")
    publish_testimony(communities["school"], "Avant la panne", "Le cartable.")
    index_now()

    run_service("stop", "elasticsearch")
    try:
        written = [
            publish_testimony(communities["school"], f"Panne {n}", "Le cartable.")
            for n in range(10)
        ]
        assert worker.process_pending() == 0
    finally:
        run_service("start", "elasticsearch")
    SearchDocument.objects.update(retry_after=None)
    index_now()

    found = search_titles(client, "cartable", type="temoignage")
    assert len(found) == len(written) + 1
    assert set(found) == {"Avant la panne", *(page.title for page in written)}


def test_a_page_behind_a_password_is_no_longer_found(client, communities, index_now):
    from wagtail.models import PageViewRestriction

    publish_testimony(communities["school"], "Réservé", "Le cartable.")
    index_now()

    PageViewRestriction.objects.create(
        page=communities["school"],
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    index_now()

    assert search_titles(client, "cartable") == []


def test_public_messages_are_found_with_french_analysis_and_their_community(
    client, home, communities, index_now
):
    factories.build_charter(home)
    author = factories.build_member("amandine")
    discussion = factories.build_discussion(
        communities["sickle_cell"],
        author,
        "Crises à l'école",
        "Les infirmières scolaires ont été formidables.",
    )
    index_now()

    assert search_titles(client, "infirmiere scolaire", type="discussion") == [
        "Crises à l'école"
    ]
    assert "Crises à l'école" in search_titles(client, "anémie falciforme")

    moderator = factories.build_moderator()
    reason = ModerationReason.objects.get()
    services.moderate(discussion.opening_message(), moderator, "remove", reason)
    index_now()

    assert search_titles(client, "infirmiere scolaire") == []


def test_a_pending_message_is_not_found(client, communities, index_now):
    discussion = factories.build_discussion(
        communities["sickle_cell"], factories.build_member("amandine"), "Bonjour"
    )
    newcomer = factories.build_member("timide")
    services.post_reply(
        discussion=discussion, author=newcomer, text="Ma kinésithérapeute est partie."
    )
    index_now()

    assert search_titles(client, "kinésithérapeute") == []
