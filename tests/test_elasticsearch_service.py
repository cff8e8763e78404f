"""
The Elasticsearch that `make test` starts answers and analyses French.

Search itself lands later; this proves the service from the first day.
"""

import uuid

import pytest
from elasticsearch import Elasticsearch

pytestmark = pytest.mark.elasticsearch

FRENCH_ANALYSIS = {
    "analysis": {
        "filter": {
            "french_elision": {
                "type": "elision",
                "articles_case": True,
                "articles": ["l", "d", "j", "qu", "n", "s", "c", "m", "t"],
            },
            "french_light_stem": {"type": "stemmer", "language": "light_french"},
        },
        "analyzer": {
            "french_folded": {
                "tokenizer": "standard",
                "filter": [
                    "french_elision",
                    "lowercase",
                    "asciifolding",
                    "french_light_stem",
                ],
            }
        },
    }
}


@pytest.fixture
def index(elasticsearch_url):
    client = Elasticsearch(elasticsearch_url, request_timeout=30)
    name = f"test-french-{uuid.uuid4().hex[:8]}"
    client.indices.create(
        index=name,
        settings=FRENCH_ANALYSIS,
        mappings={
            "properties": {"body": {"type": "text", "analyzer": "french_folded"}}
        },
    )
    yield client, name
    client.indices.delete(index=name)
    client.close()


def search(client, index_name, query):
    response = client.search(index=index_name, query={"match": {"body": query}})
    return [hit["_id"] for hit in response["hits"]["hits"]]


def test_a_plural_without_accents_finds_the_singular(index):
    client, name = index
    client.index(index=name, id="1", body={"body": "L'école de mon fils"}, refresh=True)

    assert search(client, name, "ECOLES") == ["1"]


def test_an_elided_word_is_found_without_its_article(index):
    client, name = index
    client.index(
        index=name, id="1", body={"body": "Rendez-vous à l'hôpital"}, refresh=True
    )

    assert search(client, name, "hopital") == ["1"]
    assert search(client, name, "fils") == []


def test_the_cluster_is_an_elasticsearch_8(elasticsearch_url):
    client = Elasticsearch(elasticsearch_url, request_timeout=30)

    # The integ-test distribution has no root endpoint (GET / answers 405).
    nodes = client.cat.nodes(h="version", format="json")
    assert [node["version"][:2] for node in nodes] == ["8."]
