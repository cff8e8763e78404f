"""Printable poster and flyer that make a community known offline."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail.models import Page

from pathologies.models import PathologyPage
from portal.models import PortalSettings
from themes_transversal.models import ThemePage

from .qr import qr_svg

COMMUNITY_TYPES = (PathologyPage, ThemePage)

# Beyond this many characters a community name gets a smaller type, so that
# the longest disease names still leave the poster on one sheet.
LONG_TITLE = 40


def public_community(page_id):
    """Return the live community anyone may read, or raise 404."""
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    if not isinstance(page, COMMUNITY_TYPES) or page.get_view_restrictions().exists():
        raise Http404
    return page


def printable_context(request, page_id):
    community = public_community(page_id)
    url = community.get_full_url(request)
    if url is None:
        raise Http404
    qr_label = _("Code QR menant à la communauté en ligne : %(url)s") % {"url": url}
    title_class = "printable__title"
    if len(community.title) > LONG_TITLE:
        title_class += " printable__title--long"
    return {
        "community": community,
        "title_class": title_class,
        "community_url": url,
        "qr_label": qr_label,
        "qr_svg": qr_svg(url, title=qr_label),
        "portal_settings": PortalSettings.for_request(request),
    }


def community_poster(request, page_id):
    return render(
        request, "press/community_poster.html", printable_context(request, page_id)
    )


def community_flyer(request, page_id):
    return render(
        request, "press/community_flyer.html", printable_context(request, page_id)
    )
