from django.urls import path

from . import views

urlpatterns = [
    path(
        "discussions/<int:pk>-<slug:slug>/",
        views.discussion_detail,
        name="discussion_detail",
    ),
    path(
        "discussions/nouvelle/<int:page_id>/",
        views.discussion_start,
        name="discussion_start",
    ),
    path(
        "discussions/<int:pk>/repondre/",
        views.discussion_reply,
        name="discussion_reply",
    ),
    path(
        "discussions/<int:pk>/suivre/",
        views.discussion_follow,
        name="discussion_follow",
    ),
    path("communautes/<int:page_id>/suivre/", views.page_follow, name="page_follow"),
    path("messages/<int:pk>/", views.message_permalink, name="message_permalink"),
    path("messages/<int:pk>/modifier/", views.message_edit, name="message_edit"),
    path("messages/<int:pk>/supprimer/", views.message_delete, name="message_delete"),
    path("messages/<int:pk>/signaler/", views.message_report, name="message_report"),
    path("abonnements/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
