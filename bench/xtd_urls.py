"""
The portal's addresses plus django-comments-xtd's own, for the discussion
benchmark only: xtd's stock templates reverse names such as
`comments-xtd-reply`, which the portal does not serve.
"""

from django.urls import include, path

from portal.urls import urlpatterns as portal_urlpatterns

# Before the portal's: Wagtail's catch-all pattern comes last there.
urlpatterns = [
    path("xtd/", include("django_comments_xtd.urls")),
    *portal_urlpatterns,
]
