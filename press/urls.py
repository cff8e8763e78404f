from django.urls import path

from . import views
from .feeds import PressReleaseFeed

urlpatterns = [
    path("presse/flux/", PressReleaseFeed(), name="press_feed"),
    path(
        "communautes/<int:page_id>/affiche/",
        views.community_poster,
        name="community_poster",
    ),
    path(
        "communautes/<int:page_id>/flyer/",
        views.community_flyer,
        name="community_flyer",
    ),
]
