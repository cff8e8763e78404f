"""
The audience worker: moves the view counters from the cache to the database.

For each of the last `AUDIENCE_FLUSH_DAYS` days, the worker reads the day's
journal to find its counters, then claims what each holds by decrementing it
by the amount read (`claim`), so views counted meanwhile stay for the next
pass and two workers never claim the same views. The claimed amounts are
added, in one transaction, to `DailyViews`, `DailyVisitors`,
`PageViewTotal` and `Discussion.view_count`.

Claiming comes before writing: if the database refuses the write the
amounts are given back to the cache, and only a worker killed between the
two loses one pass of counts. The figures may fall short, never run over.
"""

import datetime
import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone
from wagtail.models import Page

from discussions.models import Discussion

from . import conf, recorder
from .models import DailyViews, DailyVisitors, PageViewTotal, ViewKind

logger = logging.getLogger(__name__)

BATCH_SIZE = 500


def batches(items, size=BATCH_SIZE):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def journal(cache, day):
    """Return the `(kind, object_id)` of every counter of `day`."""
    length = cache.get(recorder.journal_key(day)) or 0
    slots = [recorder.slot_key(day, number) for number in range(1, length + 1)]
    objects = set()
    for keys in batches(slots):
        for entry in cache.get_many(keys).values():
            kind, object_id = entry.split(":")
            objects.add((kind, int(object_id)))
    return objects


def claim(cache, key, amount):
    """
    Take up to `amount` from the counter at `key`; return what was taken.

    The decrement is atomic; when another worker took part of it first, the
    counter goes below zero and the excess is given back.
    """
    try:
        left = cache.decr(key, amount)
    except ValueError:
        return 0
    if left >= 0:
        return amount
    excess = min(amount, -left)
    cache.incr(key, excess)
    return amount - excess


def claim_day(cache, day):
    """Claim the counters of `day`; return `({(kind, id): views}, visitors)`."""
    keys = {
        recorder.views_key(day, kind, object_id): (kind, object_id)
        for kind, object_id in journal(cache, day)
    }
    views = {}
    for chunk in batches(keys):
        for key, amount in cache.get_many(chunk).items():
            if amount > 0 and (taken := claim(cache, key, amount)):
                views[keys[key]] = taken
    visitors = cache.get(recorder.visitors_key(day)) or 0
    if visitors > 0:
        visitors = claim(cache, recorder.visitors_key(day), visitors)
    return views, visitors


def give_back(cache, day, views, visitors):
    for (kind, object_id), amount in views.items():
        cache.incr(recorder.views_key(day, kind, object_id), amount)
    if visitors:
        cache.incr(recorder.visitors_key(day), visitors)


def add_to_rows(queryset, key_field, amounts, field, **new_row_fields):
    """Add `amounts[key]` to `field` of the row at `key`, creating missing rows."""
    model = queryset.model
    found = []
    for chunk in batches(amounts):
        rows = queryset.select_for_update().filter(**{f"{key_field}__in": chunk})
        for row in rows:
            key = getattr(row, key_field)
            setattr(row, field, getattr(row, field) + amounts[key])
            found.append(row)
    model.objects.bulk_update(found, [field], batch_size=BATCH_SIZE)
    missing = amounts.keys() - {getattr(row, key_field) for row in found}
    model.objects.bulk_create(
        [
            model(**new_row_fields, **{key_field: key, field: amounts[key]})
            for key in missing
        ],
        batch_size=BATCH_SIZE,
    )


def add_discussion_views(amounts):
    # One UPDATE per batch, relative to the stored value: a discussion row is
    # also written by replies and moderation, so it is not read first.
    for chunk in batches(amounts):
        increments = Case(
            *[When(pk=pk, then=Value(amounts[pk])) for pk in chunk],
            default=Value(0),
        )
        Discussion.objects.filter(pk__in=chunk).update(
            view_count=F("view_count") + increments
        )


def save_day(day, views, visitors):
    by_kind = defaultdict(dict)
    for (kind, object_id), amount in views.items():
        by_kind[kind][object_id] = amount
    for kind, amounts in by_kind.items():
        add_to_rows(
            DailyViews.objects.filter(day=day, kind=kind),
            "object_id",
            amounts,
            "views",
            day=day,
            kind=kind,
        )

    add_discussion_views(by_kind.get(ViewKind.DISCUSSION, {}))
    page_views = by_kind.get(ViewKind.PAGE, {})
    existing = set(Page.objects.filter(pk__in=page_views).values_list("pk", flat=True))
    add_to_rows(
        PageViewTotal.objects.all(),
        "page_id",
        {pk: amount for pk, amount in page_views.items() if pk in existing},
        "views",
    )

    if visitors:
        add_to_rows(DailyVisitors.objects.all(), "day", {day: visitors}, "visitors")


def flush_day(cache, day):
    """Move the counters of `day` to the database; return the views moved."""
    views, visitors = claim_day(cache, day)
    if not views and not visitors:
        return 0
    try:
        with transaction.atomic():
            save_day(day, views, visitors)
    except Exception:
        logger.exception("Audience: counts of %s not saved, given back", day)
        give_back(cache, day, views, visitors)
        return 0
    return sum(views.values())


def flush(today=None):
    """Move the counters of the last days to the database; return the views moved."""
    today = today or timezone.localdate()
    cache = recorder.counting_cache()
    moved = 0
    for offset in range(conf.get("AUDIENCE_FLUSH_DAYS")):
        day = today - datetime.timedelta(days=offset)
        try:
            moved += flush_day(cache, day)
        except Exception as error:
            logger.warning(
                "Audience: cache unavailable, counts of %s left for later (%s)",
                day,
                type(error).__name__,
            )
    if moved:
        logger.info("Audience: %s views saved", moved)
    return moved
