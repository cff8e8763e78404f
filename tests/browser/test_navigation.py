"""A visitor finds their way with the mouse, the keyboard and the search box."""

import re

from playwright.sync_api import expect


def main_heading(page):
    return page.get_by_role("heading", level=1)


def passerelles(page, title):
    return page.get_by_role("complementary", name=title)


def test_a_visitor_reaches_a_neighbour_pathology_through_a_shared_theme(
    page, live_server, community_site
):
    page.goto("/")
    expect(main_heading(page)).to_have_text("Réseau maladies rares")

    main_menu = page.get_by_role("navigation", name="Navigation principale")
    main_menu.get_by_role("link", name="Pathologies").click()
    expect(main_heading(page)).to_have_text("Pathologies")

    page.get_by_role("link", name="Mucoviscidose").click()
    expect(main_heading(page)).to_have_text("Mucoviscidose")

    linked_themes = passerelles(page, "Thèmes transversaux liés")
    linked_themes.get_by_role("link", name="Inclusion scolaire").click()
    expect(main_heading(page)).to_have_text("Inclusion scolaire")

    linked_pathologies = passerelles(page, "Pathologies concernées")
    linked_pathologies.get_by_role("link", name="Drépanocytose").click()
    expect(main_heading(page)).to_have_text("Drépanocytose")
    neighbour = community_site["neighbour_pathology"]
    expect(page).to_have_url(live_server.url + neighbour.url)


def test_the_skip_link_is_the_first_element_the_keyboard_reaches(page, community_site):
    page.goto("/")

    page.keyboard.press("Tab")

    expect(page.get_by_role("link", name="Aller au contenu")).to_be_focused()


def test_the_skip_link_moves_the_focus_to_the_main_content(page, community_site):
    page.goto("/")
    page.keyboard.press("Tab")

    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile("#contenu$"))
    expect(page.get_by_role("main")).to_be_focused()


def test_the_header_search_form_lists_the_matching_communities(page, community_site):
    page.goto("/")

    header = page.get_by_role("banner")
    header.get_by_label("Rechercher dans toutes les communautés").fill("Mucoviscidose")
    header.get_by_role("button", name="Rechercher").click()

    expect(page).to_have_url(re.compile(r"/recherche/\?q=Mucoviscidose$"))
    expect(page.get_by_role("status")).to_have_text("1 résultat")
    expect(
        page.get_by_role("main").get_by_role("link", name="Mucoviscidose")
    ).to_be_visible()
