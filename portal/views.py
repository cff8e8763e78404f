from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import readiness


@never_cache
@require_GET
def healthz(request):
    ready, report = readiness()
    return JsonResponse(report, status=200 if ready else 503)


# What a member may have written in the portal's forms, by field name.
WRITTEN_FIELDS = {
    "title": (_("Titre"), False),
    "text": (_("Message"), True),
    "story": (_("Témoignage"), True),
    "comment": (_("Commentaire"), True),
}


def csrf_failure(request, reason=""):
    """
    Refuse a form sent without a valid CSRF token (a page left open for
    long, or a sign-in in another tab renewed the token) in French, and give
    back what the member wrote so that the refusal loses nothing. The text
    is shown to the browser that sent it, escaped, and is never logged.
    """
    written = []
    for name, (label, long) in WRITTEN_FIELDS.items():
        value = request.POST.get(name, "").strip()
        if value:
            written.append({"label": label, "value": value, "long": long})
    response = render(request, "403_csrf.html", {"written": written}, status=403)
    response["Cache-Control"] = "no-store"
    return response
