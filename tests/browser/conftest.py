"""
Fixtures of the browser tests: Debian's Chromium, driven by Playwright,
visits Django's live server, which reads the database the tests write to.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from wagtail.models import Site

from pathologies.models import PathologyIndexPage
from portal.models import PortalSettings
from tests import factories
from themes_transversal.models import ThemeIndexPage

BROWSER_TESTS = Path(__file__).parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

COMMUNITY_BODY = [
    ("heading", "Vivre avec la maladie"),
    ("paragraph", "<p>Les kinésithérapies respiratoires rythment les journées.</p>"),
    (
        "callout",
        {"title": "Urgence", "text": "<p>En cas de détresse, appelez le 15.</p>"},
    ),
]
VAINCRE_LA_MUCOVISCIDOSE = {
    "title": "Vaincre la Mucoviscidose",
    "url": "https://www.vaincrelamuco.org/",
    "description": "Association de patients et de parents.",
}
ORPHANET_HOME = {
    "title": "Orphanet",
    "url": "https://www.orpha.net/",
    "description": "",
}

# Reduce axe's results, in the page, to what a failure message names.
RUN_AXE = """
async (tags) => {
    const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return results.violations.map((violation) => ({
        id: violation.id,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(" ")),
    }));
}
"""

# Playwright's synchronous API keeps an asyncio loop running in the test's
# thread, where the tests and the database fixtures still use the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_tool(CHROMIUM, "install Debian's chromium package")
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": CHROMIUM_FLAGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "fr-FR"}


@pytest.fixture(autouse=True)
def _live_database(transactional_db, live_server):
    """
    Share the database with the live server's thread, and give back to each
    test the rows of Wagtail's migrations that the previous test's flush
    removed: the default locale, the root page and the root collection.

    `django_db_serialized_rollback` would restore them, but it keeps the
    serialized rows on a connection object, and Django gives this thread other
    connection objects once Playwright runs its event loop here.
    """
    factories.restore_wagtail_roots()


def require_tool(path, install_hint):
    """Skip the test when a tool is missing, or fail it under CI."""
    if path.exists():
        return
    message = f"{path} is missing: {install_hint}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def describe_violations(url, violations):
    lines = [f"axe-core finds {len(violations)} WCAG 2.1 A/AA violations on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']}: {violation['help']}")
        lines.extend(f"    {target}" for target in violation["targets"])
    return "\n".join(lines)


@pytest.fixture(scope="session")
def axe_script():
    require_tool(AXE_SCRIPT, "run `npm ci` to install axe-core")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def assert_no_wcag_violations(axe_script):
    """Return a check that runs axe-core on the page in the browser."""

    def check(page):
        page.add_script_tag(content=axe_script)
        violations = page.evaluate(RUN_AXE, WCAG_A_AA)
        assert not violations, describe_violations(page.url, violations)

    return check


def serve_site_from(live_server):
    """Point the default Wagtail site at the live server and return it."""
    address = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname = address.hostname
    site.port = address.port
    site.save()
    return site


@pytest.fixture
def community_site(live_server):
    """
    Build a small site with one page of every type, served by the live server.

    `seed_demo` would be more realistic, but it takes about 15 s on
    PostgreSQL and every test starts from an empty database.
    """
    home = factories.build_home()
    site = serve_site_from(live_server)
    PortalSettings.objects.create(
        site=site,
        contact_email="contact@example.org",
        mastodon_url="https://mastodon.social/@exemple",
    )

    pathology_index = factories.publish(
        home,
        PathologyIndexPage(
            title="Pathologies",
            slug="pathologies",
            introduction="Une communauté par maladie rare.",
            show_in_menus=True,
        ),
    )
    theme_index = factories.publish(
        home,
        ThemeIndexPage(
            title="Thèmes transversaux",
            slug="themes",
            introduction="Les questions que partagent toutes les pathologies.",
            show_in_menus=True,
        ),
    )
    medical = factories.build_category(name="Médical", slug="medical")
    societal = factories.build_category(name="Sociétal", slug="societal")

    school = factories.build_theme(theme_index, societal, "Inclusion scolaire")
    carers = factories.build_theme(theme_index, societal, "Aidants")
    wandering = factories.build_theme(theme_index, medical, "Errance diagnostique")

    cystic_fibrosis = factories.build_pathology(
        pathology_index,
        "Mucoviscidose",
        themes=[school, wandering],
        orpha_code="586",
        synonyms="CF\nFibrose kystique",
        body=COMMUNITY_BODY,
        associations=[("association", VAINCRE_LA_MUCOVISCIDOSE)],
        useful_links=[("link", ORPHANET_HOME)],
    )
    sickle_cell = factories.build_pathology(
        pathology_index, "Drépanocytose", themes=[school, carers], orpha_code="232"
    )
    factories.build_pathology(
        pathology_index, "Hémophilie A", themes=[carers], orpha_code="98878"
    )

    testimony = factories.build_testimony(school, "Une rentrée préparée ensemble")
    news_index, article = factories.build_news(home, "Journée des maladies rares")

    return {
        "home": home,
        "pathology_index": pathology_index,
        "pathology": cystic_fibrosis,
        "neighbour_pathology": sickle_cell,
        "theme_index": theme_index,
        "theme": school,
        "testimony": testimony,
        "news_index": news_index,
        "news_article": article,
        "service_page": factories.build_service_page(home),
        "moderation_charter": factories.build_charter(home),
    }
