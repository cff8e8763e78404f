"""
Hooks of drf-spectacular for Wagtail's endpoints.

Wagtail's pages, images and documents endpoints build their serializers per
request, which drf-spectacular cannot inspect: they are left out of its
introspection and described here with a generic object per item, so that
clients and the contract test still see their paths and parameters.
"""

from drf_spectacular.authentication import SessionScheme
from wagtail.api.v2.views import BaseAPIViewSet

WAGTAIL_PREFIX = "/api/v2/"


class PortalSessionScheme(SessionScheme):
    """The session sign-in of `api.authentication`, described as DRF's own."""

    target_class = "api.authentication.SessionAuthentication"
    priority = 0


WAGTAIL_ITEM = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "meta": {"type": "object", "additionalProperties": True},
    },
    "required": ["id", "meta"],
    "additionalProperties": True,
}
WAGTAIL_LISTING = {
    "type": "object",
    "properties": {
        "meta": {
            "type": "object",
            "properties": {"total_count": {"type": "integer"}},
            "required": ["total_count"],
        },
        "items": {
            "type": "array",
            "items": {"$ref": "#/components/schemas/WagtailItem"},
        },
    },
    "required": ["meta", "items"],
}
WAGTAIL_ERROR = {
    "type": "object",
    "properties": {"message": {"type": "string"}},
    "required": ["message"],
}


def query_parameter(name, description, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


COMMON_LISTING_PARAMETERS = [
    query_parameter("fields", "Champs à ajouter ou retirer, séparés par des virgules."),
    query_parameter(
        "limit", "Éléments par page (20 au plus).", {"type": "integer", "minimum": 0}
    ),
    query_parameter("offset", "Rang du premier élément.", {"type": "integer"}),
    query_parameter("order", "Champ de tri, `-` devant pour l'ordre inverse."),
    query_parameter("search", "Mots recherchés."),
]
PAGE_PARAMETERS = [
    query_parameter("type", "Type de page, par exemple `pathologies.PathologyPage`."),
    query_parameter(
        "child_of", "Enfants de cette page.", {"type": "integer", "minimum": 1}
    ),
    query_parameter(
        "descendant_of", "Descendants de cette page.", {"type": "integer", "minimum": 1}
    ),
    query_parameter(
        "community",
        "Pages publiées sous cette communauté (témoignages).",
        {"type": "integer", "minimum": 1},
    ),
]
ENDPOINTS = {
    "pages": ("Pages publiques", PAGE_PARAMETERS),
    "images": ("Images publiques", []),
    "documents": ("Documents publics", []),
}


def exclude_wagtail_endpoints(endpoints, **kwargs):
    """Leave Wagtail's viewsets out of introspection (preprocessing hook)."""
    return [
        (path, path_regex, method, callback)
        for path, path_regex, method, callback in endpoints
        if not issubclass(getattr(callback, "cls", object), BaseAPIViewSet)
    ]


def response(description, schema_name):
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {"$ref": f"#/components/schemas/{schema_name}"}
            }
        },
    }


def add_wagtail_endpoints(result, generator, request, public, **kwargs):
    """Describe Wagtail's listing and detail endpoints (postprocessing hook)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["WagtailItem"] = WAGTAIL_ITEM
    schemas["WagtailListing"] = WAGTAIL_LISTING
    schemas["WagtailError"] = WAGTAIL_ERROR
    errors = {
        "400": response("Paramètre refusé.", "WagtailError"),
        "404": response("Introuvable ou non public.", "WagtailError"),
    }
    paths = result.setdefault("paths", {})
    for name, (summary, parameters) in ENDPOINTS.items():
        paths[f"{WAGTAIL_PREFIX}{name}/"] = {
            "get": {
                "operationId": f"{name}_list",
                "summary": summary,
                "tags": [name],
                "parameters": COMMON_LISTING_PARAMETERS + parameters,
                "responses": {"200": response(summary, "WagtailListing"), **errors},
            }
        }
        paths[f"{WAGTAIL_PREFIX}{name}/{{id}}/"] = {
            "get": {
                "operationId": f"{name}_retrieve",
                "summary": summary,
                "tags": [name],
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer"},
                    },
                    query_parameter("fields", "Champs à ajouter ou retirer."),
                ],
                "responses": {"200": response(summary, "WagtailItem"), **errors},
            }
        }
    return result
