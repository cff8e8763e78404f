"""
The "Modération" menu of the Wagtail admin: queues of messages waiting for a
decision, every message, the trace of decisions, the discussions (where a
moderator keeps one out of search engines) and the watched words.

Moderators act on a message only through the decision view
(`admin_views.DecisionView`), which records a `ModerationDecision`; the
listings here therefore register no create, edit or delete view for messages
or decisions, and their permission helper refuses those actions to everyone,
superusers included.
"""

from django.contrib.admin import display
from django.db.models import Count, Prefetch, Q
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.text import Truncator, capfirst
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.menus import GroupMenuItem, ModelAdminMenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import IndexView

from . import admin_views, ids  # noqa: F401 (registers the `id` converter)
from .models import (
    Discussion,
    Message,
    MessageStatus,
    ModerationDecision,
    Report,
    WatchedWord,
)

EXCERPT_LENGTH = 120


class ReadOnlyPermissionHelper(PermissionHelper):
    """Allow listing to those with a permission on the model; nothing else, ever."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ListingOnlyAdmin(ModelAdmin):
    """
    A modeladmin that registers only its listing (and inspect view, when
    enabled): the stock create, edit and delete views do not exist for it.
    """

    permission_helper_class = ReadOnlyPermissionHelper
    history_view_enabled = False
    kept_permissions = ()

    def get_admin_urls_for_registration(self):
        kept = {
            self.url_helper.get_action_url_name(action)
            for action in ("index", "inspect")
        }
        return tuple(
            url for url in super().get_admin_urls_for_registration() if url.name in kept
        )

    def get_permissions_for_registration(self):
        permissions = super().get_permissions_for_registration()
        return permissions.filter(codename__in=self.kept_permissions)

    def register_admin_url_finders(self):
        # The stock finder points at the edit view, which is not registered.
        pass

    def register_indexing(self):
        # Nothing links to messages or decisions from pages or snippets; the
        # reference index would only add writes to every message saved.
        pass


class DecisionButtonHelper(ButtonHelper):
    """A single "Décider" button, which brings the moderator back to this queue."""

    def decision_button(self, message):
        url = reverse("discussions_moderation_decide", args=[message.pk])
        return {
            "url": f"{url}?{urlencode({'next': self.view.index_url})}",
            "label": _("Décider"),
            "classname": self.finalise_classname(["button-small"]),
            "title": _("Lire le message n° %(number)s et décider")
            % {"number": message.pk},
        }

    def can_decide(self):
        return self.request.user.has_perm(admin_views.MODERATE_PERMISSION)

    def get_buttons_for_obj(self, obj, **kwargs):
        return [self.decision_button(obj)] if self.can_decide() else []

    def get_primary_button(self, obj):
        return self.decision_button(obj) if self.can_decide() else None


class QueueMenuItem(ModelAdminMenuItem):
    """A menu item whose label ends with the number of messages waiting."""

    def render_component(self, request):
        component = super().render_component(request)
        workload = admin_views.workload_for(request)
        count = workload and workload[self.model_admin.workload_key]
        if count:
            component.label = f"{component.label} ({count})"
        return component


class ModerationMenuItem(GroupMenuItem):
    def render_component(self, request):
        component = super().render_component(request)
        workload = admin_views.workload_for(request)
        count = workload and workload["pending"] + workload["reported"]
        if count:
            component.label = f"{component.label} ({count})"
        return component


class MessageAdmin(ListingOnlyAdmin):
    """Columns shared by the message listings."""

    model = Message
    button_helper_class = DecisionButtonHelper
    kept_permissions = ("view_message", "change_message")
    list_display_add_buttons = "excerpt"
    list_select_related = ("discussion",)
    list_per_page = 50

    @display(description=_("Message"))
    def excerpt(self, message):
        return Truncator(" ".join(message.comment.split())).chars(EXCERPT_LENGTH)

    @display(description=_("Pseudonyme"), ordering="user_name")
    def author(self, message):
        return message.user_name

    @display(description=_("Discussion"))
    def discussion_link(self, message):
        discussion = message.discussion
        return format_html(
            '<a href="{}">{}</a>', discussion.get_absolute_url(), discussion.title
        )

    @display(description=_("Envoyé le"), ordering="submit_date")
    def submitted(self, message):
        return message.submit_date

    @display(description=_("Statut"), ordering="status")
    def status_label(self, message):
        return capfirst(message.get_status_display())


class PendingMessageAdmin(MessageAdmin):
    menu_label = _("Messages en attente")
    menu_icon = "time"
    base_url_path = admin_views.PENDING_QUEUE_PATH
    workload_key = "pending"
    list_display = (
        "excerpt",
        "author",
        "discussion_link",
        "submitted",
        "held_because",
    )
    ordering = ("submit_date",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status=MessageStatus.PENDING)

    def get_menu_item(self, order=None):
        return QueueMenuItem(self, order or self.get_menu_order())


class ReportedMessageAdmin(MessageAdmin):
    menu_label = _("Messages signalés")
    menu_icon = "warning"
    base_url_path = admin_views.REPORTED_QUEUE_PATH
    workload_key = "reported"
    list_display = (
        "excerpt",
        "author",
        "discussion_link",
        "reported",
        "report_count",
        "report_reasons",
    )
    ordering = ("reported_at",)

    def get_queryset(self, request):
        open_reports = Report.objects.filter(resolved_at__isnull=True)
        return (
            super()
            .get_queryset(request)
            .filter(status=MessageStatus.PUBLISHED, reported_at__isnull=False)
            .annotate(
                open_report_count=Count(
                    "reports", filter=Q(reports__resolved_at__isnull=True)
                )
            )
            .prefetch_related(
                Prefetch(
                    "reports",
                    queryset=open_reports.select_related("reason"),
                    to_attr="open_reports",
                )
            )
        )

    @display(description=_("Signalé le"), ordering="reported_at")
    def reported(self, message):
        return message.reported_at

    @display(description=_("Signalements ouverts"), ordering="open_report_count")
    def report_count(self, message):
        return message.open_report_count

    @display(description=_("Motifs"))
    def report_reasons(self, message):
        return ", ".join(
            sorted({report.reason.label for report in message.open_reports})
        )

    def get_menu_item(self, order=None):
        return QueueMenuItem(self, order or self.get_menu_order())


class AllMessagesAdmin(MessageAdmin):
    menu_label = _("Tous les messages")
    menu_icon = "list-ul"
    base_url_path = admin_views.ALL_MESSAGES_PATH
    list_display = ("excerpt", "author", "discussion_link", "submitted", "status_label")
    list_filter = ("status",)
    search_fields = ("comment", "user_name")
    ordering = ("-submit_date",)


def csv_safe(value):
    """
    Keep a spreadsheet from reading a member's text as a formula: a cell that
    starts like one gets a leading apostrophe.
    """
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class DecisionIndexView(IndexView):
    """The decisions listing, whose exports carry the trace as it was written."""

    custom_field_preprocess = {
        "decided_at": {
            IndexView.FORMAT_CSV: lambda value: localtime(value).isoformat(
                timespec="seconds"
            ),
            IndexView.FORMAT_XLSX: lambda value: localtime(value).replace(tzinfo=None),
        },
        **{
            field: {IndexView.FORMAT_CSV: csv_safe}
            for field in (
                "moderator_name",
                "reason_code",
                "reason_label",
                "discussion_title",
                "note",
            )
        },
    }

    def to_row_dict(self, item):
        # The raw values, empty ones included: no "-" placeholder in a trace.
        return {field: getattr(item, field) for field in self.list_export}

    def get_heading(self, queryset, field):
        return str(capfirst(ModerationDecision._meta.get_field(field).verbose_name))


class ModerationDecisionAdmin(ListingOnlyAdmin):
    model = ModerationDecision
    menu_label = _("Décisions de modération")
    menu_icon = "clipboard-list"
    base_url_path = admin_views.DECISIONS_PATH
    index_view_class = DecisionIndexView
    kept_permissions = ("view_moderationdecision",)
    inspect_view_enabled = True
    inspect_view_fields = [
        "decided_at",
        "moderator_name",
        "action",
        "reason_code",
        "reason_label",
        "message_ref",
        "discussion_title",
        "previous_status",
        "new_status",
        "note",
    ]
    list_display = (
        "decided_at",
        "moderator_name",
        "action",
        "reason_label",
        "message_ref",
        "discussion_title",
        "transition",
    )
    list_filter = ("action", "reason_code", "decided_at")
    search_fields = ("discussion_title", "moderator_name", "reason_label")
    ordering = ("-decided_at", "-pk")
    list_per_page = 50
    list_export = (
        "decided_at",
        "moderator_name",
        "action",
        "reason_code",
        "reason_label",
        "message_ref",
        "discussion_title",
        "previous_status",
        "new_status",
        "note",
    )
    export_filename = "decisions-de-moderation"

    @display(description=_("Statut"))
    def transition(self, decision):
        labels = dict(MessageStatus.choices)
        before = labels.get(decision.previous_status, decision.previous_status)
        after = labels.get(decision.new_status, decision.new_status)
        return f"{before} → {after}"


class ModeratorPermissionHelper(ReadOnlyPermissionHelper):
    """Open a listing to whoever may moderate messages."""

    def user_has_any_permissions(self, user):
        return user.has_perm(admin_views.MODERATE_PERMISSION)


class SearchEngineButtonHelper(ButtonHelper):
    """One button per discussion, to the view that sets its search-engine flag."""

    def search_engine_button(self, discussion):
        url = reverse("discussions_moderation_search_engines", args=[discussion.pk])
        if discussion.noindex:
            label = _("Rouvrir aux moteurs de recherche")
        else:
            label = _("Exclure des moteurs de recherche")
        return {
            "url": f"{url}?{urlencode({'next': self.view.index_url})}",
            "label": label,
            "classname": self.finalise_classname(["button-small"]),
            "title": _("Moteurs de recherche : %(title)s") % {"title": discussion},
        }

    def get_buttons_for_obj(self, obj, **kwargs):
        return [self.search_engine_button(obj)]

    def get_primary_button(self, obj):
        return self.search_engine_button(obj)


class DiscussionAdmin(ListingOnlyAdmin):
    model = Discussion
    menu_label = _("Discussions")
    menu_icon = "comment"
    base_url_path = admin_views.DISCUSSIONS_PATH
    permission_helper_class = ModeratorPermissionHelper
    button_helper_class = SearchEngineButtonHelper
    list_display = ("title", "place", "created_at", "reply_count", "visibility")
    list_display_add_buttons = "title"
    list_filter = ("noindex", "is_public")
    list_select_related = ("page",)
    search_fields = ("title",)
    ordering = ("-last_activity_at", "-pk")
    list_per_page = 50

    @display(description=_("Lieu"))
    def place(self, discussion):
        return discussion.page.title

    @display(description=_("Moteurs de recherche"), ordering="noindex")
    def visibility(self, discussion):
        if discussion.noindex:
            return _("Exclue")
        return _("Ouverte") if discussion.is_public else _("Pas encore publiée")


class WatchedWordAdmin(ModelAdmin):
    model = WatchedWord
    menu_label = _("Mots surveillés")
    menu_icon = "tag"
    base_url_path = admin_views.WATCHED_WORDS_PATH
    list_display = ("word",)
    search_fields = ("word",)
    history_view_enabled = False


@modeladmin_register
class ModerationAdminGroup(ModelAdminGroup):
    menu_label = _("Modération")
    menu_item_name = "moderation"
    menu_icon = "comment"
    menu_order = 200
    items = (
        PendingMessageAdmin,
        ReportedMessageAdmin,
        AllMessagesAdmin,
        ModerationDecisionAdmin,
        DiscussionAdmin,
        WatchedWordAdmin,
    )

    def get_menu_item(self):
        submenu = Menu(items=self.get_submenu_items())
        return ModerationMenuItem(self, self.get_menu_order(), submenu)


@hooks.register("register_admin_urls")
def register_decision_url():
    return [
        path(
            "moderation/messages/<id:pk>/decider/",
            admin_views.DecisionView.as_view(),
            name="discussions_moderation_decide",
        ),
        path(
            "moderation/discussions/<id:pk>/moteurs-de-recherche/",
            admin_views.SearchEngineView.as_view(),
            name="discussions_moderation_search_engines",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_moderation_panel(request, panels):
    panels.append(admin_views.ModerationPanel())
