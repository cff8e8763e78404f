from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.http import HttpResponse
from django.views.decorators.http import require_safe

from . import seo
from .sitemaps import portal_sitemaps

ROBOTS_DISALLOWED = ("/admin/", "/compte/", "/api/")


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Allow: /",
        *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED),
        "",
        f"Sitemap: {seo.absolute_url(request, '/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def sitemap(request):
    # The portal's own template: django.contrib.sitemaps, which ships one,
    # is not an installed app, and one language needs no hreflang links.
    return django_sitemap(
        request,
        sitemaps=portal_sitemaps(request),
        template_name="reach/sitemap.xml",
    )
