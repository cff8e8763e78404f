"""
Testimonies and news.

A testimony is a member's story, published by staff under the community it
speaks to; a news article is written by staff under the news index. Both will
receive discussions once discussions exist.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from api.fields import DiscussionCountField
from portal.blocks import BodyBlock

NEWS_PER_PAGE = 10


class TestimonyPage(Page):
    """
    A member's story under its community.

    Staff write some in the admin; members propose others with the public
    form, which leaves a draft in Wagtail's moderation workflow with
    `submitted_by` set, so that the member hears of the decision by e-mail.
    """

    author_pseudonym = models.CharField(
        _("pseudonyme de l'auteur"),
        max_length=60,
        help_text=_("Le témoignage est signé de ce pseudonyme, jamais d'un nom."),
    )
    published_on = models.DateField(_("date du témoignage"), default=timezone.now)
    summary = models.TextField(_("chapeau"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("récit"))
    # Set by the public form only; editors neither see nor change them.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_testimonies",
    )
    publication_consent_at = models.DateTimeField(
        _("accord de publication donné le"), null=True, blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("author_pseudonym"),
        FieldPanel("published_on"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("author_pseudonym"),
        APIField("published_on"),
        APIField("summary"),
        APIField("body"),
        APIField("discussion_count", serializer=DiscussionCountField()),
    ]

    parent_page_types = ["pathologies.PathologyPage", "themes_transversal.ThemePage"]
    subpage_types = []
    # A copy is the editors' page, not the member's: no mail about it.
    exclude_fields_in_copy = ["submitted_by", "publication_consent_at"]

    class Meta:
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")

    def get_community(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        from discussions.listing import place_context

        context = super().get_context(request, *args, **kwargs)
        context.update(place_context(request, self))
        return context


class NewsIndexPage(Page):
    introduction = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["editorial.NewsArticlePage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des actualités")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = (
            NewsArticlePage.objects.live()
            .child_of(self)
            .order_by("-published_on", "-pk")
        )
        paginator = Paginator(articles, NEWS_PER_PAGE)
        context["articles"] = paginator.get_page(request.GET.get("page"))
        return context


class NewsArticlePage(Page):
    published_on = models.DateField(_("date de publication"), default=timezone.now)
    introduction = models.TextField(_("chapeau"), max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("published_on"),
        APIField("introduction"),
        APIField("body"),
        APIField("discussion_count", serializer=DiscussionCountField()),
    ]

    parent_page_types = ["editorial.NewsIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from discussions.listing import place_context

        context = super().get_context(request, *args, **kwargs)
        context.update(place_context(request, self))
        return context

    class Meta:
        verbose_name = _("actualité")
        verbose_name_plural = _("actualités")
