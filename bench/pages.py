"""
Render time and SQL queries of the community pages on the demo content.

Run by `make bench` on PostgreSQL: it builds a throwaway test database,
seeds the demo site and prints one JSON object per line.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402 (Django must be configured before its imports)

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.common import emit, measure, throwaway_database  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=200)
    arguments = parser.parse_args()

    from pathologies.models import PathologyPage
    from themes_transversal.models import ThemePage

    with throwaway_database("test_portal_bench_pages"):
        call_command("seed_demo", verbosity=0)
        pathology = PathologyPage.objects.get(orpha_code="232")
        theme = ThemePage.objects.get(slug="inclusion-scolaire")
        client = Client(HTTP_HOST="localhost")
        pages = {
            "home_page": "/",
            "pathology_page": pathology.url,
            "theme_page": theme.url,
        }
        for name, url in pages.items():
            figures = measure(client, url, arguments.requests)
            emit(f"{name}_render_p50", figures["p50"], "ms")
            emit(f"{name}_render_p95", figures["p95"], "ms")
            emit(f"{name}_sql_queries", figures["queries"], "queries")


if __name__ == "__main__":
    main()
