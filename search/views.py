"""
The search page.

Until the cross-community Elasticsearch search lands, visitors search the
live pages through Wagtail's database backend.
"""

from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Return the query without control characters, which PostgreSQL refuses."""
    printable = "".join(char for char in raw if char.isprintable())
    return printable.strip()[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {"query": query, "results": paginator.get_page(request.GET.get("page"))},
    )
