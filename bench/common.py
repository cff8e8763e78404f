"""What every benchmark shares: its output format and a throwaway database."""

import contextlib
import json
import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext, setup_test_environment


def emit(name, value, unit, **peer):
    """
    Print one figure as a JSON line; with `peer` and `peer_value`, also the
    peer's figure and ours/peer as `ratio`, lower being better.
    """
    line = {"name": name, "value": round(value, 3), "unit": unit}
    if peer:
        line.update(
            peer=peer["peer"],
            peer_value=round(peer["peer_value"], 3),
            ratio=round(value / peer["peer_value"], 3),
        )
    print(json.dumps(line), flush=True)


@contextlib.contextmanager
def throwaway_database(name):
    """
    Create a migrated test database under a name of the benchmark's own, so
    that a benchmark never drops a test run's database, and drop it after.
    """
    setup_test_environment()
    connection.settings_dict["TEST"]["NAME"] = name
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


WARMUP_REQUESTS = 10


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url, requests):
    for _ in range(WARMUP_REQUESTS):
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    # Count now: the next request resets the connection's query log.
    query_count = len(queries)
    if response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")

    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return {
        "p50": statistics.median(timings),
        "p95": percentile(timings, 0.95),
        "queries": query_count,
    }
