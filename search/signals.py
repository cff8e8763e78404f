"""Keep the search rows in step with page publication, in the same transaction."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from editorial.models import NewsArticlePage, TestimonyPage
from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from .communities import CACHE_KEY as COMMUNITY_NAMES_CACHE_KEY
from .documents import forget_page, record_community_with_children, record_page

SEARCHABLE = (PathologyPage, ThemePage, TestimonyPage, NewsArticlePage)


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, (PathologyPage, ThemePage)):
        record_community_with_children(instance)
        cache.delete(COMMUNITY_NAMES_CACHE_KEY)
    else:
        record_page(instance)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        forget_page(instance.pk)


def connect():
    for model in SEARCHABLE:
        page_published.connect(page_changed, sender=model)
        page_unpublished.connect(page_changed, sender=model)
        post_delete.connect(page_deleted, sender=model)
