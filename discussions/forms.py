"""
Forms of the discussions. They check what a person can fix (lengths, empty
text, contact details they may not want to publish); the rules that depend
on the thread (depth, removed messages) live in `services`.
"""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from themes_transversal.models import ThemePage

from . import conf
from .ids import IdField, parse_id
from .markup import contact_details_in

CONTACT_WARNING = _(
    "Votre message semble contenir %(what)s. Il sera lisible par tout le monde, "
    "sans compte. Retirez-les, ou cochez la case pour confirmer que vous voulez "
    "les publier."
)
CONTACT_KINDS = {
    "email": _("une adresse électronique"),
    "phone": _("un numéro de téléphone"),
}


def limit_length(field, limit, message):
    """
    Cap a text field at `limit` characters, read from the settings when the
    form is built (so that tests and deployments can change it).
    """
    field.max_length = limit
    field.widget.attrs["maxlength"] = limit
    field.validators.append(MaxLengthValidator(limit))
    field.error_messages["max_length"] = message


class MessageTextMixin(forms.Form):
    """The text of a message, with the check of personal contact details."""

    text = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Texte simple : laissez une ligne vide entre deux paragraphes ; les "
            "adresses web deviennent des liens."
        ),
        error_messages={"required": _("Écrivez votre message.")},
    )
    confirm_contact_details = forms.BooleanField(
        label=_("Je veux publier ces coordonnées malgré tout"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(
            self.fields["text"],
            conf.get("DISCUSSIONS_MESSAGE_MAX_LENGTH"),
            _(
                "Votre message dépasse %(limit_value)s caractères (il en compte "
                "%(show_value)s). Raccourcissez-le ou coupez-le en deux messages."
            ),
        )
        self.contact_kinds = []

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) < 2:
            raise forms.ValidationError(_("Votre message est trop court."))
        return text

    # The fields a reader sees, where contact details ask for confirmation.
    public_fields = ["text"]

    def clean(self):
        cleaned = super().clean()
        text = "\n".join(cleaned.get(name) or "" for name in self.public_fields)
        self.contact_kinds = contact_details_in(text)
        if self.contact_kinds and not cleaned.get("confirm_contact_details"):
            what = _(" et ").join(str(CONTACT_KINDS[k]) for k in self.contact_kinds)
            self.add_error(
                "confirm_contact_details",
                forms.ValidationError(
                    CONTACT_WARNING, code="contact_details", params={"what": what}
                ),
            )
        return cleaned


class FollowMixin(forms.Form):
    follow = forms.BooleanField(
        label=_("Me prévenir par courriel des nouvelles réponses"),
        required=False,
        initial=True,
    )


class PageChoiceField(forms.ModelMultipleChoiceField):
    """Pages chosen by id, where an id no table can hold is an unknown choice."""

    def clean(self, value):
        if isinstance(value, (list, tuple)):
            for item in value:
                if item not in self.empty_values and parse_id(str(item)) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": item},
                    )
        return super().clean(value)


class DiscussionForm(MessageTextMixin, FollowMixin):
    title = forms.CharField(
        label=_("Titre de la discussion"),
        error_messages={"required": _("Donnez un titre à la discussion.")},
    )
    themes = PageChoiceField(
        label=_("Thèmes transversaux"),
        help_text=_("La discussion paraîtra aussi dans les communautés de ces thèmes."),
        queryset=ThemePage.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Ce thème n'existe pas.")},
    )

    field_order = ["title", "text", "confirm_contact_details", "themes", "follow"]
    public_fields = ["title", "text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_length(
            self.fields["title"],
            conf.get("DISCUSSIONS_TITLE_MAX_LENGTH"),
            _(
                "Le titre dépasse %(limit_value)s caractères (il en compte "
                "%(show_value)s)."
            ),
        )
        self.fields["themes"].queryset = ThemePage.objects.live().order_by("title")

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if len(title) < 3:
            raise forms.ValidationError(_("Le titre est trop court."))
        return title


class ReplyForm(MessageTextMixin, FollowMixin):
    reply_to = IdField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("Le message auquel vous répondez est inconnu.")},
    )

    field_order = ["text", "confirm_contact_details", "follow", "reply_to"]


class MessageEditForm(MessageTextMixin):
    pass


class ReportForm(forms.Form):
    reason = forms.ModelChoiceField(
        label=_("Motif du signalement"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choisissez un motif."),
            "invalid_choice": _("Ce motif n'existe pas."),
        },
    )
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        error_messages={
            "max_length": _("Le commentaire dépasse %(limit_value)s caractères.")
        },
    )

    def __init__(self, *args, **kwargs):
        from portal.models import ModerationReason

        super().__init__(*args, **kwargs)
        self.fields["reason"].queryset = ModerationReason.objects.filter(
            charter__live=True
        ).order_by("sort_order", "pk")
