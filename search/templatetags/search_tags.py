from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


def search_url(pairs):
    query = urlencode(pairs)
    return f"{reverse('search')}?{query}" if query else reverse("search")


@register.simple_tag
def facet_url(parameters, facet, value):
    """Return the search address with one facet value switched on or off."""
    return search_url(parameters.toggled(facet, value))


@register.simple_tag
def page_url(parameters, number):
    return search_url(parameters.as_params(page=number))


@register.simple_tag
def sort_url(parameters, sort):
    return search_url(parameters.as_params(sort=sort, page=1))
