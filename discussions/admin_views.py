"""
The moderators' side of the discussions in the Wagtail admin.

The queues are modeladmin listings (`wagtail_hooks`); this module holds what
they link to: the decision view for one message, where a moderator picks an
action and the charter reason for it, and the counts of waiting messages
shown in the menu and on the dashboard. Decisions go through
`services.moderate`, which keeps their trace. The search-engine view lets a
moderator keep a whole discussion out of search engines, sitemap and feeds.
"""

import logging

from django import forms
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic.edit import FormView
from wagtail.admin import messages
from wagtail.admin.auth import permission_required
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_modeladmin.helpers import AdminURLHelper

from portal.models import ModerationReason

from . import services
from .models import Discussion, Message, MessageStatus, ModerationAction

logger = logging.getLogger(__name__)

MODERATE_PERMISSION = "discussions.change_message"

# Where the modeladmin listings live under /admin/.
PENDING_QUEUE_PATH = "moderation/en-attente"
REPORTED_QUEUE_PATH = "moderation/signales"
ALL_MESSAGES_PATH = "moderation/messages"
DECISIONS_PATH = "moderation/decisions"
WATCHED_WORDS_PATH = "moderation/mots-surveilles"
DISCUSSIONS_PATH = "moderation/discussions"

ACTION_EFFECTS = {
    ModerationAction.APPROVE: gettext_lazy("le message est publié."),
    ModerationAction.REJECT: gettext_lazy(
        "le message n'est pas publié ; son auteur reçoit le motif par courriel."
    ),
    ModerationAction.REMOVE: gettext_lazy(
        "le message est remplacé par une mention de retrait ; son auteur reçoit "
        "le motif par courriel."
    ),
    ModerationAction.RESTORE: gettext_lazy("le message est de nouveau publié."),
    ModerationAction.DISMISS: gettext_lazy(
        "le message reste publié et ses signalements sont clos."
    ),
}
# A message held after an edit has been read already: refusing the edit
# leaves a placeholder in the thread.
EDIT_REJECTION_EFFECT = gettext_lazy(
    "la modification n'est pas publiée et le message est remplacé par une "
    "mention de retrait ; son auteur reçoit le motif par courriel."
)


def effect(action, message):
    """Return what `action` does to `message`, as the decision form says it."""
    if action == ModerationAction.REJECT and message.was_published:
        return EDIT_REJECTION_EFFECT
    return ACTION_EFFECTS[action]


def listing_url(base_url_path):
    """Return the address of the message listing registered at `base_url_path`."""
    helper = AdminURLHelper(Message, base_url_path=base_url_path)
    return reverse(helper.get_action_url_name("index"))


def waiting_messages():
    """Count the messages a moderator should look at: held ones and reported ones."""
    return Message.objects.filter(
        Q(status=MessageStatus.PENDING)
        | Q(status=MessageStatus.PUBLISHED, reported_at__isnull=False)
    ).aggregate(
        pending=Count("pk", filter=Q(status=MessageStatus.PENDING)),
        reported=Count("pk", filter=Q(status=MessageStatus.PUBLISHED)),
    )


def workload_for(request):
    """
    Return the waiting counts for a moderator, counted once per request (the
    menu and the dashboard both ask), or None for a user who cannot moderate.
    """
    if not request.user.has_perm(MODERATE_PERMISSION):
        return None
    if not hasattr(request, "_moderation_workload"):
        request._moderation_workload = waiting_messages()
    return request._moderation_workload


def charter_reasons():
    """The reasons of the published moderation charter, in the charter's order."""
    return ModerationReason.objects.filter(charter__live=True).order_by(
        "sort_order", "pk"
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Décision"),
        widget=forms.RadioSelect,
        error_messages={
            "required": gettext_lazy("Choisissez une décision."),
            "invalid_choice": gettext_lazy(
                "Cette décision ne s'applique pas à ce message dans son état actuel."
            ),
        },
    )
    reason = forms.ModelChoiceField(
        label=gettext_lazy("Motif de la charte"),
        queryset=ModerationReason.objects.none(),
        empty_label=gettext_lazy("— Choisir un motif —"),
        help_text=gettext_lazy(
            "L'auteur d'un message refusé ou retiré reçoit ce motif par courriel."
        ),
        error_messages={
            "required": gettext_lazy(
                "Choisissez le motif de la charte qui fonde cette décision."
            ),
            "invalid_choice": gettext_lazy(
                "Ce motif ne figure pas dans la charte de modération publiée."
            ),
        },
    )
    note = forms.CharField(
        label=gettext_lazy("Note interne"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Pour l'équipe de modération seulement : elle n'est jamais envoyée à "
            "l'auteur du message."
        ),
        error_messages={
            "max_length": gettext_lazy(
                "La note compte %(show_value)d caractères ; %(limit_value)d au plus."
            )
        },
    )

    def __init__(self, *args, message, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [
            (action.value, f"{capfirst(action.label)} : {effect(action, message)}")
            for action in services.allowed_actions(message)
        ]
        self.fields["reason"].queryset = charter_reasons()


def requested_return_url(request):
    """Return the `next` address the request names, if it stays on this site."""
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        return candidate
    return ""


@method_decorator(permission_required(MODERATE_PERMISSION), name="dispatch")
class DecisionView(WagtailAdminTemplateMixin, FormView):
    """Show one message with its context, reports and history; record a decision."""

    template_name = "discussions/admin/decision.html"
    form_class = DecisionForm
    header_icon = "comment"

    @cached_property
    def message(self):
        # Looked up after the permission check, so that a user without the
        # permission cannot tell which messages exist.
        queryset = Message.objects.select_related("discussion__page")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    @cached_property
    def return_url(self):
        """The queue the moderator came from, or the one the message belongs to."""
        candidate = requested_return_url(self.request)
        if candidate:
            return candidate
        if self.message.status == MessageStatus.PENDING:
            return listing_url(PENDING_QUEUE_PATH)
        if self.message.reported_at:
            return listing_url(REPORTED_QUEUE_PATH)
        return listing_url(ALL_MESSAGES_PATH)

    def get_page_title(self):
        return _("Décision de modération")

    def get_page_subtitle(self):
        return _("Message n° %(number)s") % {"number": self.message.pk}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.return_url, "label": _("Modération")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "message": self.message}

    def form_valid(self, form):
        try:
            decision = services.moderate(
                self.message,
                self.request.user,
                form.cleaned_data["action"],
                form.cleaned_data["reason"],
                form.cleaned_data["note"],
            )
        except services.DiscussionError as error:
            # Another moderator decided first: show the message as it is now.
            logger.info(
                "Moderation decision refused: message_id=%s code=%s",
                self.message.pk,
                error.code,
            )
            self.message.refresh_from_db()
            form = self.get_form()
            form.is_valid()
            form.add_error(None, error.message)
            return self.form_invalid(form)

        messages.success(
            self.request,
            _(
                "Décision enregistrée pour le message n° %(number)s : %(action)s "
                "(motif : %(reason)s)."
            )
            % {
                "number": decision.message_ref,
                "action": decision.get_action_display(),
                "reason": decision.reason_label,
            },
        )
        return redirect(self.return_url)

    def form_invalid(self, form):
        messages.error(
            self.request,
            _("La décision n'a pas été enregistrée : corrigez le formulaire."),
        )
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        message = self.message
        form = context["form"]
        context.update(
            message=message,
            discussion=message.discussion,
            parent=(
                Message.objects.filter(pk=message.parent_id)
                .exclude(pk=message.pk)
                .first()
            ),
            open_reports=message.reports.filter(resolved_at__isnull=True)
            .select_related("reason")
            .order_by("created_at", "pk"),
            decisions=message.decisions.order_by("decided_at", "pk"),
            return_url=self.return_url,
            has_actions=bool(form.fields["action"].choices),
            has_reasons=form.fields["reason"].queryset.exists(),
        )
        return context


class ModerationPanel(Component):
    """The dashboard panel that tells moderators how many messages wait for them."""

    name = "moderation_workload"
    template_name = "discussions/admin/moderation_panel.html"
    # Before Wagtail's own panels (site summary is 100): work waiting comes first.
    order = 50

    def render_html(self, parent_context=None):
        if workload_for(parent_context["request"]) is None:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        workload = workload_for(parent_context["request"])
        return {
            "pending": workload["pending"],
            "reported": workload["reported"],
            "pending_url": listing_url(PENDING_QUEUE_PATH),
            "reported_url": listing_url(REPORTED_QUEUE_PATH),
        }


class SearchEngineForm(forms.ModelForm):
    class Meta:
        model = Discussion
        fields = ["noindex"]
        labels = {
            "noindex": gettext_lazy(
                "Exclure cette discussion des moteurs de recherche, du plan du "
                "site et des flux"
            )
        }
        help_texts = {
            "noindex": gettext_lazy(
                "La discussion reste lisible sur le portail ; les moteurs de "
                "recherche sont priés de ne pas l'indexer."
            )
        }


@method_decorator(permission_required(MODERATE_PERMISSION), name="dispatch")
class SearchEngineView(WagtailAdminTemplateMixin, FormView):
    """Let a moderator exclude a discussion from search engines, or admit it."""

    template_name = "discussions/admin/search_engines.html"
    form_class = SearchEngineForm
    header_icon = "search"

    @cached_property
    def discussion(self):
        queryset = Discussion.objects.select_related("page")
        return get_object_or_404(queryset, pk=self.kwargs["pk"])

    @cached_property
    def return_url(self):
        candidate = requested_return_url(self.request)
        if candidate:
            return candidate
        helper = AdminURLHelper(Discussion, base_url_path=DISCUSSIONS_PATH)
        return reverse(helper.get_action_url_name("index"))

    def get_page_title(self):
        return _("Moteurs de recherche")

    def get_page_subtitle(self):
        return self.discussion.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.return_url, "label": _("Discussions")},
            {"url": "", "label": self.get_page_subtitle()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.discussion}

    def form_valid(self, form):
        discussion = form.save()
        logger.info(
            "Discussion search-engine indexing changed: discussion_id=%s noindex=%s "
            "moderator_id=%s",
            discussion.pk,
            discussion.noindex,
            self.request.user.pk,
        )
        if discussion.noindex:
            text = _("La discussion « %(title)s » est exclue des moteurs de recherche.")
        else:
            text = _(
                "La discussion « %(title)s » est de nouveau ouverte aux moteurs de "
                "recherche."
            )
        messages.success(self.request, text % {"title": discussion.title})
        return redirect(self.return_url)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            discussion=self.discussion, return_url=self.return_url, **kwargs
        )
