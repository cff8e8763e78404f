"""
Wagtail's pages, images and documents endpoints, as the public sees them.

They answer without looking at who asks (no session, no token), so that a
member's access to a restricted section never shows through the API, and
a listing of communities fetches its passerelles and discussion counts in a
fixed number of queries. Their refusals take the API's shape and French
(see `api.exceptions` and `api.wagtail_refusals`).
"""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    FieldsFilter,
    LocaleFilter,
    OrderingFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from editorial.models import NewsArticlePage, TestimonyPage
from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from . import wagtail_refusals
from .exceptions import Refused
from .fields import DISCUSSION_COUNT_ATTR, PASSERELLES_ATTR, public_discussion_count

PLACES = (PathologyPage, ThemePage, TestimonyPage, NewsArticlePage)
COMMUNITIES = (PathologyPage, ThemePage)


def row_id(raw):
    """Return `raw` as a page id, or None if it cannot be the id of a row."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
        return None
    return int(raw)


class CommunityFilter(BaseFilterBackend):
    """`?community=<page id>`: the pages published under one community."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("community")
        if raw is None:
            return queryset
        community_id = row_id(raw)
        if community_id is None:
            raise Refused(
                _("Le paramètre community doit être l'identifiant d'une page."),
                "invalid_filter",
                fields={"community": [_("Identifiant de page attendu.")]},
            )
        community = (
            view.get_base_queryset().type(*COMMUNITIES).filter(pk=community_id).first()
        )
        if community is None:
            raise Refused(
                _("Cette communauté n'existe pas ou n'est pas publique."),
                "unknown_page",
                fields={"community": [_("Communauté inconnue.")]},
            )
        return queryset.child_of(community)


def passerelles_prefetch(model):
    if model is PathologyPage:
        return Prefetch(
            "themes",
            queryset=ThemePage.objects.live().public().order_by("title"),
            to_attr=PASSERELLES_ATTR,
        )
    return Prefetch(
        "pathologies",
        queryset=PathologyPage.objects.live().public().order_by("title"),
        to_attr=PASSERELLES_ATTR,
    )


class PublicEndpointMixin:
    """Serve everyone alike, and refuse what the database cannot search for."""

    authentication_classes = ()

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        for name, values in self.request.GET.lists():
            if any("\x00" in value for value in values):
                raise Refused(
                    _("Le paramètre %(name)s contient un caractère nul.")
                    % {"name": name},
                    "invalid_parameter",
                )

    def handle_exception(self, exc):
        """Refuse in the API's shape and French, not in Wagtail's `{message}`."""
        if isinstance(exc, BadRequestError):
            exc = wagtail_refusals.refusal(exc)
        elif isinstance(exc, Http404):
            exc = NotFound(_("Aucun contenu public ne correspond à cette adresse."))
        return super().handle_exception(exc)


class PortalPagesAPIViewSet(PublicEndpointMixin, PagesAPIViewSet):
    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        CommunityFilter,
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        # Last: search results cannot be filtered further.
        SearchFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["community"])

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "listing_view":
            return queryset
        # `?fields=*` shows each page's locale.
        queryset = queryset.select_related("locale")
        if not issubclass(queryset.model, PLACES):
            return queryset
        queryset = queryset.annotate(
            **{DISCUSSION_COUNT_ATTR: public_discussion_count()}
        )
        if issubclass(queryset.model, COMMUNITIES):
            queryset = queryset.prefetch_related(passerelles_prefetch(queryset.model))
        if issubclass(queryset.model, ThemePage):
            queryset = queryset.select_related("category")
        return queryset


class PortalImagesAPIViewSet(PublicEndpointMixin, ImagesAPIViewSet):
    pass


class PortalDocumentsAPIViewSet(PublicEndpointMixin, DocumentsAPIViewSet):
    pass
