"""
The "Statistiques" page of the Wagtail admin, and its CSV export.

Shown to superusers and to staff members given the `audience.view_statistics`
permission (a group permission in Settings › Groups). The figures come from
`statistics`; `?format=csv` returns them all in one CSV file, one section per
figure: its title, its column headings, its rows, then an empty line.
"""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.auth import user_passes_test
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .charts import chart_for
from .models import VIEW_STATISTICS_PERMISSION
from .statistics import dashboard_figures


def can_view_statistics(user):
    return user.is_active and (
        user.is_superuser
        or (user.is_staff and user.has_perm(VIEW_STATISTICS_PERMISSION))
    )


def csv_cell(value):
    """
    The cell as text, with a leading apostrophe when it would start like a
    formula: discussion titles are written by members.
    """
    text = str(getattr(value, "csv", value))
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def figures_csv(figures, filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    for figure in figures:
        writer.writerow([csv_cell(figure.title)])
        writer.writerow([csv_cell(column) for column in figure.columns])
        for row in figure.rows:
            writer.writerow([csv_cell(cell) for cell in row])
        writer.writerow([])
    return response


@method_decorator(user_passes_test(can_view_statistics), name="dispatch")
class StatisticsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "audience/admin/statistics.html"
    header_icon = "table"

    def get_page_title(self):
        return _("Statistiques")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Statistiques")}]

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "csv":
            today = timezone.localdate()
            return figures_csv(dashboard_figures(), f"statistiques-{today}.csv")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = dashboard_figures()
        context["figures"] = figures
        context["charts"] = [(figure, chart_for(figure)) for figure in figures]
        return context
