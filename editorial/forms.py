"""
The form members fill in to propose a testimony. Everything is plain text:
the story becomes paragraphs of escaped text, never markup.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

TITLE_MAX_LENGTH = 120
STORY_MIN_LENGTH = 200
STORY_MAX_LENGTH = 10_000


def communities():
    """Return the live, public communities a testimony may be published under."""
    return Page.objects.live().public().type(PathologyPage, ThemePage).order_by("title")


class StoryField(forms.CharField):
    """A textarea whose line breaks count as one character, as browsers count them."""

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")


class CommunityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        return page.title


class TestimonySubmissionForm(forms.Form):
    title = forms.CharField(
        label=_("Titre de votre témoignage"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={
            "required": _("Donnez un titre à votre témoignage."),
            "max_length": _(
                "Le titre compte %(show_value)s caractères : %(limit_value)s au "
                "plus, raccourcissez-le."
            ),
        },
    )
    community = CommunityChoiceField(
        label=_("Communauté"),
        queryset=Page.objects.none(),
        empty_label=_("Choisissez une communauté"),
        help_text=_("La pathologie ou le thème dont parle votre témoignage."),
        error_messages={
            "required": _("Choisissez la communauté où publier votre témoignage."),
            "invalid_choice": _(
                "Cette communauté n'existe pas ou plus. Choisissez-en une dans la "
                "liste."
            ),
        },
    )
    story = StoryField(
        label=_("Votre témoignage"),
        min_length=STORY_MIN_LENGTH,
        max_length=STORY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Texte simple, entre 200 et 10 000 caractères : laissez une ligne vide "
            "entre deux paragraphes. N'y mettez ni nom, ni adresse, ni numéro de "
            "téléphone, les vôtres comme ceux de vos proches ou de vos soignants."
        ),
        error_messages={
            "required": _("Écrivez votre témoignage."),
            "min_length": _(
                "Votre témoignage compte %(show_value)s caractères : il en faut au "
                "moins %(limit_value)s. Racontez-nous un peu plus."
            ),
            "max_length": _(
                "Votre témoignage compte %(show_value)s caractères : %(limit_value)s "
                "au plus. Raccourcissez-le."
            ),
        },
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que ce témoignage soit publié sous mon pseudonyme après "
            "relecture par l'équipe, qui peut le raccourcir ou en retirer ce qui "
            "permettrait de me reconnaître. Il sera lisible par tout le monde, "
            "sans compte."
        ),
        error_messages={
            "required": _(
                "Cochez cette case : sans votre accord, nous ne pouvons pas "
                "publier votre témoignage."
            ),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities()
