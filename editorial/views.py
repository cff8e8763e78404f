"""
The public side of testimonies: the form where a member proposes one, and
the thank-you page. Like the discussion pages they work without JavaScript.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from discussions import conf
from discussions.services import DiscussionError, check_can_post
from portal.ratelimits import over_limit, rate_limited_response

from .forms import TestimonySubmissionForm, communities
from .testimonies import submit_testimony

SUBMIT_TEMPLATE = "editorial/testimony_submit.html"


def community_from_query(request):
    """Return the public community named by `?communaute=`, or None."""
    page_id = request.GET.get("communaute", "")
    if not page_id.isdigit():
        return None
    return communities().filter(pk=int(page_id)).first()


@login_required
@require_http_methods(["GET", "POST"])
def testimony_submit(request):
    try:
        check_can_post(request.user)
    except DiscussionError as error:
        return render(request, SUBMIT_TEMPLATE, {"refusal": error.message}, status=403)

    chosen = community_from_query(request)
    form = TestimonySubmissionForm(
        request.POST or None, initial={"community": chosen.pk if chosen else None}
    )
    if request.method != "POST":
        return render(request, SUBMIT_TEMPLATE, {"form": form})
    if over_limit(request, "testimony-submit", conf.get("DISCUSSIONS_TESTIMONY_RATE")):
        return rate_limited_response(request, SUBMIT_TEMPLATE, {"form": form})
    if not form.is_valid():
        return render(request, SUBMIT_TEMPLATE, {"form": form}, status=400)

    community = form.cleaned_data["community"].specific
    submit_testimony(
        member=request.user,
        community=community,
        title=form.cleaned_data["title"],
        story=form.cleaned_data["story"],
    )
    return redirect(f"{reverse('testimony_submitted')}?communaute={community.pk}")


def testimony_submitted(request):
    context = {"community": community_from_query(request)}
    return render(request, "editorial/testimony_submit_done.html", context)
