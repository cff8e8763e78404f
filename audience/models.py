"""
Audience figures and the satisfaction survey.

The recorder (`recorder.py`) counts views in the cache; the worker
(`worker.py`) adds them up here, one row per day and per page or
discussion in `DailyViews`, one row per day in `DailyVisitors`, and a
running total per page in `PageViewTotal` (discussions keep theirs in
`Discussion.view_count`). No row holds an address, a browser signature or a
hash of them: only dates, object ids and numbers.

`SurveyPage` is a Wagtail form page: its answers are Wagtail's own
`FormSubmission` rows (the answers and the time, nothing else), listed and
exported in the admin's "Formulaires" menu.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import (
    FORM_FIELD_CHOICES,
    AbstractForm,
    AbstractFormField,
)

from portal.ratelimits import over_limit, rate_limited_response

VIEW_STATISTICS_PERMISSION = "audience.view_statistics"


class ViewKind(models.TextChoices):
    PAGE = "page", _("page")
    DISCUSSION = "discussion", _("discussion")


class DailyViews(models.Model):
    """The views of one page or discussion on one day, reloads left out."""

    day = models.DateField(_("jour"))
    kind = models.CharField(_("type"), max_length=16, choices=ViewKind.choices)
    object_id = models.PositiveBigIntegerField(_("n° de la page ou discussion"))
    views = models.PositiveIntegerField(_("consultations"), default=0)

    class Meta:
        verbose_name = _("consultations du jour")
        verbose_name_plural = _("consultations par jour")
        default_permissions = ()
        permissions = [("view_statistics", _("Peut consulter les statistiques"))]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "object_id"], name="unique_daily_views"
            )
        ]
        indexes = [models.Index(fields=["kind", "day"])]

    def __str__(self):
        return f"{self.day} {self.kind} #{self.object_id}: {self.views}"


class DailyVisitors(models.Model):
    """
    The number of distinct visitors of one day. A visitor is known only for
    the day (see `recorder`), so a month's or a year's figure is the sum of
    its days: someone who comes on two days counts twice.
    """

    day = models.DateField(_("jour"), unique=True)
    visitors = models.PositiveIntegerField(_("visiteurs"), default=0)

    class Meta:
        verbose_name = _("visiteurs du jour")
        verbose_name_plural = _("visiteurs par jour")
        default_permissions = ()

    def __str__(self):
        return f"{self.day}: {self.visitors}"


class PageViewTotal(models.Model):
    """All the counted views of a page, shown beside it ("N consultations")."""

    page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="view_total",
        verbose_name=_("page"),
    )
    views = models.PositiveIntegerField(_("consultations"), default=0)

    class Meta:
        verbose_name = _("consultations d'une page")
        verbose_name_plural = _("consultations des pages")
        default_permissions = ()

    def __str__(self):
        return f"#{self.page_id}: {self.views}"


# Field types that invite personal data (an address, a date of birth) are
# left out: the survey is anonymous.
SURVEY_FIELD_TYPES = [
    (value, label)
    for value, label in FORM_FIELD_CHOICES
    if value in {"singleline", "multiline", "dropdown", "radio", "checkboxes"}
]


class SurveyField(AbstractFormField):
    page = ParentalKey(
        "SurveyPage", on_delete=models.CASCADE, related_name="form_fields"
    )
    field_type = models.CharField(
        _("type de champ"), max_length=16, choices=SURVEY_FIELD_TYPES
    )

    class Meta(AbstractFormField.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")


class SurveyPage(AbstractForm):
    """
    A satisfaction survey. It asks for no name and no address; Wagtail keeps
    each answer as a `FormSubmission` with its date only.
    """

    introduction = models.TextField(_("introduction"), max_length=800, blank=True)
    thank_you_text = models.TextField(
        _("remerciement"),
        max_length=800,
        blank=True,
        help_text=_("Affiché après l'envoi des réponses."),
    )

    content_panels = [
        *AbstractForm.content_panels,
        FieldPanel("introduction"),
        InlinePanel(
            "form_fields",
            label=_("Questions"),
            help_text=_(
                "Le questionnaire est anonyme : ne demandez ni nom, ni adresse, "
                "ni aucune information qui permette de reconnaître quelqu'un."
            ),
        ),
        FieldPanel("thank_you_text"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    template = "audience/survey_page.html"
    landing_page_template = "audience/survey_page_landing.html"

    # Enough for a family sharing one connection; not enough to stuff the box.
    submission_rate = "10/h"

    class Meta:
        verbose_name = _("questionnaire de satisfaction")
        verbose_name_plural = _("questionnaires de satisfaction")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST" and over_limit(
            request, "audience-survey", self.submission_rate
        ):
            return rate_limited_response(request)
        return super().serve(request, *args, **kwargs)
