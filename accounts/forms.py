"""
The forms of a member's account: sign-up (allauth's, with the pseudonym
explained and the health-data consent added) and account deletion.
"""

from allauth.account.forms import SignupForm
from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Member
from .privacy import privacy_page_url
from .validators import PSEUDONYM_MAX_LENGTH


class MemberSignupForm(SignupForm):
    """
    allauth's sign-up form (`ACCOUNT_FORMS["signup"]`). The username is the
    member's public pseudonym; the consent box is required because what
    members write about their lives is health data.
    """

    health_data_consent = forms.BooleanField(
        template_name="accounts/forms/checkbox_field.html",
        label=_(
            "J'accepte que mes messages, qui peuvent parler de santé, soient "
            "traités par le service pour être publiés dans les communautés."
        ),
        error_messages={
            "required": _(
                "Cochez cette case pour créer votre compte : sans votre accord, "
                "vos messages ne peuvent pas être publiés."
            )
        },
    )

    field_order = ["email", "username", "password1", "password2", "health_data_consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("Adresse électronique (jamais affichée)")

        username = self.fields["username"]
        username.label = _("Pseudonyme (public)")
        username.help_text = _(
            "Il s'affiche à côté de chacun de vos messages. N'utilisez jamais "
            "votre vrai nom ni votre adresse électronique. De 3 à 30 caractères : "
            "lettres, chiffres, « - », « _ » ou « . »."
        )
        username.widget.attrs.pop("placeholder", None)
        username.widget.attrs["maxlength"] = str(PSEUDONYM_MAX_LENGTH)

        consent = self.fields["health_data_consent"]
        url = privacy_page_url()
        if url:
            consent.help_text = format_html(
                '<a href="{}">{}</a>',
                url,
                _(
                    "Lire la politique de confidentialité : ce que le service "
                    "garde, pourquoi, et comment exporter ou effacer vos données"
                ),
            )
        else:
            consent.help_text = _(
                "Vous pourrez à tout moment exporter vos données ou supprimer "
                "votre compte depuis la page « Mes données »."
            )

    def signup(self, request, user):
        Member.objects.update_or_create(
            user=user, defaults={"health_data_consent_at": timezone.now()}
        )


class AccountDeletionForm(forms.Form):
    """
    Confirm an account deletion with the password, and say what becomes of
    the member's messages.
    """

    REMOVE = "remove"
    KEEP = "keep"

    password = forms.CharField(
        label=_("Votre mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    messages = forms.ChoiceField(
        label=_("Vos messages"),
        choices=[
            (
                REMOVE,
                _(
                    "Retirer mes messages : à leur place, un avis « message "
                    "supprimé » garde les discussions lisibles."
                ),
            ),
            (
                KEEP,
                _(
                    "Laisser mes messages, signés « membre supprimé » : ils "
                    "continuent d'aider les autres sans vous désigner."
                ),
            ),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choisissez ce que deviennent vos messages.")},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("Ce mot de passe n'est pas le bon."), code="wrong_password"
            )
        return password

    @property
    def remove_messages(self):
        return self.cleaned_data["messages"] == self.REMOVE
