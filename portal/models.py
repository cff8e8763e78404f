"""
Pages and settings that every part of the portal shares.

`CommunityPage` holds what a pathology community and a transversal theme
community have in common; testimonies are published as its children and
discussions will attach to it, so both kinds of community behave alike.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, BodyBlock, LinkBlock


class CommunityPage(Page):
    summary = models.TextField(
        _("résumé"),
        max_length=600,
        help_text=_("Deux ou trois phrases, affichées en tête et dans les listes."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))
    useful_links = StreamField(
        [("link", LinkBlock(label=_("Lien")))],
        blank=True,
        verbose_name=_("liens utiles"),
    )

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    links_panels = [FieldPanel("useful_links")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def get_testimonies(self):
        from editorial.models import TestimonyPage

        return (
            TestimonyPage.objects.live().child_of(self).order_by("-published_on", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from discussions.listing import place_context

        context = super().get_context(request, *args, **kwargs)
        context["testimonies"] = self.get_testimonies()[:6]
        context.update(place_context(request, self))
        return context


class HomePage(Page):
    introduction = models.TextField(_("introduction"), max_length=800, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("page d'accueil")

    def get_context(self, request, *args, **kwargs):
        from editorial.models import NewsArticlePage
        from pathologies.models import PathologyIndexPage, PathologyPage
        from themes_transversal.models import ThemeCategory, ThemeIndexPage

        context = super().get_context(request, *args, **kwargs)
        context["pathology_index"] = (
            PathologyIndexPage.objects.live().child_of(self).first()
        )
        context["theme_index"] = ThemeIndexPage.objects.live().child_of(self).first()
        context["pathology_count"] = PathologyPage.objects.live().count()
        context["featured_pathologies"] = PathologyPage.objects.live().order_by(
            "-first_published_at"
        )[:8]
        context["theme_categories"] = ThemeCategory.objects.with_live_themes()
        context["latest_news"] = NewsArticlePage.objects.live().order_by(
            "-published_on", "-pk"
        )[:3]
        return context


class ServicePage(Page):
    """A page about the service itself: legal notice, privacy, accessibility."""

    introduction = models.TextField(_("introduction"), max_length=800, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("contenu"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("page du service")
        verbose_name_plural = _("pages du service")


class ModerationCharterPage(Page):
    """
    The moderation charter: the rules members accept and, below them, the
    reasons a moderator cites for each decision (kept as rows so that
    decisions can refer to them by code).
    """

    introduction = RichTextField(
        _("introduction"), features=RICH_TEXT_FEATURES, blank=True
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("règles"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
        InlinePanel("reasons", label=_("Motifs de modération"), min_num=1),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("charte de modération")


class ModerationReason(Orderable):
    charter = ParentalKey(
        ModerationCharterPage, on_delete=models.CASCADE, related_name="reasons"
    )
    code = models.SlugField(
        _("code"),
        max_length=40,
        help_text=_("Identifiant stable cité par les décisions de modération."),
    )
    label = models.CharField(_("intitulé"), max_length=120)
    explanation = models.TextField(_("explication"), max_length=600)

    panels = [FieldPanel("code"), FieldPanel("label"), FieldPanel("explanation")]

    class Meta(Orderable.Meta):
        verbose_name = _("motif de modération")
        constraints = [
            models.UniqueConstraint(
                fields=["charter", "code"], name="unique_reason_code_per_charter"
            )
        ]

    def __str__(self):
        return self.label


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    """What visitors see of the organisation: its name, contact and accounts."""

    organisation_name = models.CharField(
        _("nom de l'organisation"), max_length=120, default="Réseau maladies rares"
    )
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    facebook_url = models.URLField(_("page Facebook"), blank=True)
    x_url = models.URLField(_("compte X (Twitter)"), blank=True)
    mastodon_url = models.URLField(_("compte Mastodon"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("x_url"),
                FieldPanel("mastodon_url"),
            ],
            heading=_("Réseaux sociaux (liens simples, sans script tiers)"),
        ),
    ]

    class Meta:
        verbose_name = _("réglages du portail")

    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("X (Twitter)", self.x_url),
            ("Mastodon", self.mastodon_url),
        ]
        return [(name, url) for name, url in links if url]


class OutgoingMail(models.Model):
    """
    One e-mail waiting in the outbox.

    Mail is written here in the transaction of whatever caused it (a reply, a
    moderation decision, a sign-up), so a mail server that is down loses
    nothing: the row stays until a delivery succeeds, with the attempt count
    and the time of the next try. A sent mail's row is deleted, so the outbox
    keeps no address or text longer than needed.
    """

    recipient = models.EmailField(_("destinataire"))
    subject = models.CharField(_("objet"), max_length=255)
    body_text = models.TextField(_("texte"))
    body_html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("en-têtes"), default=dict, blank=True)
    kind = models.CharField(
        _("modèle"),
        max_length=80,
        help_text=_("Le nom du modèle de message, seul écrit dans les journaux."),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("tentatives"), default=0)
    retry_after = models.DateTimeField(_("prochain essai"), null=True, blank=True)
    last_error = models.CharField(_("dernière erreur"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("courriel en attente")
        verbose_name_plural = _("courriels en attente")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.kind} #{self.pk}"
