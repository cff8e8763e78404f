from django.utils.translation import gettext_lazy as _
from wagtail import blocks

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class LinkBlock(blocks.StructBlock):
    """An outside link with the words a visitor reads before following it."""

    title = blocks.CharBlock(label=_("Intitulé"), max_length=200)
    url = blocks.URLBlock(label=_("Adresse"))
    description = blocks.TextBlock(
        label=_("Description"), required=False, max_length=400
    )

    class Meta:
        icon = "link"
        template = "portal/blocks/link.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Intertitre"), max_length=120, template="portal/blocks/heading.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Texte"), features=RICH_TEXT_FEATURES)
    callout = blocks.StructBlock(
        [
            ("title", blocks.CharBlock(label=_("Titre"), max_length=120)),
            (
                "text",
                blocks.RichTextBlock(label=_("Texte"), features=RICH_TEXT_FEATURES),
            ),
        ],
        label=_("Encadré"),
        icon="info-circle",
        template="portal/blocks/callout.html",
    )
