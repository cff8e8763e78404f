"""
A member's public profile and their private "Mes données" pages: what the
portal keeps, the export of it and the deletion of the account.
"""

import json

from django.contrib import auth
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache

from discussions.models import Message, MessageStatus, Subscription
from portal.ratelimits import over_limit, rate_limited_response

from .forms import AccountDeletionForm
from .privacy import privacy_page_url
from .services import delete_account, member_data

MESSAGES_PER_PROFILE_PAGE = 20
EXPORT_FILENAME = "mes-donnees-reseau-maladies-rares.json"


def member_profile(request, username):
    """
    Show a member's pseudonym, when they joined and their public messages.
    Nothing else about a member is public, and there is no list of members.
    """
    member = get_object_or_404(
        auth.get_user_model().objects.only("pk", "username", "date_joined"),
        username=username,
        is_active=True,
    )
    messages = (
        Message.objects.filter(
            user=member,
            status=MessageStatus.PUBLISHED,
            discussion__is_public=True,
            discussion__page__live=True,
        )
        .select_related("discussion")
        .order_by("-submit_date", "-pk")
    )
    paginator = Paginator(messages, MESSAGES_PER_PROFILE_PAGE)
    return render(
        request,
        "accounts/member_profile.html",
        {"member": member, "page_obj": paginator.get_page(request.GET.get("page"))},
    )


@never_cache
@login_required
def account_data(request):
    user = request.user
    return render(
        request,
        "accounts/account_data.html",
        {
            "member": getattr(user, "member", None),
            "message_count": Message.objects.filter(user=user).count(),
            "subscription_count": Subscription.objects.filter(user=user).count(),
            "privacy_url": privacy_page_url(),
        },
    )


@never_cache
@login_required
def account_export(request):
    """Hand the member everything the portal holds about them, as JSON."""
    content = json.dumps(
        member_data(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{EXPORT_FILENAME}"'
    return response


@never_cache
@login_required
def account_delete(request):
    form = AccountDeletionForm(request.user, request.POST or None)
    if request.method == "POST":
        # The password is asked again: guessing it here must be as slow as
        # at the login form.
        if over_limit(request, "account-delete", "5/15m"):
            return rate_limited_response(request)
        if form.is_valid():
            delete_account(request.user, remove_messages=form.remove_messages)
            auth.logout(request)
            return redirect("account_deleted")
    return render(request, "accounts/account_delete.html", {"form": form})


def account_deleted(request):
    return render(request, "accounts/account_deleted.html")
