from django import template
from wagtail.models import Site

from portal.models import ModerationCharterPage, ServicePage

register = template.Library()


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    pages = []
    if site is not None:
        root = site.root_page
        pages = list(ServicePage.objects.live().child_of(root).order_by("path"))
        pages += ModerationCharterPage.objects.live().child_of(root)
    return {
        "request": request,
        "settings": context.get("settings"),
        "service_pages": pages,
    }


@register.inclusion_tag("includes/breadcrumb.html", takes_context=True)
def breadcrumb(context, page):
    ancestors = page.get_ancestors().filter(depth__gt=1) if page else []
    return {"request": context.get("request"), "ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def main_navigation(context):
    """Return the live pages under the site root that editors put in menus."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    return site.root_page.get_children().live().in_menu().order_by("path")
