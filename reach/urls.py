from django.urls import path

from . import feeds, views

urlpatterns = [
    path("robots.txt", views.robots_txt, name="reach_robots"),
    path("sitemap.xml", views.sitemap, name="reach_sitemap"),
    path("flux/actualites/rss/", feeds.NewsFeed.as_view(), name="reach_news_rss"),
    path(
        "flux/actualites/atom/",
        feeds.NewsAtomFeed.as_view(),
        name="reach_news_atom",
    ),
    path(
        "flux/communautes/<int:page_id>/rss/",
        feeds.CommunityFeed.as_view(),
        name="reach_community_rss",
    ),
    path(
        "flux/communautes/<int:page_id>/atom/",
        feeds.CommunityAtomFeed.as_view(),
        name="reach_community_atom",
    ),
]
