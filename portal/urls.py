from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api import views as api_views
from search import views as search_views

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("recherche/", search_views.search, name="search"),
    path(
        "recherche/suggestions/",
        search_views.suggestions,
        name="search_suggestions",
    ),
    path("api/v2/search/", api_views.SearchView.as_view(), name="search_api"),
    path("api/", include("api.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("compte/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("", include("discussions.urls")),
    path("", include("editorial.urls")),
    path("", include("reach.urls")),
    path("", include("press.urls")),
    path("", include("audience.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
