"""
The figures of the statistics dashboard, read from the database only.

Views and visitors come from the worker's tables (`DailyViews`,
`DailyVisitors`); discussions, messages and moderation from their own
tables. Every query is an aggregate over a bounded period (the last 12
months, 5 years or 90 days) or a top 10, so the dashboard costs the same
whatever the size of the site.

Each figure is a `Figure`: a titled table whose first column names the rows
(a month, a year, a discussion...). The dashboard draws some as charts and
prints every one as a table; the CSV export writes them one after another.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncMonth, TruncYear
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page

from discussions.admin_views import waiting_messages
from discussions.models import (
    Discussion,
    Message,
    ModerationAction,
    ModerationDecision,
)
from editorial.models import TestimonyPage
from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from .models import DailyViews, DailyVisitors, ViewKind

MONTHS = 12
YEARS = 5
ACTIVE_DAYS = 90
TOP = 10


@dataclass(frozen=True)
class Period:
    """A month or a year heading a row: French in the page, ISO in the CSV."""

    start: datetime.date
    unit: str

    def __str__(self):
        if self.unit == "year":
            return str(self.start.year)
        return capfirst(format_date(self.start, "F Y"))

    @property
    def short(self):
        if self.unit == "year":
            return str(self.start.year)
        return format_date(self.start, "N y")

    @property
    def csv(self):
        if self.unit == "year":
            return str(self.start.year)
        return self.start.strftime("%Y-%m")


@dataclass
class Figure:
    slug: str
    title: str
    columns: list
    rows: list
    # "columns" (one group of bars per row) or "bars" (one line per row);
    # None prints the table alone.
    chart: str = None
    # Indexes of the columns the chart draws.
    plotted: tuple = (1,)
    note: str = ""
    extra: dict = field(default_factory=dict)


def month_starts(today, count=MONTHS):
    """The first days of the last `count` months, the current one last."""
    year, month = today.year, today.month
    starts = []
    for _step in range(count):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return starts[::-1]


def year_starts(today, count=YEARS):
    return [datetime.date(today.year - offset, 1, 1) for offset in range(count)][::-1]


def aware_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def as_date(value):
    """A truncated date or datetime (aware, in UTC) as the local date."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def by_period(queryset, date_field, trunc, starts, **sums):
    """Return `{period_start: {name: value}}` for each aggregate of `sums`."""
    totals = {start: dict.fromkeys(sums, 0) for start in starts}
    rows = (
        queryset.order_by()
        .annotate(period=trunc(date_field))
        .values("period")
        .annotate(**sums)
    )
    for row in rows:
        start = as_date(row["period"])
        if start in totals:
            totals[start].update({name: row[name] or 0 for name in sums})
    return totals


def views_per_month(months):
    views = by_period(
        DailyViews.objects.filter(day__gte=months[0]),
        "day",
        TruncMonth,
        months,
        pages=Sum("views", filter=Q(kind=ViewKind.PAGE)),
        discussions=Sum("views", filter=Q(kind=ViewKind.DISCUSSION)),
    )
    return Figure(
        slug="consultations-par-mois",
        title=_("Consultations par mois"),
        columns=[_("Mois"), _("Pages"), _("Discussions"), _("Total")],
        rows=[
            (
                Period(month, "month"),
                counts["pages"],
                counts["discussions"],
                counts["pages"] + counts["discussions"],
            )
            for month, counts in views.items()
        ],
        chart="columns",
        plotted=(1, 2),
        note=_("Les rechargements d'une même page dans la demi-heure ne comptent pas."),
    )


def visitors_per_period(starts, unit):
    trunc = TruncYear if unit == "year" else TruncMonth
    visitors = by_period(
        DailyVisitors.objects.filter(day__gte=starts[0]),
        "day",
        trunc,
        starts,
        visitors=Sum("visitors"),
    )
    by_year = unit == "year"
    return Figure(
        slug="visiteurs-par-annee" if by_year else "visiteurs-par-mois",
        title=_("Visiteurs par année") if by_year else _("Visiteurs par mois"),
        columns=[_("Année") if by_year else _("Mois"), _("Visiteurs")],
        rows=[
            (Period(start, unit), counts["visitors"])
            for start, counts in visitors.items()
        ],
        chart="columns",
        note=_(
            "Somme des visiteurs distincts de chaque jour : un visiteur n'est "
            "reconnu que le temps d'une journée, celui qui revient un autre jour "
            "compte de nouveau."
        ),
    )


def posts_per_period(starts, unit):
    trunc = TruncYear if unit == "year" else TruncMonth
    since = aware_start(starts[0])
    discussions = by_period(
        Discussion.objects.filter(created_at__gte=since),
        "created_at",
        trunc,
        starts,
        count=Count("pk"),
    )
    messages = by_period(
        Message.objects.filter(submit_date__gte=since),
        "submit_date",
        trunc,
        starts,
        count=Count("pk"),
    )
    by_year = unit == "year"
    return Figure(
        slug="publications-par-annee" if by_year else "publications-par-mois",
        title=(
            _("Nouvelles discussions et messages par année")
            if by_year
            else _("Nouvelles discussions et messages par mois")
        ),
        columns=[
            _("Année") if by_year else _("Mois"),
            _("Discussions ouvertes"),
            _("Messages envoyés"),
        ],
        rows=[
            (Period(start, unit), discussions[start]["count"], messages[start]["count"])
            for start in starts
        ],
        chart="columns",
        plotted=(1, 2),
        note=_(
            "Tous les messages envoyés, message d'ouverture compris, quel que "
            "soit leur sort en modération."
        ),
    )


def views_per_discussion(years):
    """
    The yearly views of discussions over the discussions read that year:
    the "views per post" the service reports to its funders.
    """
    views = by_period(
        DailyViews.objects.filter(kind=ViewKind.DISCUSSION, day__gte=years[0]),
        "day",
        TruncYear,
        years,
        views=Sum("views"),
        discussions=Count("object_id", distinct=True),
    )
    return Figure(
        slug="consultations-par-discussion",
        title=_("Consultations par discussion, par année"),
        columns=[
            _("Année"),
            _("Consultations des discussions"),
            _("Discussions consultées"),
            _("Consultations par discussion"),
        ],
        rows=[
            (
                Period(year, "year"),
                counts["views"],
                counts["discussions"],
                round(counts["views"] / counts["discussions"], 1)
                if counts["discussions"]
                else 0,
            )
            for year, counts in views.items()
        ],
        chart="columns",
        plotted=(3,),
        note=_(
            "Moyenne sur les discussions consultées au moins une fois dans l'année."
        ),
    )


def most_viewed(kind, since):
    top = list(
        DailyViews.objects.filter(kind=kind, day__gte=since)
        .values("object_id")
        .annotate(total=Sum("views"))
        .order_by("-total", "object_id")[:TOP]
    )
    ids = [row["object_id"] for row in top]
    model = Discussion if kind == ViewKind.DISCUSSION else Page
    titles = dict(model.objects.filter(pk__in=ids).values_list("pk", "title"))
    is_discussion = kind == ViewKind.DISCUSSION
    return Figure(
        slug="discussions-les-plus-lues" if is_discussion else "pages-les-plus-lues",
        title=(
            _("Discussions les plus consultées (12 derniers mois)")
            if is_discussion
            else _("Pages les plus consultées (12 derniers mois)")
        ),
        columns=[_("Discussion") if is_discussion else _("Page"), _("Consultations")],
        rows=[
            (titles.get(row["object_id"], _("(supprimée)")), row["total"])
            for row in top
        ],
        chart="bars",
        extra={"ids": ids},
    )


def community_of(pages):
    """
    Map page ids to the id of their community: a pathology or theme page is
    its own community, a testimony belongs to its parent's. Other places
    (news articles) have none.
    """
    community_types = {
        ContentType.objects.get_for_model(model).pk
        for model in (PathologyPage, ThemePage)
    }
    testimony_type = ContentType.objects.get_for_model(TestimonyPage).pk
    communities = {}
    parent_paths = {}
    for page in pages:
        if page["content_type"] in community_types:
            communities[page["pk"]] = page["pk"]
        elif page["content_type"] == testimony_type:
            parent_paths[page["pk"]] = page["path"][: -Page.steplen]
    parents = dict(
        Page.objects.filter(
            path__in=parent_paths.values(), content_type__in=community_types
        ).values_list("path", "pk")
    )
    for pk, path in parent_paths.items():
        if path in parents:
            communities[pk] = parents[path]
    return communities


def active_communities(now):
    since = now - datetime.timedelta(days=ACTIVE_DAYS)
    discussions = dict(
        Discussion.objects.filter(created_at__gte=since)
        .order_by()
        .values("page_id")
        .annotate(count=Count("pk"))
        .values_list("page_id", "count")
    )
    messages = dict(
        Message.objects.filter(submit_date__gte=since)
        .order_by()
        .values("discussion__page_id")
        .annotate(count=Count("pk"))
        .values_list("discussion__page_id", "count")
    )
    places = Page.objects.filter(pk__in=discussions.keys() | messages.keys()).values(
        "pk", "path", "content_type"
    )
    communities = community_of(places)

    activity = {}
    for place, community in communities.items():
        counts = activity.setdefault(community, [0, 0])
        counts[0] += discussions.get(place, 0)
        counts[1] += messages.get(place, 0)
    top = sorted(activity.items(), key=lambda item: (-item[1][1], -item[1][0], item[0]))
    top = top[:TOP]
    titles = dict(
        Page.objects.filter(pk__in=[pk for pk, _counts in top]).values_list(
            "pk", "title"
        )
    )
    return Figure(
        slug="communautes-actives",
        title=_("Communautés les plus actives (90 derniers jours)"),
        columns=[_("Communauté"), _("Discussions ouvertes"), _("Messages envoyés")],
        rows=[(titles[pk], counts[0], counts[1]) for pk, counts in top],
        chart="bars",
        plotted=(1, 2),
        note=_(
            "Les discussions d'un témoignage comptent pour sa communauté ; "
            "celles des actualités ne comptent pour aucune."
        ),
    )


def moderation_summary(months):
    since = aware_start(months[0])
    waiting = waiting_messages()
    delay = ModerationDecision.objects.filter(
        action__in=[ModerationAction.APPROVE, ModerationAction.REJECT],
        message__isnull=False,
        decided_at__gte=since,
    ).aggregate(
        average=Avg(
            ExpressionWrapper(
                F("decided_at") - F("message__submit_date"),
                output_field=DurationField(),
            )
        ),
        count=Count("pk"),
    )
    average = delay["average"]
    hours = round(average.total_seconds() / 3600, 1) if average is not None else None
    return Figure(
        slug="moderation",
        title=_("Modération"),
        columns=[_("Indicateur"), _("Valeur")],
        rows=[
            (_("Messages en attente de modération"), waiting["pending"] or 0),
            (_("Messages signalés à examiner"), waiting["reported"] or 0),
            (
                _("Délai moyen avant décision, en heures (12 derniers mois)"),
                "—" if hours is None else hours,
            ),
            (_("Messages approuvés ou refusés (12 derniers mois)"), delay["count"]),
        ],
        note=_(
            "Délai moyen : de l'envoi du message à la décision d'approbation ou "
            "de refus."
        ),
        extra={"average_delay": average},
    )


def decisions_per_month(months):
    actions = list(ModerationAction)
    decisions = by_period(
        ModerationDecision.objects.filter(decided_at__gte=aware_start(months[0])),
        "decided_at",
        TruncMonth,
        months,
        **{action.value: Count("pk", filter=Q(action=action)) for action in actions},
    )
    return Figure(
        slug="decisions-par-mois",
        title=_("Décisions de modération par mois"),
        columns=[
            _("Mois"),
            *[capfirst(action.label) for action in actions],
            _("Total"),
        ],
        rows=[
            (
                Period(month, "month"),
                *[counts[action.value] for action in actions],
                sum(counts.values()),
            )
            for month, counts in decisions.items()
        ],
        chart="columns",
        plotted=(len(actions) + 1,),
    )


def dashboard_figures(now=None):
    """Return every figure of the dashboard, in the order it shows them."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    months = month_starts(today)
    years = year_starts(today)
    return [
        views_per_month(months),
        visitors_per_period(months, "month"),
        visitors_per_period(years, "year"),
        posts_per_period(months, "month"),
        posts_per_period(years, "year"),
        views_per_discussion(years),
        most_viewed(ViewKind.DISCUSSION, months[0]),
        most_viewed(ViewKind.PAGE, months[0]),
        active_communities(now),
        moderation_summary(months),
        decisions_per_month(months),
    ]
