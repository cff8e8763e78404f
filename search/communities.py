"""Community names for suggestions while typing and after an empty search."""

import difflib

from django.core.cache import cache

from pathologies.models import PathologyPage
from themes_transversal.models import ThemePage

from .folding import fold

CACHE_KEY = "search:community-names"
CACHE_SECONDS = 300
MAX_SUGGESTIONS = 8


def community_names():
    """Return (name, community title, url) for every name of every community."""
    names = cache.get(CACHE_KEY)
    if names is None:
        names = []
        for model in (PathologyPage, ThemePage):
            for page in (
                model.objects.live().public().only("title", "url_path", "path", "depth")
            ):
                url = page.url or ""
                names.append((page.title, page.title, url))
                for synonym in getattr(page, "synonym_list", []):
                    names.append((synonym, page.title, url))
        cache.set(CACHE_KEY, names, CACHE_SECONDS)
    return names


def suggest(prefix, limit=MAX_SUGGESTIONS):
    """Return communities whose name starts with, then contains, the text."""
    wanted = fold(prefix.strip())
    if len(wanted) < 2:
        return []
    starts, contains, seen = [], [], set()
    for name, title, url in community_names():
        folded = fold(name)
        if title in seen:
            continue
        if folded.startswith(wanted):
            starts.append((name, title, url))
            seen.add(title)
        elif wanted in folded:
            contains.append((name, title, url))
            seen.add(title)
    return (starts + contains)[:limit]


def closest(query, limit=3):
    """Return the communities whose names look most like a query that failed."""
    names = community_names()
    by_folded = {fold(name): (title, url) for name, title, url in names}
    matches = difflib.get_close_matches(fold(query), by_folded, n=limit * 2, cutoff=0.6)
    found = []
    for match in matches:
        if by_folded[match] not in found:
            found.append(by_folded[match])
    return found[:limit]
