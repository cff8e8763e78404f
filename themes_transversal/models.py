"""
Transversal theme communities and their categories.

A theme (school inclusion, isolation, rights and financial aid...) concerns
many pathologies. Each belongs to one `ThemeCategory`; the passerelles that
link it to pathologies are edited on the pathology side and read here through
`pathologies`, the reverse side of `PathologyPage.themes`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from api.fields import CategorySerializer, DiscussionCountField, PasserellesField
from portal.models import CommunityPage


class ThemeCategoryQuerySet(models.QuerySet):
    def with_live_themes(self):
        """Return the categories with their live themes prefetched, in order."""
        live_themes = ThemePage.objects.live().order_by("title")
        return self.prefetch_related(
            models.Prefetch("themes", queryset=live_themes, to_attr="live_themes")
        )


class ThemeCategory(models.Model):
    name = models.CharField(_("nom"), max_length=80, unique=True)
    slug = models.SlugField(_("identifiant"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=400, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)

    objects = ThemeCategoryQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("catégorie de thèmes")
        verbose_name_plural = _("catégories de thèmes")

    def __str__(self):
        return self.name


class ThemeIndexPage(Page):
    introduction = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["themes_transversal.ThemePage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des thèmes transversaux")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["categories"] = ThemeCategory.objects.with_live_themes()
        return context


class ThemePage(CommunityPage):
    category = models.ForeignKey(
        ThemeCategory,
        on_delete=models.PROTECT,
        related_name="themes",
        verbose_name=_("catégorie"),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("category"),
        FieldPanel("summary"),
        FieldPanel("body"),
        *CommunityPage.links_panels,
        HelpPanel(
            _(
                "Les pathologies liées à ce thème (passerelles) se choisissent "
                "sur la page de chaque pathologie."
            )
        ),
    ]
    search_fields = [
        *CommunityPage.search_fields,
        index.RelatedFields("category", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("category", serializer=CategorySerializer()),
        APIField("summary"),
        APIField("body"),
        APIField("useful_links"),
        APIField("passerelles", serializer=PasserellesField()),
        APIField("discussion_count", serializer=DiscussionCountField()),
    ]

    parent_page_types = ["themes_transversal.ThemeIndexPage"]
    subpage_types = ["editorial.TestimonyPage"]

    class Meta:
        verbose_name = _("thème transversal")
        verbose_name_plural = _("thèmes transversaux")

    def get_context(self, request, *args, **kwargs):
        from pathologies.models import PathologyPage

        context = super().get_context(request, *args, **kwargs)
        context["passerelles"] = (
            PathologyPage.objects.live()
            .filter(themes=self)
            .only("title", "url_path", "path", "depth", "orpha_code")
            .order_by("title")
        )
        return context
