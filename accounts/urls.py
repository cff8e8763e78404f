from django.urls import path

from . import views

urlpatterns = [
    path("membres/<str:username>/", views.member_profile, name="member_profile"),
    path("compte/mes-donnees/", views.account_data, name="account_data"),
    path(
        "compte/mes-donnees/export.json",
        views.account_export,
        name="account_export",
    ),
    path("compte/supprimer/", views.account_delete, name="account_delete"),
    path("compte/au-revoir/", views.account_deleted, name="account_deleted"),
]
