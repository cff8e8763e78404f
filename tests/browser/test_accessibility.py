"""Every public page type meets WCAG 2.1 A and AA, as far as axe-core can tell."""

import pytest

PAGE_TYPES = [
    "home",
    "pathology_index",
    "pathology",
    "theme_index",
    "theme",
    "testimony",
    "news_index",
    "news_article",
    "service_page",
    "moderation_charter",
    "search_with_results",
    "search_without_results",
    "not_found",
]


@pytest.fixture
def address_of(community_site):
    """Map each page type to the address of one page of that type."""
    addresses = {name: page.url for name, page in community_site.items()}
    addresses["search_with_results"] = "/recherche/?q=Mucoviscidose"
    addresses["search_without_results"] = "/recherche/?q=introuvable"
    addresses["not_found"] = "/cette-page-n-existe-pas/"
    return addresses


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_the_page_type_has_no_wcag_violation(
    page, address_of, assert_no_wcag_violations, page_type
):
    page.goto(address_of[page_type])

    assert_no_wcag_violations(page)


def test_the_expired_form_page_has_no_wcag_violation(
    page, community_site, assert_no_wcag_violations
):
    """
    A form sent with a stale CSRF token lands on a page that gives back what
    was written; the browser shows it as any other page of the portal.
    """
    community = community_site["pathology"]
    page.goto(community.url)
    with page.expect_navigation():
        page.evaluate(
            """(action) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = action;
                for (const [name, value] of [
                    ["csrfmiddlewaretoken", "périmé"], ["text", "Ma réponse"],
                ]) {
                    const field = document.createElement("input");
                    field.name = name;
                    field.value = value;
                    form.append(field);
                }
                document.body.append(form);
                form.submit();
            }""",
            f"/discussions/nouvelle/{community.pk}/",
        )

    assert page.locator("textarea").input_value() == "Ma réponse"
    assert_no_wcag_violations(page)
