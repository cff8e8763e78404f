"""
The sitemap: every live public page, from Wagtail's sitemap, and every public
discussion that its author left open to search engines.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import Sitemap as PageSitemap
from wagtail.models import Page

from discussions.models import Discussion

from . import seo


class DiscussionSitemap(Sitemap):
    changefreq = "daily"

    def __init__(self, request):
        self.request = request

    def items(self):
        site = seo.wagtail_site(self.request)
        places = Page.objects.live().public()
        if site is not None:
            places = places.descendant_of(site.root_page, inclusive=True)
        return (
            Discussion.objects.listed()
            .filter(noindex=False, page__in=places)
            .only("pk", "title", "last_activity_at")
            .order_by("pk")
        )

    def lastmod(self, discussion):
        return discussion.last_activity_at

    def get_urls(self, page=1, site=None, protocol=None):
        # Addresses on the Wagtail site's host, as the pages' are, rather
        # than on the domain of django.contrib.sites.
        root = urlsplit(seo.root_url(self.request))
        return self._urls(page, root.scheme, root.netloc)


def portal_sitemaps(request):
    return {
        "pages": PageSitemap(request),
        "discussions": DiscussionSitemap(request),
    }
