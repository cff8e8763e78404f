"""
Pathology communities.

A `PathologyPage` is a community for one rare disease, identified by its
ORPHA code. Its passerelles to transversal themes are edited here, once, and
read from both sides: `pathology.themes` and `theme.pathologies`.
"""

import unicodedata

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from api.fields import DiscussionCountField, PasserellesField, SynonymsField
from portal.blocks import LinkBlock
from portal.models import CommunityPage
from themes_transversal.models import ThemePage

from .forms import PathologyPageForm
from .validators import validate_orpha_code

ORPHANET_DISEASE_URL = "https://www.orpha.net/fr/disease/detail/{code}"


class PathologyIndexPage(Page):
    introduction = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["pathologies.PathologyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("index des pathologies")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        pathologies = (
            PathologyPage.objects.live()
            .child_of(self)
            .order_by("title")
            .only("title", "url_path", "path", "depth", "orpha_code", "summary")
        )
        context["pathologies_by_letter"] = group_by_initial(pathologies)
        return context


def group_by_initial(pages):
    """Return `(letter, pages)` pairs, accents folded so É sorts with E."""
    groups = {}
    for page in pages:
        initial = unicodedata.normalize("NFD", page.title[:1].upper())[:1]
        groups.setdefault(initial if initial.isalpha() else "#", []).append(page)
    return sorted(groups.items())


class PathologyPage(CommunityPage):
    orpha_code = models.CharField(
        _("code ORPHA"),
        max_length=7,
        unique=True,
        validators=[validate_orpha_code],
        help_text=_("Numéro Orphanet de la maladie, par exemple 558."),
    )
    synonyms = models.TextField(
        _("synonymes et acronymes"),
        blank=True,
        help_text=_(
            "Un par ligne : autres noms de la maladie et acronymes, "
            "utilisés par la recherche."
        ),
    )
    associations = StreamField(
        [("association", LinkBlock(label=_("Association")))],
        blank=True,
        verbose_name=_("associations de patients"),
    )
    themes = ParentalManyToManyField(
        "themes_transversal.ThemePage",
        blank=True,
        related_name="pathologies",
        verbose_name=_("passerelles vers les thèmes transversaux"),
    )

    base_form_class = PathologyPageForm
    content_panels = [
        *Page.content_panels,
        FieldPanel("orpha_code"),
        FieldPanel("synonyms"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("associations"),
        *CommunityPage.links_panels,
        HelpPanel(
            _(
                "Les passerelles se règlent ici : chaque thème coché affiche "
                "aussi cette pathologie sur sa propre page."
            )
        ),
    ]
    search_fields = [
        *CommunityPage.search_fields,
        index.SearchField("synonyms", boost=2),
        index.FilterField("orpha_code"),
    ]
    api_fields = [
        APIField("orpha_code"),
        APIField("synonyms", serializer=SynonymsField()),
        APIField("summary"),
        APIField("body"),
        APIField("associations"),
        APIField("useful_links"),
        APIField("passerelles", serializer=PasserellesField()),
        APIField("discussion_count", serializer=DiscussionCountField()),
    ]

    parent_page_types = ["pathologies.PathologyIndexPage"]
    subpage_types = ["editorial.TestimonyPage"]

    class Meta:
        verbose_name = _("pathologie")
        verbose_name_plural = _("pathologies")

    @property
    def orphanet_url(self):
        return ORPHANET_DISEASE_URL.format(code=self.orpha_code)

    @property
    def synonym_list(self):
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read the ids through the relation so that a preview, whose
        # passerelles live only in memory, shows them too.
        theme_ids = [theme.pk for theme in self.themes.all()]
        context["passerelles"] = (
            ThemePage.objects.live()
            .filter(pk__in=theme_ids)
            .select_related("category")
            .order_by("title")
        )
        return context
