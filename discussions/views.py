"""
The pages of the discussions. They work without JavaScript: every action is
a plain form, and a form with errors comes back on its own page with the
errors in French above the fields.
"""

import logging

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page, PageViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

from audience import recorder
from audience.models import ViewKind
from editorial.models import NewsArticlePage, TestimonyPage
from pathologies.models import PathologyPage
from portal.ratelimits import over_limit, rate_limited_response
from themes_transversal.models import ThemePage

from . import conf, services
from .forms import DiscussionForm, MessageEditForm, ReplyForm, ReportForm
from .ids import parse_id
from .models import Discussion, Message, MessageStatus, Subscription
from .thread import build_thread

logger = logging.getLogger(__name__)

PLACES = (PathologyPage, ThemePage, TestimonyPage, NewsArticlePage)


def public_place(page_id):
    """Return the live, unrestricted page where discussions may start, or 404."""
    if parse_id(page_id) is None:
        raise Http404
    page = get_object_or_404(Page.objects.live(), pk=page_id).specific
    if not isinstance(page, PLACES) or page.get_view_restrictions().exists():
        raise Http404
    return page


class RestrictedPlace(Http404):
    """A view restriction of the discussion's place refuses the request."""

    def __init__(self, restriction):
        super().__init__()
        self.restriction = restriction


def visible_discussion(request, pk):
    """
    Return the discussion `pk` if the request may read it, or raise 404. Its
    place must be live, and the request must meet the place's view
    restrictions, as Wagtail asks before serving the page itself (so a
    member reads the discussions of a community restricted to members).
    `is_restricted` on the discussion tells whether any restriction applied.
    """
    if parse_id(pk) is None:
        raise Http404
    discussion = get_object_or_404(Discussion.objects.select_related("page"), pk=pk)
    user = request.user
    if not discussion.page.live:
        raise Http404
    if not discussion.is_public and not (
        user.is_authenticated and (user.is_staff or user.pk == discussion.author_id)
    ):
        raise Http404
    restrictions = list(discussion.page.get_view_restrictions())
    for restriction in restrictions:
        if not restriction.accept_request(request):
            raise RestrictedPlace(restriction)
    discussion.is_restricted = bool(restrictions)
    return discussion


def restriction_response(request, refusal):
    """
    Answer a request refused by a place's view restriction as Wagtail answers
    for the place itself when it can: a login or groups restriction sends to
    the login page; a password one is a 404, its form being on the place.
    """
    if refusal.restriction.restriction_type == PageViewRestriction.PASSWORD:
        raise Http404
    response = require_wagtail_login(next=request.get_full_path())
    add_never_cache_headers(response)
    return response


def held_notice(request, message):
    if message.status == MessageStatus.PENDING:
        flash.info(
            request,
            _(
                "Merci ! Votre message sera visible de tous dès que l'équipe de "
                "modération l'aura relu."
            ),
        )
    else:
        flash.success(request, _("Votre message est publié."))


def discussion_detail(request, pk, slug):
    try:
        discussion = visible_discussion(request, pk)
    except RestrictedPlace as refusal:
        return restriction_response(request, refusal)
    canonical = discussion.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)

    if discussion.is_public:
        recorder.record(request, ViewKind.DISCUSSION, discussion.pk)

    place = discussion.page.specific
    thread = build_thread(discussion, request.user)
    context = {
        "discussion": discussion,
        "place": place,
        "page": place,
        "thread": thread,
        "reply_form": ReplyForm() if request.user.is_authenticated else None,
        "follows_discussion": request.user.is_authenticated
        and Subscription.objects.filter(
            user=request.user, discussion=discussion
        ).exists(),
    }
    response = render(request, "discussions/discussion.html", context)
    if discussion.is_restricted:
        # As Wagtail does for restricted pages: no shared cache may keep it.
        add_never_cache_headers(response)
    return response


def message_permalink(request, pk):
    # Any message that has been published has its place in the thread.
    message = get_object_or_404(
        Message.objects.select_related("discussion").filter(
            Q(status=MessageStatus.PUBLISHED) | Q(published_at__isnull=False)
        ),
        pk=pk,
    )
    try:
        visible_discussion(request, message.discussion_id)
    except RestrictedPlace as refusal:
        return restriction_response(request, refusal)
    return redirect(message.get_absolute_url())


def refuse(request, error, template, context, status=400):
    """Show a refused action on its form page, with the reason in French."""
    context["error"] = error.message
    return render(request, template, context, status=status)


@login_required
def discussion_start(request, page_id):
    place = public_place(page_id)
    form = DiscussionForm(request.POST or None)
    context = {"place": place, "page": place, "form": form}
    if request.method != "POST":
        return render(request, "discussions/discussion_start.html", context)
    if over_limit(request, "discussions-post", conf.get("DISCUSSIONS_POST_RATE")):
        return rate_limited_response(
            request, "discussions/discussion_start.html", context
        )
    if not form.is_valid():
        return render(request, "discussions/discussion_start.html", context, status=400)
    try:
        discussion, message = services.start_discussion(
            place=place,
            author=request.user,
            title=form.cleaned_data["title"],
            text=form.cleaned_data["text"],
            themes=form.cleaned_data["themes"],
            follow=form.cleaned_data["follow"],
        )
    except services.DiscussionError as error:
        return refuse(request, error, "discussions/discussion_start.html", context)
    held_notice(request, message)
    return redirect(discussion.get_absolute_url())


@login_required
def discussion_reply(request, pk):
    discussion = visible_discussion(request, pk)
    parent_id = request.POST.get("reply_to") or request.GET.get("a") or None
    form = ReplyForm(request.POST or None, initial={"reply_to": parent_id})
    parent = None
    if parse_id(parent_id) is not None:
        parent = Message.objects.filter(
            pk=parse_id(parent_id), discussion=discussion
        ).first()
    context = {
        "discussion": discussion,
        "place": discussion.page.specific,
        "page": discussion.page.specific,
        "parent": parent,
        "form": form,
    }
    template = "discussions/reply.html"
    if parent_id and parent is None:
        context["error"] = _("Le message auquel vous répondez est introuvable.")
        return render(request, template, context, status=400)
    if request.method != "POST":
        return render(request, template, context)
    if over_limit(request, "discussions-post", conf.get("DISCUSSIONS_POST_RATE")):
        return rate_limited_response(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        message = services.post_reply(
            discussion=discussion,
            author=request.user,
            text=form.cleaned_data["text"],
            parent=parent,
            follow=form.cleaned_data["follow"],
        )
    except services.DiscussionError as error:
        return refuse(request, error, template, context)
    held_notice(request, message)
    return redirect(message.get_absolute_url())


def own_message(request, pk):
    message = get_object_or_404(
        Message.objects.select_related("discussion"), pk=pk, user=request.user
    )
    return message


@login_required
def message_edit(request, pk):
    message = own_message(request, pk)
    form = MessageEditForm(request.POST or None, initial={"text": message.comment})
    context = {"message": message, "discussion": message.discussion, "form": form}
    template = "discussions/message_edit.html"
    if not message.can_be_changed_by(request.user):
        context["error"] = _("Le délai pour modifier ce message est passé.")
        return render(request, template, context, status=403)
    if request.method != "POST":
        return render(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        message = services.edit_message(
            message, request.user, form.cleaned_data["text"]
        )
    except services.DiscussionError as error:
        return refuse(request, error, template, context, status=403)
    flash.success(request, _("Votre message est modifié."))
    return redirect(message.get_absolute_url())


@login_required
def message_delete(request, pk):
    message = own_message(request, pk)
    context = {"message": message, "discussion": message.discussion}
    template = "discussions/message_delete.html"
    if not message.can_be_changed_by(request.user):
        context["error"] = _("Le délai pour supprimer ce message est passé.")
        return render(request, template, context, status=403)
    if request.method != "POST":
        return render(request, template, context)
    try:
        services.delete_own_message(message, request.user)
    except services.DiscussionError as error:
        return refuse(request, error, template, context, status=403)
    flash.success(request, _("Votre message est supprimé."))
    return redirect(message.get_absolute_url())


def message_report(request, pk):
    message = get_object_or_404(
        Message.objects.select_related("discussion"),
        pk=pk,
        status=MessageStatus.PUBLISHED,
    )
    visible_discussion(request, message.discussion_id)
    form = ReportForm(request.POST or None)
    context = {"message": message, "discussion": message.discussion, "form": form}
    template = "discussions/message_report.html"
    if request.method != "POST":
        return render(request, template, context)
    if over_limit(request, "discussions-report", conf.get("DISCUSSIONS_REPORT_RATE")):
        return rate_limited_response(request, template, context)
    if not form.is_valid():
        return render(request, template, context, status=400)
    try:
        services.report_message(
            message,
            request.user,
            form.cleaned_data["reason"],
            form.cleaned_data["comment"],
        )
    except services.DiscussionError as error:
        return refuse(request, error, template, context)
    flash.success(
        request,
        _("Merci. L'équipe de modération va relire ce message."),
    )
    return redirect(message.get_absolute_url())


def toggle_subscription(request, followed, stop_message, start_message):
    """Follow `followed` (a discussion or a page) or stop following it."""
    field = "discussion" if isinstance(followed, Discussion) else "page"
    existing = Subscription.objects.filter(user=request.user, **{field: followed})
    if existing.exists():
        existing.delete()
        flash.success(request, stop_message)
    else:
        Subscription.objects.get_or_create(user=request.user, **{field: followed})
        flash.success(request, start_message)


@login_required
@require_POST
def discussion_follow(request, pk):
    discussion = visible_discussion(request, pk)
    if over_limit(request, "discussions-follow", conf.get("DISCUSSIONS_FOLLOW_RATE")):
        return rate_limited_response(request)
    toggle_subscription(
        request,
        discussion,
        _("Vous ne suivez plus cette discussion."),
        _("Vous suivez cette discussion : chaque réponse vous sera signalée."),
    )
    return redirect(discussion.get_absolute_url())


@login_required
@require_POST
def page_follow(request, page_id):
    place = public_place(page_id)
    if over_limit(request, "discussions-follow", conf.get("DISCUSSIONS_FOLLOW_RATE")):
        return rate_limited_response(request)
    toggle_subscription(
        request,
        place,
        _("Vous ne suivez plus cette communauté."),
        _("Vous suivez cette communauté : chaque discussion vous sera signalée."),
    )
    return redirect(place.url)


# Mail clients unsubscribe with a bare POST (RFC 8058): the token in the
# address is the only credential, so there is no CSRF token to check.
@csrf_exempt
def unsubscribe(request, token):
    subscription = (
        Subscription.objects.select_related("page", "discussion")
        .filter(token=token)
        .first()
    )
    context = {"subscription": subscription}
    if request.method == "POST" and subscription is not None:
        if subscription.discussion is not None:
            context["followed"] = subscription.discussion
            context["followed_url"] = subscription.discussion.get_absolute_url()
        else:
            context["followed"] = subscription.page
            context["followed_url"] = subscription.page.url
        subscription.delete()
        context["done"] = True
        logger.info("Subscription ended from its e-mail link")
    status = 200 if subscription is not None or context.get("done") else 404
    return render(request, "discussions/unsubscribe.html", context, status=status)
