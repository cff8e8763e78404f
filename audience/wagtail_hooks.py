"""
Admin hooks: the "Statistiques" menu item and page, and the permission that
opens them; public page views are marked for counting here too.
"""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import recorder
from .admin_views import StatisticsView, can_view_statistics
from .models import ViewKind


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_statistics(request.user)


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [path("statistiques/", StatisticsView.as_view(), name="audience_statistics")]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        _("Statistiques"),
        reverse("audience_statistics"),
        name="statistics",
        icon_name="table",
        order=900,
    )


@hooks.register("register_permissions")
def register_statistics_permission():
    return Permission.objects.filter(
        content_type__app_label="audience", codename="view_statistics"
    )


# Registered after Wagtail's own check of view restrictions (order 0), so
# that a password or login form shown instead of the page is not counted.
@hooks.register("on_serve_page", order=100)
def mark_page_view(serve):
    def serve_and_mark(page, request, serve_args, serve_kwargs):
        recorder.record(request, ViewKind.PAGE, page.pk)
        return serve(page, request, serve_args, serve_kwargs)

    return serve_and_mark
