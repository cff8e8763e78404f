"""
Discussions and their messages.

A `Discussion` is started in one place: a community (pathology or theme), a
testimony or a news article. It may be tagged with transversal themes and
then also appears in those theme communities. Its messages are
django-comments-xtd comments (`Message`, an `XtdComment`) pointing at the
discussion: xtd keeps the thread order (`thread_id`, `order`, `level`), this
app adds the moderation status and the rendered text, so that a page lists a
thread with one query and no markup work.

Moderators' decisions are kept in `ModerationDecision`, one row per decision,
with the charter reason they cited; reports from readers in `Report`.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from . import conf


def open_place():
    """
    Match discussions whose place is live and under no view restriction, on
    itself or an ancestor (a password, a login or groups), as Wagtail's
    `PageQuerySet.public()` does for pages, in SQL rather than with a list
    of restricted pages read beforehand.
    """
    restricting = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("page__path"), 1, Length("page__path"))
    )
    return Q(page__live=True) & ~Exists(restricting)


class DiscussionQuerySet(models.QuerySet):
    def public(self):
        """Discussions anyone may read, without an account or a password."""
        return self.filter(Q(is_public=True) & open_place())

    def listed(self):
        """Public discussions that lists, feeds and the search show."""
        return self.public().filter(is_listed=True)

    def for_place(self, page):
        """Discussions started on `page` or tagged with it (a theme)."""
        return self.filter(Q(page=page) | Q(themes=page)).distinct()


class Discussion(models.Model):
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="discussions",
        verbose_name=_("lieu"),
        help_text=_("La communauté, le témoignage ou l'actualité discutés."),
    )
    themes = models.ManyToManyField(
        "themes_transversal.ThemePage",
        blank=True,
        related_name="tagged_discussions",
        verbose_name=_("thèmes transversaux"),
    )
    title = models.CharField(_("titre"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="discussions",
        verbose_name=_("auteur"),
    )
    created_at = models.DateTimeField(_("ouverte le"), default=timezone.now)
    last_activity_at = models.DateTimeField(
        _("dernière activité"), default=timezone.now, db_index=True
    )
    reply_count = models.PositiveIntegerField(_("réponses"), default=0)
    view_count = models.PositiveIntegerField(_("consultations"), default=0)
    is_public = models.BooleanField(
        _("visible"),
        default=False,
        help_text=_(
            "Vrai dès que le message d'ouverture a été publié, même s'il a été "
            "retiré depuis."
        ),
    )
    is_listed = models.BooleanField(
        _("listée"),
        default=False,
        help_text=_(
            "Vrai quand son message d'ouverture est publié ou supprimé par son "
            "auteur. Une discussion dont l'ouverture a été retirée par la "
            "modération reste lisible à son adresse, pour les réponses des "
            "autres, mais ne paraît plus dans les listes, les flux, le plan du "
            "site ni la recherche."
        ),
    )
    noindex = models.BooleanField(
        _("exclue des moteurs de recherche"),
        default=False,
        help_text=_("À la demande de son auteur."),
    )

    objects = DiscussionQuerySet.as_manager()

    class Meta:
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        ordering = ["-last_activity_at", "-pk"]
        indexes = [models.Index(fields=["page", "is_public", "-last_activity_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        slug = slugify(self.title)[:60] or "discussion"
        return reverse("discussion_detail", kwargs={"pk": self.pk, "slug": slug})

    def opening_message(self):
        return self.messages.order_by("pk").first()


class MessageStatus(models.TextChoices):
    PENDING = "pending", _("en attente de modération")
    PUBLISHED = "published", _("publié")
    REJECTED = "rejected", _("refusé")
    REMOVED = "removed", _("retiré par la modération")
    DELETED = "deleted", _("supprimé par son auteur")


class Message(XtdComment):
    """
    One message of a discussion. Its `comment` field holds the text as the
    author wrote it, `body_html` the same text rendered once, when it is
    saved, with the portal's small markup.
    """

    Status = MessageStatus

    discussion = models.ForeignKey(
        Discussion,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("discussion"),
    )
    status = models.CharField(
        _("statut"),
        max_length=16,
        choices=MessageStatus.choices,
        default=MessageStatus.PUBLISHED,
        db_index=True,
    )
    body_html = models.TextField(_("texte mis en forme"), editable=False)
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    published_at = models.DateTimeField(
        _("publié le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "Première publication. Un message déjà lu garde sa place dans la "
            "discussion, même retiré ou en relecture après une modification."
        ),
    )
    held_because = models.CharField(_("mis en attente car"), max_length=200, blank=True)
    reported_at = models.DateTimeField(
        _("signalé le"), null=True, blank=True, db_index=True
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.user_name} · {self.discussion_id} · #{self.pk}"

    def save(self, *args, **kwargs):
        from .markup import render_message

        # django_comments' own flags follow the status, so that xtd's tools
        # and templates see the same thing as the portal.
        self.is_public = self.status in {MessageStatus.PUBLISHED}
        self.is_removed = self.status in {
            MessageStatus.REMOVED,
            MessageStatus.DELETED,
            MessageStatus.REJECTED,
        }
        if self.status == MessageStatus.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.body_html = render_message(self.comment)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        # Without its discussion at hand, the permalink redirects to it: a
        # list of messages must not load one discussion per message.
        if "discussion" not in self._state.fields_cache:
            return reverse("message_permalink", args=[self.pk])
        return f"{self.discussion.get_absolute_url()}#message-{self.pk}"

    @property
    def shows_placeholder(self):
        return self.status in {MessageStatus.REMOVED, MessageStatus.DELETED}

    @property
    def was_published(self):
        return self.published_at is not None

    def can_be_changed_by(self, user, now=None):
        """Whether `user` may still edit or delete this message."""
        if not user.is_authenticated or user.pk != self.user_id:
            return False
        if self.status not in {MessageStatus.PUBLISHED, MessageStatus.PENDING}:
            return False
        return within_edit_window(self.submit_date, now)


def within_edit_window(submitted_at, now=None):
    """Whether a message sent at `submitted_at` may still be edited or deleted."""
    window = timezone.timedelta(minutes=conf.get("DISCUSSIONS_EDIT_WINDOW_MINUTES"))
    return (now or timezone.now()) < submitted_at + window


def new_token():
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    """A member follows a community (new discussions) or a discussion (replies)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    discussion = models.ForeignKey(
        Discussion,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="subscriptions",
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=True) ^ Q(discussion__isnull=True),
                name="subscription_follows_one_thing",
            ),
            models.UniqueConstraint(
                fields=["user", "page"], name="unique_page_subscription"
            ),
            models.UniqueConstraint(
                fields=["user", "discussion"], name="unique_discussion_subscription"
            ),
        ]

    def __str__(self):
        return f"{self.user_id} → {self.page_id or self.discussion_id}"

    def get_unsubscribe_url(self):
        return reverse("unsubscribe", kwargs={"token": self.token})


class Report(models.Model):
    """A reader's report of a message, with the charter reason they chose."""

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="reports"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("signalé par"),
    )
    reason = models.ForeignKey(
        "portal.ModerationReason",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("motif"),
    )
    comment = models.TextField(_("commentaire"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reason.code} · #{self.message_id}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("approuver")
    REJECT = "reject", _("refuser")
    REMOVE = "remove", _("retirer")
    RESTORE = "restore", _("rétablir")
    DISMISS = "dismiss", _("classer le signalement")


class ModerationDecision(models.Model):
    """
    The trace of one moderation decision: who, when, what, why. Rows are
    never edited; the moderator's name and the reason are copied so the
    trace survives the deletion of an account or a charter change.
    """

    Action = ModerationAction

    message = models.ForeignKey(
        Message,
        on_delete=models.SET_NULL,
        null=True,
        related_name="decisions",
        verbose_name=_("message"),
    )
    message_ref = models.PositiveBigIntegerField(_("n° du message"))
    discussion_title = models.CharField(_("discussion"), max_length=200)
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="moderation_decisions",
        verbose_name=_("modérateur"),
    )
    moderator_name = models.CharField(_("nom du modérateur"), max_length=150)
    action = models.CharField(
        _("décision"), max_length=16, choices=ModerationAction.choices
    )
    reason = models.ForeignKey(
        "portal.ModerationReason",
        on_delete=models.SET_NULL,
        null=True,
        related_name="decisions",
        verbose_name=_("motif"),
    )
    reason_code = models.CharField(_("code du motif"), max_length=50)
    reason_label = models.CharField(_("motif"), max_length=120)
    note = models.TextField(_("note interne"), max_length=2000, blank=True)
    previous_status = models.CharField(_("statut avant"), max_length=16)
    new_status = models.CharField(_("statut après"), max_length=16)
    decided_at = models.DateTimeField(_("décidé le"), default=timezone.now)

    class Meta:
        verbose_name = _("décision de modération")
        verbose_name_plural = _("décisions de modération")
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.message_ref} ({self.reason_code})"


class WatchedWord(models.Model):
    """A word or expression that sends a message to the moderators first."""

    word = models.CharField(_("mot ou expression"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("mot surveillé")
        verbose_name_plural = _("mots surveillés")
        ordering = ["word"]

    def __str__(self):
        return self.word
