"""Feeds, share links, sitemap, robots.txt and what search engines read of a page."""

import json
import re
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import pytest
from wagtail.models import Site

from discussions.models import Discussion, MessageStatus
from portal.models import PortalSettings

from . import factories

pytestmark = pytest.mark.django_db

SITE = "http://localhost"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def alice(db):
    return factories.build_member("alice")


@pytest.fixture
def community(pathology_index):
    return factories.build_pathology(
        pathology_index,
        "Mucoviscidose",
        orpha_code="586",
        synonyms="CF\nFibrose kystique",
    )


@pytest.fixture
def discussion(community, alice):
    return factories.build_discussion(
        community, alice, "La kiné respiratoire", "Comment tenez-vous le rythme ?"
    )


@pytest.fixture
def news(home):
    return factories.build_news(home, "Journée des maladies rares")


def rss_items(response):
    channel = ElementTree.fromstring(response.content).find("channel")
    return {
        item.findtext("title"): item.findtext("link")
        for item in channel.findall("item")
    }


def sitemap_addresses(client):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    return [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]


def json_ld(html):
    return [json.loads(block) for block in JSON_LD.findall(html)]


def absolute(path):
    return f"{SITE}{path}"


# Feeds


def test_the_news_rss_feed_lists_articles_with_absolute_links(client, news):
    _index, article = news

    response = client.get("/flux/actualites/rss/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_items(response) == {article.title: absolute(article.url)}


def test_the_news_rss_item_has_a_date_and_the_article_introduction(client, news):
    response = client.get("/flux/actualites/rss/")

    item = ElementTree.fromstring(response.content).find("channel/item")
    assert item.findtext("pubDate")
    assert item.findtext("description") == "Le chapeau."


def test_the_news_atom_feed_lists_the_same_articles(client, news):
    _index, article = news

    response = client.get("/flux/actualites/atom/")

    feed = ElementTree.fromstring(response.content)
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [article.title]
    assert entries[0].find(f"{ATOM}link").get("href") == absolute(article.url)
    assert entries[0].findtext(f"{ATOM}updated")


def test_a_community_feed_lists_its_testimonies_and_public_discussions(
    client, community, discussion
):
    testimony = factories.build_testimony(community, "Vivre avec la maladie")

    response = client.get(f"/flux/communautes/{community.pk}/rss/")

    assert rss_items(response) == {
        "Témoignage : Vivre avec la maladie": absolute(testimony.url),
        "Discussion : La kiné respiratoire": absolute(discussion.get_absolute_url()),
    }


def test_a_community_atom_feed_gives_each_entry_an_absolute_link(
    client, community, discussion
):
    response = client.get(f"/flux/communautes/{community.pk}/atom/")

    feed = ElementTree.fromstring(response.content)
    entries = feed.iter(f"{ATOM}entry")
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links == [absolute(discussion.get_absolute_url())]


def test_every_community_atom_entry_has_an_author_as_rfc_4287_asks(
    client, community, discussion
):
    factories.build_testimony(community, "Vivre avec la maladie")

    response = client.get(f"/flux/communautes/{community.pk}/atom/")

    feed = ElementTree.fromstring(response.content)
    feed_author = feed.findtext(f"{ATOM}author/{ATOM}name")
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    for entry in entries:
        assert entry.findtext(f"{ATOM}author/{ATOM}name") or feed_author


def test_a_discussion_in_a_feed_shows_its_title_and_counts_never_its_text(
    client, community, discussion
):
    response = client.get(f"/flux/communautes/{community.pk}/rss/")

    content = response.content.decode()
    assert "La kiné respiratoire" in content
    assert "Discussion dans la communauté Mucoviscidose" in content
    assert "Comment tenez-vous le rythme" not in content


def test_pending_and_removed_discussions_are_not_in_the_community_feed(
    client, community, alice
):
    pending = factories.build_discussion(community, alice, "Question en attente")
    removed = factories.build_discussion(community, alice, "Question retirée")
    factories.set_opening_status(pending, MessageStatus.PENDING)
    factories.set_opening_status(removed, MessageStatus.REMOVED)

    response = client.get(f"/flux/communautes/{community.pk}/rss/")

    assert rss_items(response) == {}


def test_a_discussion_excluded_from_search_engines_is_not_in_the_feed(
    client, community, discussion
):
    Discussion.objects.filter(pk=discussion.pk).update(noindex=True)

    response = client.get(f"/flux/communautes/{community.pk}/rss/")

    assert rss_items(response) == {}


def test_a_page_that_is_not_a_community_has_no_feed(client, news):
    _index, article = news

    response = client.get(f"/flux/communautes/{article.pk}/rss/")

    assert response.status_code == 404


def test_home_news_and_community_pages_announce_their_feeds(client, news, community):
    index, article = news

    pages = {
        "/flux/actualites/rss/": [Site.objects.get().root_page, index, article],
        f"/flux/communautes/{community.pk}/rss/": [community],
    }

    for feed, announcers in pages.items():
        for page in announcers:
            html = client.get(page.url).content.decode()
            assert 'type="application/rss+xml" title="' in html, page.url
            assert f'href="{feed}"' in html, page.url


def test_testimonies_announce_their_community_feed_and_other_pages_the_news(
    client, community, discussion, pathology_index
):
    testimony = factories.build_testimony(community, "Vivre avec la maladie")

    testimony_html = client.get(testimony.url).content.decode()
    others = [pathology_index.url, discussion.get_absolute_url()]

    assert f'href="/flux/communautes/{community.pk}/atom/"' in testimony_html
    assert 'href="/flux/actualites/atom/"' in testimony_html
    for address in others:
        html = client.get(address).content.decode()
        assert 'href="/flux/actualites/rss/"' in html, address


# Sitemap and robots.txt


def test_the_sitemap_lists_live_pages_and_public_discussions(
    client, community, discussion, news
):
    _index, article = news

    addresses = sitemap_addresses(client)

    assert absolute("/") in addresses
    assert absolute(community.url) in addresses
    assert absolute(article.url) in addresses
    assert absolute(discussion.get_absolute_url()) in addresses


def test_the_sitemap_leaves_out_pending_and_removed_discussions(
    client, community, alice
):
    pending = factories.build_discussion(community, alice, "Question en attente")
    removed = factories.build_discussion(community, alice, "Question retirée")
    factories.set_opening_status(pending, MessageStatus.PENDING)
    factories.set_opening_status(removed, MessageStatus.REMOVED)

    addresses = sitemap_addresses(client)

    assert not [address for address in addresses if "/discussions/" in address]


def test_the_sitemap_leaves_out_draft_pages(client, community, alice):
    factories.build_proposed_testimony(community, alice)

    addresses = sitemap_addresses(client)

    assert not [address for address in addresses if "errance" in address]


def test_a_noindex_discussion_is_left_out_of_the_sitemap(client, discussion):
    Discussion.objects.filter(pk=discussion.pk).update(noindex=True)

    addresses = sitemap_addresses(client)

    assert absolute(discussion.get_absolute_url()) not in addresses


def test_a_noindex_discussion_page_asks_robots_not_to_index_it(client, discussion):
    Discussion.objects.filter(pk=discussion.pk).update(noindex=True)

    html = client.get(discussion.get_absolute_url()).content.decode()

    assert '<meta name="robots" content="noindex">' in html


def test_robots_txt_keeps_robots_out_of_private_areas_and_names_the_sitemap(
    client, home
):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for private in ("/admin/", "/compte/", "/api/"):
        assert f"Disallow: {private}" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


# What a page tells search engines and social networks


def test_every_page_has_an_absolute_canonical_address_and_social_cards(
    client, community, news
):
    index, article = news
    testimony = factories.build_testimony(community)

    for page in (Site.objects.get().root_page, community, index, article, testimony):
        html = client.get(page.url).content.decode()

        url = absolute(page.url)
        assert f'<link rel="canonical" href="{url}">' in html, page.url
        assert f'<meta property="og:url" content="{url}">' in html, page.url
        assert f'<meta property="og:title" content="{page.title}">' in html
        assert '<meta property="og:locale" content="fr_FR">' in html
        assert '<meta property="og:site_name" content="Réseau maladies rares">' in html
        assert '<meta name="twitter:card" content="summary">' in html


def test_an_article_is_an_open_graph_article(client, news):
    _index, article = news

    html = client.get(article.url).content.decode()

    assert '<meta property="og:type" content="article">' in html


def test_the_meta_description_is_the_summary_without_a_search_description(
    client, community
):
    html = client.get(community.url).content.decode()

    expected = "Résumé de la pathologie Mucoviscidose."
    assert f'<meta name="description" content="{expected}">' in html
    assert f'<meta property="og:description" content="{expected}">' in html


def test_the_search_description_wins_over_the_summary(client, community):
    community.search_description = "Tout sur la mucoviscidose."
    community.save_revision().publish()

    html = client.get(community.url).content.decode()

    assert '<meta name="description" content="Tout sur la mucoviscidose.">' in html


def test_a_page_without_a_summary_gets_the_site_description(client, home):
    page = factories.build_service_page(home)
    page.introduction = ""
    page.save_revision().publish()

    html = client.get(page.url).content.decode()

    assert '<meta name="description" content="Communautés de patients' in html


def test_a_discussion_page_has_its_own_canonical_address_and_description(
    client, discussion
):
    for author in ("bruno", "chloe"):
        factories.build_reply(discussion, factories.build_member(author))

    html = client.get(discussion.get_absolute_url()).content.decode()

    url = absolute(discussion.get_absolute_url())
    assert f'<link rel="canonical" href="{url}">' in html
    assert html.count('rel="canonical"') == 1
    assert (
        '<meta name="description" content="Discussion dans la communauté '
        'Mucoviscidose, 2 réponses.">'
    ) in html


# JSON-LD


def test_the_json_ld_of_every_page_type_parses_with_its_schema_type(
    client, community, news, discussion, theme_index, category
):
    index, article = news
    expected = {
        Site.objects.get().root_page.url: "Organization",
        community.url: "MedicalCondition",
        factories.build_theme(theme_index, category).url: "WebPage",
        factories.build_testimony(community).url: "Article",
        index.url: "CollectionPage",
        article.url: "NewsArticle",
        discussion.get_absolute_url(): "DiscussionForumPosting",
    }

    for address, schema_type in expected.items():
        data = json_ld(client.get(address).content.decode())

        assert [block["@type"] for block in data] == [schema_type], address
        assert data[0]["@context"] == "https://schema.org"


def test_a_pathology_is_a_medical_condition_with_its_orpha_code(client, community):
    (data,) = json_ld(client.get(community.url).content.decode())

    assert data["name"] == "Mucoviscidose"
    assert data["alternateName"] == ["CF", "Fibrose kystique"]
    assert data["code"] == {
        "@type": "MedicalCode",
        "codeValue": "586",
        "codingSystem": "ORPHA",
    }
    assert data["url"] == absolute(community.url)


def test_a_discussion_is_a_forum_posting_with_author_counts_and_text(
    client, discussion, alice
):
    factories.build_reply(discussion, factories.build_member("bruno"))

    (data,) = json_ld(client.get(discussion.get_absolute_url()).content.decode())

    assert data["headline"] == "La kiné respiratoire"
    assert data["author"] == {"@type": "Person", "name": "alice"}
    assert data["interactionStatistic"]["userInteractionCount"] == 1
    assert data["text"] == "Comment tenez-vous le rythme ?"
    assert data["url"] == absolute(discussion.get_absolute_url())
    assert data["datePublished"]


def test_a_pending_opening_message_is_not_in_the_json_ld(client, discussion, alice):
    factories.set_opening_status(discussion, MessageStatus.PENDING)
    client.force_login(alice)

    (data,) = json_ld(client.get(discussion.get_absolute_url()).content.decode())

    assert "text" not in data
    assert "Comment tenez-vous" not in JSON_LD.search(
        client.get(discussion.get_absolute_url()).content.decode()
    ).group(1)


def test_a_title_with_a_closing_script_tag_cannot_leave_the_json_ld(
    client, community, alice
):
    title = "</script><script>alert(1)</script> & <!--"
    discussion = factories.build_discussion(community, alice, title)

    html = client.get(discussion.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    (data,) = json_ld(html)
    assert data["headline"] == title


# Share links


def test_share_links_carry_the_absolute_address_of_each_shared_page(
    client, community, discussion, news
):
    _index, article = news
    testimony = factories.build_testimony(community)

    for address in (discussion.get_absolute_url(), testimony.url, article.url):
        html = client.get(address).content.decode()

        url = absolute(address)
        share_hrefs = re.findall(r'<a href="([^"]+)" rel="nofollow noopener"', html)
        assert len(share_hrefs) == 3, address
        for href in share_hrefs:
            query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
            assert any(url in value for values in query.values() for value in values)


def test_the_share_links_name_their_network_and_open_no_new_window(client, news):
    _index, article = news

    html = client.get(article.url).content.decode()

    assert ">Partager par courriel</a>" in html
    assert ">Partager sur Facebook</a>" in html
    assert ">Partager sur X</a>" in html
    assert 'href="mailto:?subject=' in html
    assert 'target="_blank"' not in html


def test_the_mastodon_link_goes_to_the_instance_of_the_organisation(client, news):
    _index, article = news
    settings = PortalSettings.for_site(Site.objects.get())
    settings.mastodon_url = "https://piaille.fr/@reseau"
    settings.save()

    html = client.get(article.url).content.decode()

    assert 'href="https://piaille.fr/share?text=' in html
    assert ">Partager sur Mastodon</a>" in html


def test_there_is_no_mastodon_link_without_a_mastodon_account(client, news):
    _index, article = news

    html = client.get(article.url).content.decode()

    assert "Mastodon" not in html


def test_the_address_to_copy_is_in_a_labelled_read_only_field(client, news):
    _index, article = news

    html = client.get(article.url).content.decode()

    assert '<label for="lien-a-partager">' in html
    assert (
        f'<input id="lien-a-partager" type="url" value="{absolute(article.url)}" '
        "readonly>"
    ) in html
    assert 'src="/static/js/copy-link.js"' in html


def test_no_page_loads_a_script_from_another_host(client, community, discussion, news):
    index, article = news
    addresses = [
        "/",
        community.url,
        index.url,
        article.url,
        discussion.get_absolute_url(),
        factories.build_testimony(community).url,
    ]

    for address in addresses:
        html = client.get(address).content.decode()

        assert '<script src="http' not in html, address
        assert '<script src="//' not in html, address


# Moderation: keeping a discussion away from search engines


def test_a_moderator_excludes_a_discussion_from_search_engines(client, discussion):
    client.force_login(factories.build_moderator())

    response = client.post(
        f"/admin/moderation/discussions/{discussion.pk}/moteurs-de-recherche/",
        {"noindex": "on"},
    )

    assert response.status_code == 302
    discussion.refresh_from_db()
    assert discussion.noindex


def test_a_moderator_opens_a_discussion_to_search_engines_again(client, discussion):
    Discussion.objects.filter(pk=discussion.pk).update(noindex=True)
    client.force_login(factories.build_moderator())

    client.post(f"/admin/moderation/discussions/{discussion.pk}/moteurs-de-recherche/")

    discussion.refresh_from_db()
    assert not discussion.noindex


def test_the_discussions_listing_offers_the_search_engine_button(client, discussion):
    client.force_login(factories.build_moderator())

    response = client.get("/admin/moderation/discussions/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "La kiné respiratoire" in html
    button = f"/admin/moderation/discussions/{discussion.pk}/moteurs-de-recherche/"
    assert button in html
    assert "Exclure des moteurs de recherche" in html


def test_staff_without_moderation_rights_cannot_change_indexing(client, discussion):
    client.force_login(factories.build_member("editeur", is_staff=True))

    response = client.post(
        f"/admin/moderation/discussions/{discussion.pk}/moteurs-de-recherche/",
        {"noindex": "on"},
    )

    assert response.status_code in (302, 403)
    discussion.refresh_from_db()
    assert not discussion.noindex
