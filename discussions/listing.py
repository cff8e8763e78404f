"""
What a community, testimony or news page shows of its discussions: the
discussions started there or tagged with it, by latest activity, and the
form to start one. The number of queries does not depend on how many
discussions or messages there are.
"""

from django.core.paginator import Paginator
from django.db.models import Q

from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from . import conf
from .forms import DiscussionForm
from .models import Discussion, Subscription, open_place


def tagged_with(place):
    tagged = Discussion.themes.through.objects.filter(themepage_id=place.pk)
    return Q(pk__in=tagged.values("discussion_id"))


def discussions_for(place):
    """
    Return the listed discussions started on `place` or tagged with it, by
    latest activity: none of them behind a view restriction.
    """
    return (
        Discussion.objects.listed()
        .filter(Q(page_id=place.pk) | tagged_with(place))
        .order_by("-last_activity_at", "-pk")
    )


def discussions_on_page_of(place):
    """
    Return the discussions the page of `place` lists. Wagtail serves that
    page only to requests its view restrictions accept, so the discussions
    started there follow the page; those tagged with it from another place
    must be public.
    """
    return Discussion.objects.filter(
        Q(page_id=place.pk) | (tagged_with(place) & open_place()),
        is_public=True,
        is_listed=True,
    ).order_by("-last_activity_at", "-pk")


def place_context(request, place):
    paginator = Paginator(
        discussions_on_page_of(place).only(
            "pk", "title", "created_at", "last_activity_at", "reply_count", "view_count"
        ),
        conf.get("DISCUSSIONS_PER_PAGE"),
    )
    user = request.user
    return {
        "place_is_community": isinstance(place, (PathologyPage, ThemePage)),
        "discussions": paginator.get_page(request.GET.get("discussions")),
        "discussion_form": DiscussionForm() if user.is_authenticated else None,
        "follows_place": user.is_authenticated
        and Subscription.objects.filter(user=user, page_id=place.pk).exists(),
    }
