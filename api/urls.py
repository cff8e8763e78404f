"""
The headless API: Wagtail's pages, images and documents, the discussions,
the token exchange and the OpenAPI schema. Search is routed in
`portal.urls`, ahead of this module, to `api.views.SearchView`.
"""

from django.urls import path, re_path, register_converter
from django.urls.converters import IntConverter
from drf_spectacular.views import SpectacularAPIView
from wagtail.api.v2.router import WagtailAPIRouter

from . import views
from .pages import (
    PortalDocumentsAPIViewSet,
    PortalImagesAPIViewSet,
    PortalPagesAPIViewSet,
)


class RowIdConverter(IntConverter):
    """
    A row id of 18 digits at most, within PostgreSQL's bigint: a longer one
    names nothing, and on SQLite it would not even compare with a column.
    """

    regex = "[0-9]{1,18}"


register_converter(RowIdConverter, "row_id")

wagtail_api = WagtailAPIRouter("wagtailapi")
wagtail_api.register_endpoint("pages", PortalPagesAPIViewSet)
wagtail_api.register_endpoint("images", PortalImagesAPIViewSet)
wagtail_api.register_endpoint("documents", PortalDocumentsAPIViewSet)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("v2/token/", views.TokenView.as_view(), name="api_token"),
    path(
        "v2/discussions/",
        views.DiscussionListView.as_view(),
        name="api_discussions",
    ),
    path(
        "v2/discussions/<row_id:pk>/",
        views.DiscussionDetailView.as_view(),
        name="api_discussion",
    ),
    path(
        "v2/discussions/<row_id:pk>/messages/",
        views.ReplyView.as_view(),
        name="api_discussion_messages",
    ),
    path(
        "v2/messages/<row_id:pk>/reports/",
        views.ReportView.as_view(),
        name="api_message_reports",
    ),
    path("v2/", wagtail_api.urls),
    # Any character, newlines too: `.` would leave "%0A" to the HTML pages.
    re_path(r"^(?P<path>[\s\S]*)$", views.unknown_endpoint),
]
