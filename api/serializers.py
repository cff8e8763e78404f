"""
What the discussions API sends and accepts.

Requests are checked by the discussions' own forms (same rules, limits and
French messages as the pages); the request serializers here describe them
in the OpenAPI schema only.
"""

from django.conf import settings
from rest_framework import serializers

from discussions import conf
from discussions.models import MessageStatus


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Code stable de l'erreur.")
    message = serializers.CharField(help_text="Explication en français.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Messages par champ de la requête, `__all__` pour l'ensemble.",
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
    place = serializers.IntegerField(
        help_text="Page où la discussion s'ouvre : communauté, témoignage, actualité."
    )
    themes = serializers.ListField(
        child=serializers.IntegerField(),
        required=False,
        help_text="Thèmes transversaux où la discussion paraît aussi.",
    )


class NewReply(MessageText):
    reply_to = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=(
            "Le message auquel on répond ; la discussion s'imbrique sur "
            f"{settings.COMMENTS_XTD_MAX_THREAD_LEVEL + 1} niveaux au plus."
        ),
    )


class NewReport(serializers.Serializer):
    reason = serializers.IntegerField(help_text="Un motif de la charte de modération.")
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


class SearchErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Explication en français.")
