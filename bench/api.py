"""
Response time and SQL queries of the JSON API, and what counting views adds
to a page view.

Run by `make bench` on PostgreSQL: it builds a throwaway test database,
seeds the demo site, adds a discussion of 200 messages and prints one JSON
object per line. Search goes to Elasticsearch when ELASTICSEARCH_URL is set
(an index alias of the benchmark's own, removed afterwards), to the
database otherwise.

View counting is measured on the same page in the same run with
`AUDIENCE_COUNTING` on, then off, in alternating rounds so that a change of
machine load weighs on both sides alike; the ratio is on / off.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django  # noqa: E402 (Django must be configured before its imports)

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client, override_settings  # noqa: E402

from bench.common import emit, measure, percentile, throwaway_database  # noqa: E402

MESSAGES = 200


def add_discussion(place):
    """Open a discussion of MESSAGES published messages, three levels deep."""
    from discussions import services
    from tests.factories import build_member

    author = build_member("bench-api", is_staff=True)
    discussion, opening = services.start_discussion(
        place=place, author=author, title="Un fil pour l'API", text="Bonjour."
    )
    parents = [opening]
    for number in range(MESSAGES - 1):
        parent = parents[number % len(parents)] if number % 3 else None
        message = services.create_message(
            discussion, author, f"Réponse numéro {number}.", parent=parent
        )
        if message.level < 2:
            parents.append(message)
    services.sync_discussion(discussion)
    return discussion


def counting_cost(url, rounds):
    """Return (p50 with counting, p50 without) over alternating rounds."""
    timings = {True: [], False: []}
    client = Client(HTTP_HOST="localhost", HTTP_USER_AGENT="Mozilla/5.0 bench")
    for number in range(rounds * 2):
        counting = number % 2 == 0
        # A new address each time: every view is a first view to count.
        address = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        with override_settings(AUDIENCE_COUNTING=counting):
            started = time.perf_counter()
            response = client.get(url, REMOTE_ADDR=address)
            timings[counting].append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return (
        statistics.median(timings[True]),
        statistics.median(timings[False]),
        percentile(timings[True], 0.95),
        percentile(timings[False], 0.95),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    arguments = parser.parse_args()

    from pathologies.models import PathologyPage

    if settings.ELASTICSEARCH_URL:
        settings.SEARCH_INDEX_ALIAS = f"bench-api-{uuid.uuid4().hex[:8]}"
    with throwaway_database("test_portal_bench_api"):
        call_command("seed_demo", verbosity=0)
        pathology = PathologyPage.objects.get(orpha_code="586")
        discussion = add_discussion(pathology)
        if settings.ELASTICSEARCH_URL:
            call_command("search_index", "rebuild", verbosity=0)

        client = Client(HTTP_HOST="localhost")
        endpoints = {
            "api_page_list": "/api/v2/pages/?type=pathologies.PathologyPage&limit=20",
            "api_community_detail": f"/api/v2/pages/{pathology.pk}/",
            "api_discussion_thread": f"/api/v2/discussions/{discussion.pk}/",
            "api_search": "/api/v2/search/?q=kinesitherapie",
        }
        for name, url in endpoints.items():
            figures = measure(client, url, arguments.requests)
            emit(f"{name}_p50", figures["p50"], "ms")
            emit(f"{name}_p95", figures["p95"], "ms")
            emit(f"{name}_sql_queries", figures["queries"], "queries")

        on_p50, off_p50, on_p95, off_p95 = counting_cost(
            pathology.url, arguments.requests
        )
        emit(
            "page_view_with_counting_p50",
            on_p50,
            "ms",
            peer="page_view_without_counting",
            peer_value=off_p50,
        )
        emit(
            "page_view_with_counting_p95",
            on_p95,
            "ms",
            peer="page_view_without_counting",
            peer_value=off_p95,
        )
        if settings.ELASTICSEARCH_URL:
            from search import elastic

            elastic.client().indices.delete(index=f"{settings.SEARCH_INDEX_ALIAS}-*")


if __name__ == "__main__":
    main()
