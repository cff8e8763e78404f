"""
Building `SearchDocument` rows from the portal's pages.

Each public page of a searchable type becomes one row; anything else
(a draft, an unpublished page, a page behind a view restriction) turns its
row private, and the worker then removes it from Elasticsearch.
"""

import datetime
import html

from django.utils import timezone
from django.utils.html import strip_tags

from editorial.models import NewsArticlePage, TestimonyPage
from pathologies.models import PathologyPage
from press.models import PressReleasePage
from themes_transversal.models import ThemePage

from .models import Kind, SearchDocument

MAX_BODY_CHARACTERS = 20_000
MAX_INDEXED_MESSAGES = 200
SEARCHABLE = (
    PathologyPage,
    ThemePage,
    TestimonyPage,
    NewsArticlePage,
    PressReleasePage,
)


def page_key(page):
    return f"page:{page.pk}"


def plain_text(markup):
    """Return the text a reader sees: tags removed, entities decoded."""
    return html.unescape(strip_tags(markup))


def stream_text(stream_value):
    """Return the readable text of a StreamField, without markup."""
    parts = []
    for block in stream_value:
        value = block.value
        if hasattr(value, "source"):
            parts.append(plain_text(value.source))
        elif isinstance(value, dict) or hasattr(value, "items"):
            parts.extend(
                plain_text(getattr(item, "source", item))
                for item in value.values()
                if isinstance(item, str) or hasattr(item, "source")
            )
        elif isinstance(value, str):
            parts.append(plain_text(value))
    return "\n".join(part for part in parts if part)


def community_fields(community):
    """Return the fields that a document inherits from its community."""
    if isinstance(community, PathologyPage):
        themes = community.themes.all().select_related("category")
        synonyms = community.synonym_list
        categories = sorted({theme.category.slug for theme in themes})
    else:
        synonyms = []
        categories = [community.category.slug]
    return {
        "community_key": page_key(community),
        "community_title": community.title,
        "community_terms": "\n".join([community.title, *synonyms]),
        "categories": categories,
    }


def describe_page(page):
    """Return the row's fields for a searchable page, or None."""
    page = page.specific
    if isinstance(page, PathologyPage):
        fields = {
            "kind": Kind.PATHOLOGY,
            "synonyms": "\n".join(page.synonym_list),
            **community_fields(page),
        }
    elif isinstance(page, ThemePage):
        fields = {"kind": Kind.THEME, **community_fields(page)}
    elif isinstance(page, TestimonyPage):
        fields = {
            "kind": Kind.TESTIMONY,
            **community_fields(page.get_parent().specific),
        }
    elif isinstance(page, NewsArticlePage):
        fields = {"kind": Kind.NEWS}
    elif isinstance(page, PressReleasePage):
        fields = {"kind": Kind.PRESS_RELEASE}
    else:
        return None
    has_introduction = isinstance(page, (NewsArticlePage, PressReleasePage))
    lead = page.introduction if has_introduction else page.summary
    fields["title"] = page.title
    fields["body"] = f"{lead}\n{stream_text(page.body)}"[:MAX_BODY_CHARACTERS]
    fields["url"] = page.url or ""
    fields["published_at"] = publication_date(page)
    return fields


def publication_date(page):
    """Return the date a reader is shown: the story's own date when it has one."""
    day = getattr(page, "published_on", None)
    if day is None:
        return page.first_published_at or timezone.now()
    return datetime.datetime.combine(
        day, datetime.time(12), tzinfo=timezone.get_current_timezone()
    )


def record_page(page):
    """Write the page's row, public or not; never touches Elasticsearch."""
    fields = describe_page(page)
    if fields is None:
        return None
    public = page.live and not page.get_view_restrictions().exists()
    return write_row(page_key(page), fields, public)


def write_row(key, fields, public):
    """Store a row as a pending update for the worker."""
    document, _ = SearchDocument.objects.update_or_create(
        key=key,
        defaults={
            **fields,
            "is_public": public,
            "changed_at": timezone.now(),
            "attempts": 0,
            "retry_after": None,
        },
    )
    SearchDocument.objects.filter(pk=document.pk).refresh_search_vectors()
    return document


def forget_page(page):
    """Turn a deleted page's row private so the worker removes it."""
    forget_key(page_key(page))


def forget_key(key):
    SearchDocument.objects.filter(key=key).update(
        is_public=False, changed_at=timezone.now(), attempts=0, retry_after=None
    )


def record_all_pages():
    """Write the rows of every searchable page and discussion; return how many."""
    from discussions.models import Discussion

    count = 0
    for model in SEARCHABLE:
        for page in model.objects.all().iterator():
            count += record_page(page) is not None
    for discussion in Discussion.objects.select_related("page").iterator():
        record_discussion(discussion)
        count += 1
    return count


def discussion_key(discussion):
    return f"discussion:{discussion.pk}"


def describe_discussion(discussion):
    """Return the row's fields for a discussion: its title and public messages."""
    from discussions.models import MessageStatus

    place = discussion.page.specific
    if isinstance(place, TestimonyPage):
        community = place.get_parent().specific
    elif isinstance(place, (PathologyPage, ThemePage)):
        community = place
    else:
        community = None
    fields = {"kind": Kind.DISCUSSION}
    if community is not None:
        fields.update(community_fields(community))
    tagged = discussion.themes.select_related("category")
    fields["categories"] = sorted(
        {*fields.get("categories", []), *(theme.category.slug for theme in tagged)}
    )
    # The row keeps MAX_BODY_CHARACTERS at most: reading the first messages
    # is enough, and a reply to a long discussion costs no more than another.
    texts = discussion.messages.filter(status=MessageStatus.PUBLISHED).order_by("pk")
    body = "\n".join(texts.values_list("comment", flat=True)[:MAX_INDEXED_MESSAGES])
    fields["title"] = discussion.title
    fields["body"] = body[:MAX_BODY_CHARACTERS]
    fields["url"] = discussion.get_absolute_url()
    fields["published_at"] = discussion.created_at
    return fields


def record_discussion(discussion):
    """Write a discussion's row; public while the discussion is listed and its
    place public."""
    place = discussion.page
    public = (
        discussion.is_public
        and discussion.is_listed
        and place.live
        and not place.get_view_restrictions().exists()
    )
    return write_row(
        discussion_key(discussion), describe_discussion(discussion), public
    )
