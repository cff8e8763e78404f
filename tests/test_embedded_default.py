"""
`make run`'s configuration works with no outside service: SQLite, Wagtail's
database search, local-memory cache.
"""

import os
import subprocess
import sys

from django.conf import settings

SERVE_EVERY_PAGE_TYPE = """
from tests.test_embedded_default import LOOSE_QUERIES
import django
django.setup()
from django.test import Client
from wagtail.models import Page

client = Client(HTTP_HOST="localhost")
seen = {}
for page in Page.objects.live().filter(depth__gt=1).specific():
    seen.setdefault(type(page).__name__, page.url)
for name, url in sorted(seen.items()):
    print(name, client.get(url).status_code)
print("search", client.get("/recherche/", {"q": "école"}).status_code)
print("healthz", client.get("/healthz").status_code)
for query in LOOSE_QUERIES:
    found = client.get("/api/v2/search/", {"q": query}).json()["results"]
    print("loose", query, "Drépanocytose" in [hit["title"] for hit in found])
"""
# Without accents, in capitals, in the plural: SQLite has no French analysis,
# the fallback's folded text stands in for it.
LOOSE_QUERIES = ["drepanocytose", "DREPANOCYTOSES", "anemie falciforme"]


def test_migrate_seed_and_serve_on_sqlite(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "ELASTICSEARCH_URL", "REDIS_URL"}
    }
    env["DJANGO_SETTINGS_MODULE"] = "portal.settings.dev"
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'portal.sqlite3'}"

    def manage(*arguments):
        return subprocess.run(
            [sys.executable, *arguments],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )

    manage("manage.py", "migrate", "--noinput")
    manage("manage.py", "seed_demo")
    served = manage("-c", SERVE_EVERY_PAGE_TYPE).stdout.split("\n")

    loose = [line for line in served if line.startswith("loose ")]
    assert loose == [f"loose {query} True" for query in LOOSE_QUERIES]
    statuses = dict(line.split() for line in served if line and line not in loose)
    expected_types = {
        "HomePage",
        "PathologyIndexPage",
        "PathologyPage",
        "ThemeIndexPage",
        "ThemePage",
        "TestimonyPage",
        "NewsIndexPage",
        "NewsArticlePage",
        "ServicePage",
        "ModerationCharterPage",
    }
    assert expected_types <= statuses.keys()
    assert set(statuses.values()) == {"200"}
