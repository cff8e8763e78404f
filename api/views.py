"""
The discussions API, the token exchange and the search endpoint's schema.

Writing goes through the discussions' forms and services, like the pages:
same rules, same limits, same French messages. Refusals come back in the
shape `api.exceptions` describes.
"""

import logging

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse, QueryDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.authtoken.models import Token
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from discussions import conf, services
from discussions.forms import DiscussionForm, ReplyForm, ReportForm
from discussions.listing import discussions_for
from discussions.models import Message, MessageStatus
from discussions.thread import build_thread
from discussions.views import public_place, visible_discussion
from portal.ratelimits import over_limit
from search.views import search_api

from . import serializers
from .exceptions import LoginLocked, RateLimited, Refused, form_errors, invalid_form
from .pagination import DiscussionPagination

logger = logging.getLogger(__name__)

ERRORS = {
    code: serializers.ErrorSerializer
    for code in (400, 401, 403, 404, 405, 406, 415, 429)
}
# Refusals of the services that are about the account rather than the input.
ACCOUNT_REFUSALS = {
    "not_authenticated": status.HTTP_401_UNAUTHORIZED,
    "inactive": status.HTTP_403_FORBIDDEN,
    "unverified": status.HTTP_403_FORBIDDEN,
    "blocked": status.HTTP_403_FORBIDDEN,
}


def refused(error):
    """Turn a `services.DiscussionError` into an API refusal."""
    return Refused(
        error.message,
        error.code,
        status_code=ACCOUNT_REFUSALS.get(error.code, status.HTTP_400_BAD_REQUEST),
    )


def form_data(request, defaults):
    """Return the request's fields for a form, with the API's defaults."""
    data = request.data
    if isinstance(data, QueryDict):
        data = data.copy()
    elif isinstance(data, dict):
        data = dict(data)
    else:
        raise Refused(_("Envoyez un objet JSON ou un formulaire."), "invalid")
    for name, value in defaults.items():
        if name not in data:
            data[name] = value
    return data


def checked_data(request, request_serializer, defaults):
    """Return `form_data`, refused if a value is not of its type in the schema."""
    data = form_data(request, defaults)
    errors = serializers.type_errors(request_serializer, data)
    if errors:
        raise Refused(_("Certains champs sont à corriger."), fields=errors)
    return data


def page_id(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def limit(request, group, rate):
    if over_limit(request, group, rate):
        raise RateLimited()


def author_of(request):
    """Return the signed-in member if they may post, or refuse."""
    try:
        services.check_can_post(request.user)
    except services.DiscussionError as error:
        raise refused(error) from None
    return request.user


def place_for(value, field):
    """Return the live, public page `value` names, or refuse with `field` in error."""
    if value in (None, ""):
        raise Refused(
            _("Indiquez l'identifiant de la page (paramètre %(field)s).")
            % {"field": field},
            "missing_parameter",
            fields={field: [_("Ce champ est obligatoire.")]},
        )
    number = page_id(value)
    if number is None:
        raise Refused(
            _("L'identifiant de la page (paramètre %(field)s) doit être un nombre.")
            % {"field": field},
            "invalid_parameter",
            fields={field: [_("Saisissez un nombre entier.")]},
        )
    try:
        return public_place(number)
    except Http404:
        raise Refused(
            _("Cette page n'existe pas ou n'accueille pas de discussion."),
            "unknown_place",
            fields={field: [_("Page inconnue.")]},
        ) from None


class DiscussionListView(GenericAPIView):
    pagination_class = DiscussionPagination
    serializer_class = serializers.DiscussionSerializer

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated()]
        return [AllowAny()]

    @extend_schema(
        summary="Discussions d'une communauté",
        tags=["discussions"],
        description=(
            "Les discussions publiques ouvertes dans une communauté, un "
            "témoignage ou une actualité, ou liées à ce thème, par activité "
            "récente."
        ),
        parameters=[
            OpenApiParameter(
                "community",
                OpenApiTypes.INT,
                required=True,
                description="Identifiant de la page (API pages).",
            ),
        ],
        responses={200: serializers.DiscussionSerializer(many=True), **ERRORS},
    )
    def get(self, request):
        place = place_for(request.query_params.get("community"), "community")
        discussions = discussions_for(place).select_related("page")
        page = self.paginate_queryset(discussions)
        serializer = self.get_serializer(page, many=True)
        return self.get_paginated_response(serializer.data)

    @extend_schema(
        summary="Ouvrir une discussion",
        tags=["discussions"],
        request=serializers.NewDiscussion,
        responses={201: serializers.DiscussionCreatedSerializer, **ERRORS},
    )
    def post(self, request):
        author = author_of(request)
        limit(request, "discussions-post", conf.get("DISCUSSIONS_POST_RATE"))
        data = checked_data(request, serializers.NewDiscussion, {"follow": True})
        form = DiscussionForm(data)
        errors = {} if form.is_valid() else form_errors(form)
        try:
            place = place_for(data.get("place"), "place")
        except Refused as refusal:
            errors.update(refusal.fields)
        if errors:
            raise Refused(_("Certains champs sont à corriger."), fields=errors)

        try:
            discussion, message = services.start_discussion(
                place=place,
                author=author,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
                themes=form.cleaned_data["themes"],
                follow=form.cleaned_data["follow"],
            )
        except services.DiscussionError as error:
            raise refused(error) from None
        discussion.opening = message
        serializer = serializers.DiscussionCreatedSerializer(
            discussion, context=self.get_serializer_context()
        )
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class DiscussionDetailView(GenericAPIView):
    serializer_class = serializers.ThreadSerializer

    @extend_schema(
        summary="Une discussion et ses messages",
        tags=["discussions"],
        description=(
            "Les messages dans l'ordre de lecture. Une discussion en attente de "
            "modération n'existe que pour son auteur."
        ),
        responses={200: serializers.ThreadSerializer, **ERRORS},
    )
    def get(self, request, pk):
        discussion = visible_discussion(request, pk)
        discussion.thread = build_thread(discussion, request.user)
        return Response(self.get_serializer(discussion).data)


class ReplyView(GenericAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = serializers.MessageCreatedSerializer

    @extend_schema(
        summary="Répondre dans une discussion",
        tags=["discussions"],
        request=serializers.NewReply,
        responses={201: serializers.MessageCreatedSerializer, **ERRORS},
    )
    def post(self, request, pk):
        discussion = visible_discussion(request, pk)
        author = author_of(request)
        limit(request, "discussions-post", conf.get("DISCUSSIONS_POST_RATE"))
        form = ReplyForm(checked_data(request, serializers.NewReply, {"follow": True}))
        if not form.is_valid():
            raise invalid_form(form)
        parent = None
        if form.cleaned_data["reply_to"] is not None:
            parent = Message.objects.filter(
                pk=form.cleaned_data["reply_to"], discussion=discussion
            ).first()
            if parent is None:
                raise Refused(
                    _("Le message auquel vous répondez est introuvable."),
                    "unknown_parent",
                    fields={"reply_to": [_("Message inconnu.")]},
                )

        try:
            message = services.post_reply(
                discussion=discussion,
                author=author,
                text=form.cleaned_data["text"],
                parent=parent,
                follow=form.cleaned_data["follow"],
            )
        except services.DiscussionError as error:
            raise refused(error) from None
        serializer = self.get_serializer(message)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class ReportView(GenericAPIView):
    permission_classes = [AllowAny]
    serializer_class = serializers.ReportCreatedSerializer

    @extend_schema(
        summary="Signaler un message",
        tags=["discussions"],
        description="Ouvert à tous, avec ou sans compte ; limité en fréquence.",
        request=serializers.NewReport,
        responses={201: serializers.ReportCreatedSerializer, **ERRORS},
    )
    def post(self, request, pk):
        message = Message.objects.filter(pk=pk, status=MessageStatus.PUBLISHED)
        message = message.select_related("discussion").first()
        if message is None:
            raise Http404
        visible_discussion(request, message.discussion_id)
        limit(request, "discussions-report", conf.get("DISCUSSIONS_REPORT_RATE"))
        form = ReportForm(checked_data(request, serializers.NewReport, {}))
        if not form.is_valid():
            raise invalid_form(form)

        try:
            report = services.report_message(
                message,
                request.user,
                form.cleaned_data["reason"],
                form.cleaned_data["comment"],
            )
        except services.DiscussionError as error:
            raise refused(error) from None
        serializer = self.get_serializer(report)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


def authenticate_member(request, email, password):
    """
    Return the account these credentials open, through allauth as the sign-in
    page does, so that both count failures towards the same lock of the
    account (`ACCOUNT_RATE_LIMITS["login_failed"]`, per address and per
    account): a locked account is refused even with the right password.
    """
    django_request = request._request
    try:
        return get_account_adapter(django_request).authenticate(
            django_request, email=email, password=password
        )
    except ValidationError as error:
        if error.code == "too_many_login_attempts":
            raise LoginLocked() from None
        raise


class TokenView(GenericAPIView):
    """
    Exchange an e-mail address and a password for the account's API token.
    Only accounts that may write in the discussions get one.
    """

    authentication_classes = ()
    permission_classes = [AllowAny]
    serializer_class = serializers.TokenSerializer

    @extend_schema(
        summary="Obtenir un jeton d'API",
        tags=["comptes"],
        description=(
            "À envoyer ensuite dans l'en-tête `Authorization: Token <jeton>`. "
            "Le compte doit être actif et son adresse confirmée."
        ),
        request=serializers.Credentials,
        responses={200: serializers.TokenSerializer, **ERRORS},
    )
    def post(self, request):
        rate = getattr(settings, "API_TOKEN_RATE", "10/h")
        limit(request, "api-token", rate)
        data = checked_data(request, serializers.Credentials, {})
        # allauth's sign-in form strips the address too: both share one lock.
        email = (data.get("email") or "").strip()
        password = data.get("password") or ""
        if not email or not password:
            raise Refused(
                _("Indiquez votre adresse électronique et votre mot de passe."),
                "invalid",
            )

        user = authenticate_member(request, email, password)
        if user is None:
            raise Refused(
                _("Adresse électronique ou mot de passe incorrect."),
                "invalid_credentials",
            )
        try:
            services.check_can_post(user)
        except services.DiscussionError as error:
            if error.code != "blocked":
                raise refused(error) from None
        token, _created = Token.objects.get_or_create(user=user)
        return Response(self.get_serializer(token).data)


@csrf_exempt
def unknown_endpoint(request, path):
    """Answer an address under /api/ that names no endpoint, in JSON."""
    return JsonResponse(
        {
            "error": "not_found",
            "message": _("Cette adresse ne correspond à aucun point de l'API."),
            "fields": {},
        },
        status=404,
    )


class IgnoreAcceptHeader(BaseContentNegotiation):
    """Answer JSON whatever the client accepts, as the plain search view does."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class SearchView(APIView):
    """
    The search endpoint of `search.views.search_api`, served unchanged; this
    class only describes it in the OpenAPI schema.
    """

    authentication_classes = ()
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = IgnoreAcceptHeader

    @extend_schema(
        summary="Rechercher dans toutes les communautés",
        tags=["recherche"],
        parameters=[
            OpenApiParameter("q", str, description="Les mots recherchés."),
            OpenApiParameter(
                "type",
                str,
                many=True,
                description="Types de contenu (facette `type`).",
            ),
            OpenApiParameter(
                "communaute",
                str,
                many=True,
                description="Communautés (facette `community`).",
            ),
            OpenApiParameter(
                "categorie", str, many=True, description="Catégories de thèmes."
            ),
            OpenApiParameter("periode", str, enum=["mois", "annee", "ancien"]),
            OpenApiParameter("tri", str, enum=["pertinence", "date"]),
            OpenApiParameter("page", int, description="À partir de 1."),
        ],
        responses={
            200: serializers.SearchResultsSerializer,
            400: serializers.ErrorSerializer,
        },
    )
    def get(self, request):
        return search_api(request._request)
