"""The press releases as an RSS feed, for newsrooms and feed readers."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.models import PortalSettings

from .models import PressIndexPage

FEED_LENGTH = 20


class PressReleaseFeed(Feed):
    """
    Live, public press releases, newest first.

    One instance serves every request, so nothing request-bound is kept on
    it: links come from the Wagtail site that holds the press index.
    """

    language = "fr"

    def get_object(self, request):
        press_index = PressIndexPage.objects.live().public().first()
        if press_index is None:
            raise Http404
        return press_index

    def title(self, press_index):
        portal_settings = PortalSettings.for_site(press_index.get_site())
        return _("%(organisation)s · communiqués de presse") % {
            "organisation": portal_settings.organisation_name
        }

    def link(self, press_index):
        return press_index.full_url

    def feed_url(self, press_index):
        # Absolute, so that Django's syndication does not complete it with
        # the domain of `django.contrib.sites`, which the portal does not keep.
        return press_index.get_site().root_url + reverse("press_feed")

    def description(self, press_index):
        return press_index.introduction or self.title(press_index)

    def items(self, press_index):
        return press_index.get_releases()[:FEED_LENGTH]

    def item_title(self, release):
        return release.title

    def item_description(self, release):
        return release.introduction

    def item_link(self, release):
        return release.full_url

    def item_pubdate(self, release):
        midnight = datetime.datetime.combine(release.published_on, datetime.time())
        return timezone.make_aware(midnight)
