from django.urls import path

from . import views

urlpatterns = [
    path("temoignages/proposer/", views.testimony_submit, name="testimony_submit"),
    path(
        "temoignages/proposer/merci/",
        views.testimony_submitted,
        name="testimony_submitted",
    ),
]
