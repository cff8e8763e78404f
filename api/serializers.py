"""
What the discussions API sends and accepts.

Requests are checked by the discussions' own forms (same rules, limits and
French messages as the pages). The request serializers here describe them in
the OpenAPI schema, and `type_errors` holds a request to the types they give
before the forms see it.
"""

import re

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import serializers

from discussions import conf
from discussions.models import MessageStatus

# The largest id of a row: PostgreSQL's bigint. SQLite cannot even compare a
# larger number with a column, and no row has one.
MAX_ID = 2**63 - 1
# Python refuses to convert thousands of digits; 30 is plenty to be out of range.
INTEGER = re.compile(r"\s*[+-]?\d{1,30}\s*")


class IdField(serializers.IntegerField):
    """The id of a row, bounded so that the schema and the checks say which."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Code stable de l'erreur.")
    message = serializers.CharField(help_text="Explication en français.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages par champ de la requête, `__all__` pour l'ensemble.",
    )
    detail = serializers.CharField(
        required=False,
        help_text="Le refus d'origine de l'API Wagtail, en anglais.",
    )


class PlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class DiscussionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    place = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    last_activity_at = serializers.DateTimeField()
    reply_count = serializers.IntegerField()
    view_count = serializers.IntegerField()
    is_public = serializers.BooleanField()

    def get_url(self, discussion) -> str:
        return self.context["request"].build_absolute_uri(discussion.get_absolute_url())

    def get_place(self, discussion) -> PlaceSerializer:
        page = discussion.page
        return {
            "id": page.pk,
            "title": page.title,
            "url": page.get_full_url(self.context["request"]),
        }


class ThreadMessageSerializer(serializers.Serializer):
    """One message of a thread, as `discussions.thread.build_thread` gives it."""

    id = serializers.IntegerField(source="pk")
    author = serializers.CharField(help_text="Pseudonyme de l'auteur.")
    level = serializers.IntegerField(help_text="0 pour le message d'ouverture.")
    answers = serializers.SerializerMethodField(
        help_text="Le message auquel celui-ci répond, s'il est visible."
    )
    submitted_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    status = serializers.ChoiceField(
        choices=[
            MessageStatus.PUBLISHED,
            MessageStatus.REMOVED,
            MessageStatus.DELETED,
            MessageStatus.PENDING,
        ],
        help_text="`pending` : message de l'auteur de la requête, pas encore relu.",
    )
    html = serializers.CharField(
        source="body_html", help_text="Vide pour un message retiré ou supprimé."
    )

    def get_answers(self, message) -> int | None:
        return message.answers.pk if message.answers else None


class ThreadSerializer(DiscussionSerializer):
    messages = ThreadMessageSerializer(many=True, source="thread")


class MessageCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    discussion = serializers.IntegerField(source="discussion_id")
    status = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, message) -> str:
        return self.context["request"].build_absolute_uri(message.get_absolute_url())


class DiscussionCreatedSerializer(DiscussionSerializer):
    message = MessageCreatedSerializer(source="opening")


class MessageText(serializers.Serializer):
    text = serializers.CharField(
        max_length=conf.DEFAULTS["DISCUSSIONS_MESSAGE_MAX_LENGTH"],
        help_text="Texte simple ; une ligne vide sépare deux paragraphes.",
    )
    confirm_contact_details = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Publier malgré une adresse ou un numéro de téléphone.",
    )
    follow = serializers.BooleanField(
        required=False, default=True, help_text="Suivre la discussion par courriel."
    )


class NewDiscussion(MessageText):
    title = serializers.CharField(
        max_length=conf.DEFAULTS["DISCUSSIONS_TITLE_MAX_LENGTH"]
    )
    place = IdField(
        help_text="Page où la discussion s'ouvre : communauté, témoignage, actualité."
    )
    themes = serializers.ListField(
        child=IdField(),
        required=False,
        help_text="Thèmes transversaux où la discussion paraît aussi.",
    )


class NewReply(MessageText):
    reply_to = IdField(
        required=False,
        allow_null=True,
        help_text=(
            "Le message auquel on répond ; la discussion s'imbrique sur "
            f"{settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1} niveaux au plus."
        ),
    )


class NewReport(serializers.Serializer):
    reason = IdField(help_text="Un motif de la charte de modération.")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ReportCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    message = serializers.IntegerField(source="message_id")


class Credentials(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(source="key")


class SearchHitSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    community = serializers.CharField(allow_null=True)
    date = serializers.DateTimeField(allow_null=True)
    title_html = serializers.CharField()
    excerpt_html = serializers.CharField()


class SearchFacetSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    selected = serializers.BooleanField()


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    engine = serializers.CharField()
    simplified = serializers.BooleanField()
    total = serializers.IntegerField()
    page = serializers.IntegerField()
    num_pages = serializers.IntegerField()
    results = SearchHitSerializer(many=True)
    facets = serializers.DictField(child=SearchFacetSerializer(many=True))


def type_error(field, value, from_form):
    """Return why `value` is not of `field`'s type, or None if it is."""
    if isinstance(field, serializers.ListField):
        if not isinstance(value, list):
            return _("Ce champ attend une liste.")
        errors = (type_error(field.child, item, from_form) for item in value)
        return next((error for error in errors if error), None)
    if isinstance(field, serializers.BooleanField):
        if isinstance(value, bool) or (from_form and isinstance(value, str)):
            return None
        return _("Ce champ attend true ou false.")
    if isinstance(field, serializers.IntegerField):
        if from_form and isinstance(value, str) and INTEGER.fullmatch(value):
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int):
            return _("Ce champ attend un nombre entier.")
        low, high = field.min_value, field.max_value
        if (low is not None and value < low) or (high is not None and value > high):
            return _("Ce nombre doit être compris entre %(min)s et %(max)s.") % {
                "min": field.min_value,
                "max": field.max_value,
            }
        return None
    if isinstance(field, serializers.CharField) and not isinstance(value, str):
        return _("Ce champ attend un texte.")
    return None


def type_errors(serializer_class, data):
    """
    Return the messages of the fields of `data` whose value has not the type
    `serializer_class` gives it in the schema. Django's forms take what they
    get: a list as a text would be published as "['a', 'b']".

    A missing or null value is left to the forms, which say what is required.
    """
    from_form = isinstance(data, QueryDict)
    errors = {}
    for name, field in serializer_class().fields.items():
        if name not in data:
            continue
        if from_form and isinstance(field, serializers.ListField):
            value = data.getlist(name)
        else:
            value = data.get(name)
        if value is None:
            continue
        error = type_error(field, value, from_form)
        if error:
            errors[name] = [error]
    return errors
