from django import template

from audience.models import PageViewTotal

register = template.Library()


@register.simple_tag
def page_view_count(page):
    """Return how many views of `page` the audience worker has saved."""
    views = (
        PageViewTotal.objects.filter(page_id=page.pk)
        .values_list("views", flat=True)
        .first()
    )
    return views or 0
