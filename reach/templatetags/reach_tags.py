from django import template
from django.utils.safestring import mark_safe

from reach import seo, sharing

register = template.Library()


def subject_of(context, subject):
    return subject if subject is not None else context.get("page")


@register.filter
def json_ld(data):
    """Render `data` as a JSON-LD script element that no text can break out of."""
    return mark_safe(  # noqa: S308 - the JSON is escaped by json_ld_script
        f'<script type="application/ld+json">{seo.json_ld_script(data)}</script>'
    )


@register.inclusion_tag("reach/description.html", takes_context=True)
def reach_description(context, subject=None):
    """The meta description of the page's subject (a page or a discussion)."""
    request = context.get("request")
    return {"description": seo.describe(subject_of(context, subject), request)}


@register.inclusion_tag("reach/head.html", takes_context=True)
def reach_head(context, subject=None):
    """Canonical address, Open Graph and Twitter cards, JSON-LD."""
    request = context.get("request")
    settings = seo.portal_settings(request)
    return {
        "description": seo.describe(subject_of(context, subject), request),
        "site_name": settings.organisation_name,
    }


@register.inclusion_tag("reach/share_links.html", takes_context=True)
def share_links(context, subject=None):
    """Links to share the page's subject by mail, on networks, or by copying."""
    request = context.get("request")
    subject = subject_of(context, subject)
    description = seo.describe(subject, request)
    settings = seo.portal_settings(request)
    return {
        "share_url": description.url,
        "share_links": sharing.share_links(
            description.title, description.url, settings.mastodon_url
        ),
    }
