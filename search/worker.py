"""
The search worker: sends pending rows to Elasticsearch, with retries.

Writes never wait for Elasticsearch. They leave rows pending; the worker
sends them in batches and marks each sent row with the change it sent, so a
row changed again meanwhile stays pending. When Elasticsearch is down the
rows wait, retried with a growing delay, and nothing is lost.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from elastic_transport import TransportError
from elasticsearch import ApiError

from . import elastic
from .models import SearchDocument

logger = logging.getLogger(__name__)

MAX_RETRY_DELAY_SECONDS = 300


def retry_delay(attempts):
    return datetime.timedelta(seconds=min(2**attempts, MAX_RETRY_DELAY_SECONDS))


def due_rows(batch_size):
    now = timezone.now()
    return (
        SearchDocument.objects.pending()
        .filter(Q(retry_after__isnull=True) | Q(retry_after__lte=now))
        .order_by("changed_at")[:batch_size]
    )


def mark_sent(rows, accepted_keys):
    sent = 0
    for row in rows:
        if row.key not in accepted_keys:
            continue
        unchanged = SearchDocument.objects.filter(pk=row.pk, changed_at=row.changed_at)
        if row.is_public:
            sent += unchanged.update(indexed_at=row.changed_at, attempts=0)
        else:
            sent += unchanged.delete()[0]
    return sent


def postpone(rows):
    for row in rows:
        SearchDocument.objects.filter(pk=row.pk, changed_at=row.changed_at).update(
            attempts=F("attempts") + 1,
            retry_after=timezone.now() + retry_delay(row.attempts + 1),
        )


def process_pending(es=None, batch_size=500):
    """Send one batch of pending rows; return how many reached the index."""
    with transaction.atomic():
        rows = list(due_rows(batch_size).select_for_update(skip_locked=True))
        if not rows:
            return 0
        try:
            es = es or elastic.client()
            elastic.ensure_index(es)
            accepted = set(elastic.apply_documents(es, rows))
        except (TransportError, ApiError):
            logger.warning(
                "Search worker: Elasticsearch unavailable, %s updates postponed",
                len(rows),
                exc_info=True,
            )
            postpone(rows)
            return 0
        postpone([row for row in rows if row.key not in accepted])
        return mark_sent(rows, accepted)


def drain(es=None, batch_size=500):
    """Send every due row; return how many reached the index."""
    total = 0
    while sent := process_pending(es, batch_size):
        total += sent
    return total


def status(es=None):
    pending = SearchDocument.objects.pending()
    oldest = pending.order_by("changed_at").values_list("changed_at", flat=True).first()
    report = {
        "documents": SearchDocument.objects.public().count(),
        "pending": pending.count(),
        "lag_seconds": (timezone.now() - oldest).total_seconds() if oldest else 0,
        "indexed": None,
    }
    if elastic.is_configured():
        try:
            es = es or elastic.client()
            report["indexed"] = es.count(index=settings.SEARCH_INDEX_ALIAS)["count"]
        except (TransportError, ApiError):
            logger.warning("Search status: Elasticsearch unavailable", exc_info=True)
    return report
