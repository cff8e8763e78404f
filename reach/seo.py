"""
What search engines and social networks read of a page: its absolute
address, description, Open Graph card and schema.org data.

The subject of a page is either a Wagtail page or a discussion (whose page is
not a Wagtail page). `describe()` returns one `PageDescription` for either,
and the template tags of `reach_tags` render it; the JSON-LD is built here as
Python data and serialised once, never written by hand in a template.
"""

import json
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, Site

from discussions.models import Discussion, MessageStatus
from editorial.models import NewsArticlePage, NewsIndexPage, TestimonyPage
from pathologies.models import PathologyIndexPage, PathologyPage
from portal.models import HomePage, PortalSettings
from themes_transversal.models import ThemeIndexPage

from . import conf

DESCRIPTION_LENGTH = 300
SCHEMA_CONTEXT = "https://schema.org"
LANGUAGE = "fr"

# Escapes that keep serialised JSON inside a <script> element: a "</script>"
# or "<!--" in a title cannot close or disturb it.
JSON_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    ord("\u2028"): "\\u2028",
    ord("\u2029"): "\\u2029",
}


@dataclass
class PageDescription:
    title: str
    description: str
    url: str
    og_type: str = "website"
    # Called only when a template shows the JSON-LD: a discussion's needs a
    # query for its opening message.
    build_structured_data: object = None

    def structured_data(self):
        return self.build_structured_data() if self.build_structured_data else {}


def wagtail_site(request):
    """Return the Wagtail site serving `request`, or the default site."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    return site


def root_url(request):
    """Return the scheme and host of the site, without a trailing slash."""
    site = wagtail_site(request)
    if site is not None:
        return site.root_url
    return request.build_absolute_uri("/").rstrip("/") if request else ""


def absolute_url(request, path):
    return f"{root_url(request)}{path}"


def page_url(page, request):
    return page.get_full_url(request) or absolute_url(request, page.url or "/")


def discussion_url(discussion, request):
    return absolute_url(request, discussion.get_absolute_url())


def portal_settings(request):
    if request is not None:
        return PortalSettings.for_request(request)
    site = wagtail_site(None)
    return PortalSettings.for_site(site) if site else PortalSettings()


def plain_text(value, length=DESCRIPTION_LENGTH):
    """Return `value` (text or rich text) as one line of at most `length` chars."""
    text = " ".join(strip_tags(str(value or "")).split())
    return Truncator(text).chars(length)


def page_description(page):
    for attribute in ("search_description", "summary", "introduction"):
        text = plain_text(getattr(page, attribute, ""))
        if text:
            return text
    return str(conf.get("REACH_DEFAULT_DESCRIPTION"))


def discussion_description(discussion, place):
    replies = ngettext(
        "%(count)s réponse", "%(count)s réponses", discussion.reply_count
    ) % {"count": discussion.reply_count}
    return _("Discussion dans la communauté %(place)s, %(replies)s.") % {
        "place": place.title,
        "replies": replies,
    }


def json_ld_script(data):
    """Return `data` serialised for a <script type="application/ld+json">."""
    text = json.dumps(data, ensure_ascii=False)
    return text.translate(JSON_SCRIPT_ESCAPES)


def organisation(request, settings=None):
    settings = settings or portal_settings(request)
    data = {
        "@type": "Organization",
        "name": settings.organisation_name,
        "url": absolute_url(request, "/"),
    }
    same_as = [url for _name, url in settings.social_links()]
    if same_as:
        data["sameAs"] = same_as
    if settings.contact_email:
        data["email"] = settings.contact_email
    return data


def page_structured_data(page, request, description, url):
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "WebPage",
        "name": page.title,
        "description": description,
        "url": url,
        "inLanguage": LANGUAGE,
    }
    if isinstance(page, HomePage):
        return {"@context": SCHEMA_CONTEXT, **organisation(request)}
    if isinstance(page, PathologyPage):
        data["@type"] = "MedicalCondition"
        data["code"] = {
            "@type": "MedicalCode",
            "codeValue": page.orpha_code,
            "codingSystem": "ORPHA",
        }
        synonyms = page.synonym_list
        if synonyms:
            data["alternateName"] = synonyms
        data["sameAs"] = page.orphanet_url
        del data["inLanguage"]
    elif isinstance(page, (PathologyIndexPage, ThemeIndexPage, NewsIndexPage)):
        data["@type"] = "CollectionPage"
    elif isinstance(page, (NewsArticlePage, TestimonyPage)):
        data = {
            "@context": SCHEMA_CONTEXT,
            "@type": "NewsArticle" if isinstance(page, NewsArticlePage) else "Article",
            "headline": page.title,
            "description": description,
            "url": url,
            "inLanguage": LANGUAGE,
            "datePublished": page.published_on.isoformat(),
            "publisher": organisation(request),
        }
        if page.last_published_at:
            data["dateModified"] = page.last_published_at.isoformat()
        if isinstance(page, TestimonyPage):
            data["author"] = {"@type": "Person", "name": page.author_pseudonym}
    return data


def discussion_structured_data(discussion, place, request, url):
    data = {
        "@context": SCHEMA_CONTEXT,
        "@type": "DiscussionForumPosting",
        "headline": discussion.title,
        "url": url,
        "inLanguage": LANGUAGE,
        "datePublished": discussion.created_at.isoformat(),
        "dateModified": discussion.last_activity_at.isoformat(),
        "isPartOf": {
            "@type": "WebPage",
            "name": place.title,
            "url": page_url(place, request),
        },
        "interactionStatistic": {
            "@type": "InteractionCounter",
            "interactionType": "https://schema.org/CommentAction",
            "userInteractionCount": discussion.reply_count,
        },
    }
    opening = discussion.opening_message()
    if opening is not None:
        data["author"] = {"@type": "Person", "name": opening.user_name}
        # Only a published text is public; a held, refused or removed one
        # is never handed to search engines.
        if opening.status == MessageStatus.PUBLISHED:
            data["text"] = opening.comment
    return data


def describe(subject, request):
    """Return the `PageDescription` of a page, a discussion or a plain view."""
    if isinstance(subject, Discussion):
        place = subject.page.specific
        url = discussion_url(subject, request)
        return PageDescription(
            title=subject.title,
            description=discussion_description(subject, place),
            url=url,
            og_type="article",
            build_structured_data=lambda: discussion_structured_data(
                subject, place, request, url
            ),
        )

    if isinstance(subject, Page):
        url = page_url(subject, request)
        description = page_description(subject)
        is_article = isinstance(subject, (NewsArticlePage, TestimonyPage))
        return PageDescription(
            title=subject.seo_title or subject.title,
            description=description,
            url=url,
            og_type="article" if is_article else "website",
            build_structured_data=lambda: page_structured_data(
                subject, request, description, url
            ),
        )

    # A view that is not a Wagtail page (search, accounts): its address
    # without the query string, so that every query is one page to robots.
    path = request.path if request is not None else "/"
    return PageDescription(
        title="",
        description=str(conf.get("REACH_DEFAULT_DESCRIPTION")),
        url=absolute_url(request, path),
    )
