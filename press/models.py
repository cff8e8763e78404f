"""
The press area: one index under the home page with the journalists' contact,
and the press releases published under it, newest first and in an RSS feed.
"""

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BodyBlock

RELEASES_PER_PAGE = 10


class PressIndexPage(Page):
    """The press area; its contact is shown on it and on every release."""

    introduction = models.TextField(_("introduction"), max_length=800, blank=True)
    contact_name = models.CharField(
        _("contact presse"),
        max_length=120,
        help_text=_("Personne ou service à qui les journalistes s'adressent."),
    )
    contact_email = models.EmailField(_("adresse e-mail presse"))
    contact_phone = models.CharField(_("téléphone presse"), max_length=30, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contact presse"),
        ),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["press.PressReleasePage"]
    max_count = 1

    class Meta:
        verbose_name = _("espace presse")

    def get_releases(self):
        return (
            PressReleasePage.objects.live()
            .public()
            .child_of(self)
            .order_by("-published_on", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_releases(), RELEASES_PER_PAGE)
        context["releases"] = paginator.get_page(request.GET.get("page"))
        context["press_index"] = self
        return context


class PressReleasePage(Page):
    published_on = models.DateField(_("date du communiqué"), default=timezone.now)
    introduction = models.TextField(_("chapeau"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("contenu"))
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document joint"),
        help_text=_("Le communiqué en PDF, un dossier de presse…"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("introduction"),
        FieldPanel("body"),
        FieldPanel("document"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["press.PressIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("communiqué de presse")
        verbose_name_plural = _("communiqués de presse")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["press_index"] = self.get_parent().specific
        return context
