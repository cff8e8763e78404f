"""The search page, its JSON twin under the API and the name suggestions."""

import logging

from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query

from . import communities
from .queries import InvalidSearch, SearchParameters, run_search

logger = logging.getLogger(__name__)


def log_query(parameters):
    """Count the query for the staff's search-terms report; never fail for it."""
    if not parameters.query or parameters.page != 1:
        return
    try:
        Query.get(parameters.query).add_hit()
    except DatabaseError:
        logger.exception("Search query statistics could not be recorded")


@require_GET
def search(request):
    parameters = SearchParameters.from_querydict(request.GET)
    results = None
    suggestions = []
    if not parameters.is_empty:
        results = run_search(parameters)
        log_query(parameters)
        if results.total == 0 and parameters.query:
            suggestions = communities.closest(parameters.query)
    return render(
        request,
        "search/search.html",
        {
            "query": parameters.query,
            "parameters": parameters,
            "results": results,
            "closest_communities": suggestions,
        },
    )


def hit_as_json(hit):
    return {
        "title": hit.title,
        "url": hit.url,
        "type": hit.kind,
        "type_label": str(hit.kind_label),
        "community": hit.community_title,
        "date": hit.published_at.isoformat() if hit.published_at else None,
        "title_html": str(hit.title_html),
        "excerpt_html": str(hit.excerpt_html),
    }


def search_refusal(code, message, fields=None):
    """Refuse in the shape of every error of the API (see `api.exceptions`)."""
    return JsonResponse(
        {"error": code, "message": message, "fields": fields or {}},
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def search_api(request):
    try:
        parameters = SearchParameters.from_querydict(request.GET, strict=True)
    except InvalidSearch as error:
        return search_refusal("invalid_search", str(error))

    if parameters.is_empty:
        message = _("Indiquez des mots à rechercher (paramètre q).")
        return search_refusal("missing_query", message, {"q": [message]})
    results = run_search(parameters)
    log_query(parameters)
    return JsonResponse(
        {
            "query": parameters.query,
            "engine": results.engine,
            "simplified": results.engine == "database",
            "total": results.total,
            "page": results.page,
            "num_pages": results.num_pages,
            "results": [hit_as_json(hit) for hit in results.hits],
            "facets": {
                name: [
                    {
                        "value": facet.value,
                        "label": str(facet.label),
                        "count": facet.count,
                        "selected": facet.selected,
                    }
                    for facet in values
                ]
                for name, values in results.facets.items()
            },
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def suggestions(request):
    names = communities.suggest(request.GET.get("q", "")[:100])
    return JsonResponse(
        {
            "suggestions": [
                {"name": name, "community": title, "url": url}
                for name, title, url in names
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )
