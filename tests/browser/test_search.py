"""A visitor searches from the header, narrows by type and opens a result."""

import uuid

import pytest
from elasticsearch import Elasticsearch
from playwright.sync_api import expect

from search import worker

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def indexed_site(community_site, settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.SEARCH_INDEX_ALIAS = f"test-browser-{uuid.uuid4().hex[:10]}"
    es = Elasticsearch(elasticsearch_url, request_timeout=30)
    worker.drain(es)
    es.indices.refresh(index=settings.SEARCH_INDEX_ALIAS)
    yield community_site
    es.indices.delete(index=f"{settings.SEARCH_INDEX_ALIAS}-*")
    es.close()


def test_a_visitor_searches_narrows_by_type_and_reaches_a_testimony(
    page, indexed_site, assert_no_wcag_violations
):
    page.goto("/")
    header_search = page.get_by_role("search", name="Recherche dans tout le portail")
    header_search.get_by_label("Rechercher dans toutes les communautés").fill(
        "rentrée scolaire"
    )
    header_search.get_by_role("button", name="Rechercher").click()

    page.get_by_text("Type de contenu").click()
    page.get_by_role("link", name="Témoignage (1)").click()

    expect(page.get_by_role("status")).to_have_text("1 résultat")
    assert_no_wcag_violations(page)
    page.get_by_role("link", name="Une rentrée préparée ensemble").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Une rentrée préparée ensemble"
    )
