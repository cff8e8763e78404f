from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import readiness


@never_cache
@require_GET
def healthz(request):
    ready, report = readiness()
    return JsonResponse(report, status=200 if ready else 503)
