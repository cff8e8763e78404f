"""
Fields of the page models in Wagtail's pages API.

The page models name them in their `api_fields`; they read what the pages
endpoint prefetched or annotated for a listing (see `api.pages`), and ask
the database themselves only for a page served on its own.
"""

from django.db.models import Count, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from rest_framework import serializers

# Names of what `api.pages` attaches to the pages of a listing.
DISCUSSION_COUNT_ATTR = "api_discussion_count"
PASSERELLES_ATTR = "api_passerelles"


def public_discussion_count():
    """Return an expression counting the listed discussions of each page."""
    from discussions.models import Discussion, open_place

    tagged = Discussion.themes.through.objects.filter(
        themepage_id=OuterRef(OuterRef("pk"))
    ).values("discussion_id")
    counted = (
        Discussion.objects.filter(
            Q(page_id=OuterRef("pk")) | Q(pk__in=tagged),
            open_place(),
            is_public=True,
            is_listed=True,
        )
        .order_by()
        .values("is_public")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted), Value(0))


def passerelles_of(page):
    """Return the live, public communities a pathology or a theme links to."""
    from pathologies.models import PathologyPage
    from themes_transversal.models import ThemePage

    if isinstance(page, PathologyPage):
        linked = ThemePage.objects.filter(pathologies=page)
    else:
        linked = PathologyPage.objects.filter(themes=page)
    return linked.live().public().order_by("title")


class DiscussionCountField(serializers.Field):
    """The number of public discussions started on a page or tagged with it."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        if hasattr(page, DISCUSSION_COUNT_ATTR):
            return getattr(page, DISCUSSION_COUNT_ATTR)
        from discussions.listing import discussions_for

        return discussions_for(page).count()


class PasserelleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, page) -> str:
        return page.get_full_url(self.context.get("request"))


class PasserellesField(serializers.Field):
    """The other side of the passerelles: themes of a pathology, or its pathologies."""

    def __init__(self, **kwargs):
        kwargs.update(source="*", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, page):
        linked = getattr(page, PASSERELLES_ATTR, None)
        if linked is None:
            linked = passerelles_of(page)
        return PasserelleSerializer(linked, many=True, context=self.context).data


class CategorySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class SynonymsField(serializers.ListField):
    """A pathology's synonyms and acronyms, one per line in the admin."""

    def __init__(self, **kwargs):
        kwargs.update(
            source="synonym_list", read_only=True, child=serializers.CharField()
        )
        super().__init__(**kwargs)
