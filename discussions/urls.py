from django.urls import path

from . import ids, views  # noqa: F401 (`ids` registers the `id` path converter)

urlpatterns = [
    path(
        "discussions/<id:pk>-<slug:slug>/",
        views.discussion_detail,
        name="discussion_detail",
    ),
    path(
        "discussions/nouvelle/<id:page_id>/",
        views.discussion_start,
        name="discussion_start",
    ),
    path(
        "discussions/<id:pk>/repondre/",
        views.discussion_reply,
        name="discussion_reply",
    ),
    path(
        "discussions/<id:pk>/suivre/",
        views.discussion_follow,
        name="discussion_follow",
    ),
    path("communautes/<id:page_id>/suivre/", views.page_follow, name="page_follow"),
    path("messages/<id:pk>/", views.message_permalink, name="message_permalink"),
    path("messages/<id:pk>/modifier/", views.message_edit, name="message_edit"),
    path("messages/<id:pk>/supprimer/", views.message_delete, name="message_delete"),
    path("messages/<id:pk>/signaler/", views.message_report, name="message_report"),
    path("abonnements/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
