"""
RSS 2.0 and Atom 1.0 feeds: the site's news, and what is new in each
community (its testimonies and the public discussions started in it or
tagged with it, in one feed).

Every address in a feed is absolute, taken from the Wagtail site that serves
the request: Django's syndication would otherwise complete relative links
with the domain of `django.contrib.sites`, which the portal does not keep
for this. A discussion's item carries its title and counts, never a message.
"""

import datetime

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from wagtail.models import Page

from discussions.listing import discussions_for
from discussions.models import Discussion
from editorial.models import NewsArticlePage, NewsIndexPage, TestimonyPage
from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from . import conf, seo


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class PortalFeed(Feed):
    """Shared parts of the portal's feeds: language, absolute links, dates."""

    language = "fr"

    @classmethod
    def as_view(cls):
        """
        Return a view that builds a feed per request: feed methods receive
        only the object or the item, so the request (which gives the site's
        address) is kept on the instance, which threads must not share.
        """

        def view(request, *args, **kwargs):
            feed = cls()
            feed.request = request
            return feed(request, *args, **kwargs)

        return view

    def feed_url(self):
        return seo.absolute_url(self.request, self.request.path)

    def organisation_name(self):
        return seo.portal_settings(self.request).organisation_name

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        if isinstance(item, Discussion):
            return seo.discussion_url(item, self.request)
        return seo.page_url(item, self.request)

    def item_pubdate(self, item):
        if isinstance(item, Discussion):
            return item.created_at
        return start_of_day(item.published_on)

    def item_updateddate(self, item):
        if isinstance(item, Discussion):
            return item.last_activity_at
        return item.last_published_at


class NewsFeed(PortalFeed):
    def news_index(self):
        site = seo.wagtail_site(self.request)
        if site is None:
            return None
        return NewsIndexPage.objects.live().descendant_of(site.root_page).first()

    def title(self):
        return _("%(organisation)s · Actualités") % {
            "organisation": self.organisation_name()
        }

    def link(self):
        index = self.news_index()
        if index is None:
            return seo.absolute_url(self.request, "/")
        return seo.page_url(index, self.request)

    def description(self):
        return _("Les actualités publiées par %(organisation)s.") % {
            "organisation": self.organisation_name()
        }

    def items(self):
        site = seo.wagtail_site(self.request)
        articles = NewsArticlePage.objects.live().public()
        if site is not None:
            articles = articles.descendant_of(site.root_page)
        return articles.order_by("-published_on", "-pk")[
            : conf.get("REACH_FEED_LENGTH")
        ]

    def item_description(self, article):
        return article.introduction

    def item_author_name(self, article):
        return self.organisation_name()


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
    subtitle = NewsFeed.description


class CommunityFeed(PortalFeed):
    """New testimonies and public discussions of one pathology or theme."""

    def get_object(self, request, page_id):
        page = Page.objects.live().public().get(pk=page_id).specific
        if not isinstance(page, (PathologyPage, ThemePage)):
            raise ObjectDoesNotExist("Only a community has a feed.")
        return page

    def title(self, community):
        return _("%(community)s · Nouveautés de la communauté") % {
            "community": community.title
        }

    def link(self, community):
        return seo.page_url(community, self.request)

    def description(self, community):
        return _(
            "Les nouveaux témoignages et les nouvelles discussions de la "
            "communauté %(community)s."
        ) % {"community": community.title}

    def items(self, community):
        length = conf.get("REACH_FEED_LENGTH")
        testimonies = (
            TestimonyPage.objects.live()
            .public()
            .child_of(community)
            .order_by("-published_on", "-pk")[:length]
        )
        # A discussion its author asked to keep away from search engines
        # stays away from aggregators too.
        discussions = (
            discussions_for(community)
            .filter(noindex=False)
            .select_related("page")
            .order_by("-created_at", "-pk")[:length]
        )
        items = [*testimonies, *discussions]
        items.sort(key=self.item_pubdate, reverse=True)
        return items[:length]

    def item_title(self, item):
        if isinstance(item, Discussion):
            return _("Discussion : %(title)s") % {"title": item.title}
        return _("Témoignage : %(title)s") % {"title": item.title}

    def item_description(self, item):
        if isinstance(item, Discussion):
            return seo.discussion_description(item, item.page)
        return item.summary

    def author_name(self, community):
        # Atom wants an author for every entry: discussions, which have
        # several, fall back on the feed's, the organisation that hosts them.
        return self.organisation_name()

    def item_author_name(self, item):
        if isinstance(item, TestimonyPage):
            return item.author_pseudonym
        return None

    def item_categories(self, item):
        if isinstance(item, Discussion):
            return [_("Discussion")]
        return [_("Témoignage")]


class CommunityAtomFeed(CommunityFeed):
    feed_type = Atom1Feed
    subtitle = CommunityFeed.description
