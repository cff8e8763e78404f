"""Readiness checks of the services the portal depends on."""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)

ELASTICSEARCH_TIMEOUT_SECONDS = 2


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Health check: the database does not answer")
        return {"status": "error", "vendor": connection.vendor}
    return {"status": "ok", "vendor": connection.vendor}


def check_cache():
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    key = f"healthz:{uuid.uuid4().hex}"
    try:
        cache.set(key, "1", timeout=5)
        answered = cache.get(key) == "1"
        cache.delete(key)
    except Exception:
        logger.exception("Health check: the cache does not answer")
        answered = False
    return {"status": "ok" if answered else "error", "backend": backend}


def check_search():
    """
    Say which engine serves visitor search. Without ELASTICSEARCH_URL the
    database serves it by design; an Elasticsearch that does not answer is a
    degraded state, not a failure, since the database takes over.
    """
    from search.models import SearchDocument

    if not settings.ELASTICSEARCH_URL:
        return {"status": "ok", "engine": "database"}
    try:
        pending = SearchDocument.objects.pending().count()
    except Exception:
        logger.exception("Health check: pending search updates cannot be counted")
        pending = None

    from search import elastic

    client = elastic.client().options(request_timeout=ELASTICSEARCH_TIMEOUT_SECONDS)
    try:
        health = client.cluster.health()
    except Exception:
        logger.warning("Health check: Elasticsearch does not answer", exc_info=True)
        return {
            "status": "degraded",
            "engine": "database",
            "elasticsearch": "down",
            "pending_updates": pending,
        }
    return {
        "status": "ok",
        "engine": "elasticsearch",
        "elasticsearch": health.get("status", "unknown"),
        "pending_updates": pending,
    }


def readiness():
    """Return `(ready, report)`: ready unless the database or the cache fail."""
    report = {
        "database": check_database(),
        "cache": check_cache(),
        "search": check_search(),
    }
    ready = all(report[name]["status"] == "ok" for name in ("database", "cache"))
    report["status"] = "ok" if ready else "error"
    return ready, report
