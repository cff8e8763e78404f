"""Keep the search rows in step with page publication, in the same transaction."""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from .communities import CACHE_KEY as COMMUNITY_NAMES_CACHE_KEY
from .documents import SEARCHABLE, forget_page, record_discussion, record_page


def record_subtree(page):
    """
    Record a page and the searchable pages below it, which carry its address,
    its access rules and, for a community, its names.
    """
    from discussions.models import Discussion

    pages = page.get_descendants(inclusive=True)
    for descendant in pages.specific():
        if isinstance(descendant, SEARCHABLE):
            record_page(descendant)
    for discussion in Discussion.objects.filter(page__in=pages).select_related("page"):
        record_discussion(discussion)


def page_changed(sender, instance, **kwargs):
    if isinstance(instance, (PathologyPage, ThemePage)):
        record_subtree(instance)
        cache.delete(COMMUNITY_NAMES_CACHE_KEY)
    else:
        record_page(instance)


def page_deleted(sender, instance, **kwargs):
    forget_page(instance)


def restriction_changed(sender, instance, **kwargs):
    # A page behind a password or a login is not public: its row, and those
    # of the pages below it, turn private until the restriction goes.
    record_subtree(instance.page)


def page_moved(sender, instance, **kwargs):
    record_subtree(instance)


def connect():
    for model in SEARCHABLE:
        page_published.connect(page_changed, sender=model)
        page_unpublished.connect(page_changed, sender=model)
        post_delete.connect(page_deleted, sender=model)
    post_save.connect(restriction_changed, sender=PageViewRestriction)
    post_delete.connect(restriction_changed, sender=PageViewRestriction)
    post_page_move.connect(page_moved)
