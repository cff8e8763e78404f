"""
Searching every community at once.

`SearchParameters` reads what a visitor or an API client asks for;
`run_search` answers it from Elasticsearch, or from the database rows when
Elasticsearch is not configured or does not answer, with the same results,
facets and pagination so that pages and the API render either alike.
"""

import dataclasses
import datetime
import logging
import math

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from elastic_transport import TransportError
from elasticsearch import ApiError

from themes_transversal.models import ThemeCategory

from . import elastic
from .folding import loose_stem
from .models import Kind, SearchDocument

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 20
MAX_QUERY_LENGTH = 200
EXCERPT_LENGTH = 180
# Elasticsearch refuses to page past this many results.
MAX_RESULT_WINDOW = 10_000

PERIODS = {
    "mois": (_("Le mois dernier"), 31),
    "annee": (_("L'année dernière"), 365),
    "ancien": (_("Plus d'un an"), None),
}
SORTS = {"pertinence": _("Pertinence"), "date": _("Date")}


class InvalidSearch(ValueError):
    """A parameter an API client must correct; the message is for people."""


@dataclasses.dataclass(frozen=True)
class SearchParameters:
    query: str = ""
    kinds: tuple = ()
    communities: tuple = ()
    categories: tuple = ()
    period: str = ""
    sort: str = "pertinence"
    page: int = 1

    @classmethod
    def from_querydict(cls, data, strict=False):
        """
        Read parameters from a request's GET data. When `strict` (the API),
        refuse what is malformed; otherwise fall back to defaults, since a
        visitor's hand-edited address deserves a page, not an error.
        """
        raw_query = data.get("q", "")
        if strict and len(raw_query) > MAX_QUERY_LENGTH * 5:
            raise InvalidSearch(
                _("La recherche dépasse %(limit)s caractères.")
                % {"limit": MAX_QUERY_LENGTH * 5}
            )
        query = "".join(char for char in raw_query if char.isprintable())
        query = " ".join(query.split())[:MAX_QUERY_LENGTH]

        page = data.get("page", "1") or "1"
        try:
            page = int(page)
            if page < 1:
                raise ValueError
        except ValueError:
            if strict:
                raise InvalidSearch(
                    _("Le numéro de page doit être un entier positif.")
                ) from None
            page = 1

        sort = data.get("tri", "pertinence") or "pertinence"
        if sort not in SORTS:
            if strict:
                raise InvalidSearch(_("Tri inconnu : utilisez pertinence ou date."))
            sort = "pertinence"

        period = data.get("periode", "")
        if period and period not in PERIODS:
            if strict:
                raise InvalidSearch(
                    _("Période inconnue : utilisez mois, annee ou ancien.")
                )
            period = ""

        def values(name):
            # PostgreSQL refuses NUL characters in a query parameter.
            cleaned = (value.replace("\x00", "")[:64] for value in data.getlist(name))
            return tuple(sorted({value for value in cleaned if value}))

        return cls(
            query=query,
            kinds=values("type"),
            communities=values("communaute"),
            categories=values("categorie"),
            period=period,
            sort=sort,
            page=page,
        )

    def as_params(self, **changes):
        """Return these parameters as (name, value) pairs for a link."""
        current = dataclasses.replace(self, **changes)
        pairs = [("q", current.query)] if current.query else []
        pairs += [("type", value) for value in current.kinds]
        pairs += [("communaute", value) for value in current.communities]
        pairs += [("categorie", value) for value in current.categories]
        if current.period:
            pairs.append(("periode", current.period))
        if current.sort != "pertinence":
            pairs.append(("tri", current.sort))
        if current.page != 1:
            pairs.append(("page", str(current.page)))
        return pairs

    def toggled(self, facet, value):
        """Return the parameters with one facet value switched, on page 1."""
        if facet == "period":
            return self.as_params(period="" if self.period == value else value, page=1)
        selected = set(getattr(self, facet))
        selected ^= {value}
        return self.as_params(**{facet: tuple(sorted(selected)), "page": 1})

    @property
    def is_empty(self):
        return not (self.query or self.kinds or self.communities or self.categories)


@dataclasses.dataclass
class SearchHit:
    key: str
    title: str
    url: str
    kind: str
    community_title: str
    published_at: datetime.datetime | None
    title_html: str
    excerpt_html: str

    @property
    def kind_label(self):
        return Kind(self.kind).label


@dataclasses.dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclasses.dataclass
class SearchResults:
    parameters: SearchParameters
    hits: list
    total: int
    facets: dict
    engine: str
    degraded: bool = False

    @property
    def num_pages(self):
        return max(1, math.ceil(min(self.total, MAX_RESULT_WINDOW) / RESULTS_PER_PAGE))

    @property
    def page(self):
        return self.parameters.page

    @property
    def has_previous(self):
        return 1 < self.page <= self.num_pages + 1

    @property
    def has_next(self):
        return self.page < self.num_pages


def period_start(period, now):
    days = PERIODS[period][1]
    return now - datetime.timedelta(days=days or 365)


def excerpt(text):
    text = " ".join(text.split())
    if len(text) > EXCERPT_LENGTH:
        text = text[:EXCERPT_LENGTH].rsplit(" ", 1)[0] + "…"
    return escape(text)


def facet_labels(kind_counts, community_counts, category_counts, period_counts, p):
    community_titles = dict(
        SearchDocument.objects.filter(key__in=list(community_counts)).values_list(
            "key", "title"
        )
    )
    category_names = dict(ThemeCategory.objects.values_list("slug", "name"))
    return {
        "kinds": [
            FacetValue(kind, Kind(kind).label, count, kind in p.kinds)
            for kind, count in kind_counts.items()
            if kind in Kind.values
        ],
        "communities": sorted(
            (
                FacetValue(
                    key, community_titles.get(key, key), count, key in p.communities
                )
                for key, count in community_counts.items()
            ),
            key=lambda facet: (-facet.count, facet.label),
        ),
        "categories": [
            FacetValue(
                slug, category_names.get(slug, slug), count, slug in p.categories
            )
            for slug, count in category_counts.items()
        ],
        "period": [
            FacetValue(
                period,
                PERIODS[period][0],
                period_counts.get(period, 0),
                period == p.period,
            )
            for period in PERIODS
        ],
    }


# Elasticsearch ---------------------------------------------------------------


def elasticsearch_body(p, now):
    if p.query:
        fields = ["title^4", "synonyms^4", "community_terms^2", "body"]
        text_query = {
            "bool": {
                "should": [
                    {
                        # Words may be spread over the title, the text and
                        # the community's names: "rentrée scolaire".
                        "multi_match": {
                            "query": p.query,
                            "fields": fields,
                            "type": "cross_fields",
                            "operator": "and",
                            "boost": 2,
                        }
                    },
                    {
                        "multi_match": {
                            "query": p.query,
                            "fields": fields,
                            "operator": "and",
                            "analyzer": "french_text",
                            "fuzziness": "AUTO",
                            "prefix_length": 1,
                        }
                    },
                    {"match": {"title.prefix": {"query": p.query, "operator": "and"}}},
                ],
                "minimum_should_match": 1,
            }
        }
    else:
        text_query = {"match_all": {}}

    filters = []
    if p.kinds:
        filters.append({"terms": {"kind": list(p.kinds)}})
    if p.communities:
        filters.append({"terms": {"community": list(p.communities)}})
    if p.categories:
        filters.append({"terms": {"categories": list(p.categories)}})
    if p.period == "ancien":
        filters.append({"range": {"published_at": {"lt": period_start("ancien", now)}}})
    elif p.period:
        filters.append(
            {"range": {"published_at": {"gte": period_start(p.period, now)}}}
        )

    offset = (p.page - 1) * RESULTS_PER_PAGE
    size = RESULTS_PER_PAGE if offset + RESULTS_PER_PAGE <= MAX_RESULT_WINDOW else 0
    body = {
        "query": {"bool": {"must": [text_query], "filter": filters}},
        "from": offset if size else 0,
        "size": size,
        "track_total_hits": True,
        "_source": ["kind", "title", "url", "community_title", "published_at", "body"],
        "aggs": {
            "kinds": {"terms": {"field": "kind", "size": 10}},
            "communities": {"terms": {"field": "community", "size": 200}},
            "categories": {"terms": {"field": "categories", "size": 20}},
            "period": {
                "date_range": {
                    "field": "published_at",
                    "keyed": True,
                    "ranges": [
                        {"key": "mois", "from": period_start("mois", now)},
                        {"key": "annee", "from": period_start("annee", now)},
                        {"key": "ancien", "to": period_start("ancien", now)},
                    ],
                }
            },
        },
        "highlight": {
            "encoder": "html",
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "fields": {
                "title": {"number_of_fragments": 0},
                "body": {
                    "fragment_size": EXCERPT_LENGTH,
                    "number_of_fragments": 1,
                },
            },
        },
    }
    if p.query:
        # Highlight only what matched as typed: highlighting the fuzzy
        # variants costs most of the search time on a large index, and a
        # result found through a typo falls back to the start of its text.
        exact = text_query["bool"]["should"][0]
        prefix = text_query["bool"]["should"][2]
        body["highlight"]["highlight_query"] = {
            "bool": {"should": [exact, prefix], "minimum_should_match": 1}
        }
    if p.sort == "date":
        body["sort"] = [
            {"published_at": {"order": "desc", "missing": "_last"}},
            "_score",
        ]
    return body


def search_elasticsearch(p, es=None):
    now = timezone.now()
    es = es or elastic.client()
    response = es.search(
        index=settings.SEARCH_INDEX_ALIAS, **elasticsearch_body(p, now)
    )

    hits = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        highlight = hit.get("highlight", {})
        published = source.get("published_at")
        hits.append(
            SearchHit(
                key=hit["_id"],
                title=source["title"],
                url=source["url"],
                kind=source["kind"],
                community_title=source.get("community_title", ""),
                published_at=datetime.datetime.fromisoformat(published)
                if published
                else None,
                # The highlighter escapes the text itself (encoder html) and
                # adds only its <mark> tags.
                title_html=mark_safe(
                    highlight.get("title", [escape(source["title"])])[0]
                ),
                excerpt_html=mark_safe(
                    highlight["body"][0]
                    if "body" in highlight
                    else excerpt(source.get("body", ""))
                ),
            )
        )

    aggregations = response["aggregations"]

    def bucket_counts(name):
        return {b["key"]: b["doc_count"] for b in aggregations[name]["buckets"]}

    period_counts = {
        key: bucket["doc_count"]
        for key, bucket in aggregations["period"]["buckets"].items()
    }
    facets = facet_labels(
        bucket_counts("kinds"),
        bucket_counts("communities"),
        bucket_counts("categories"),
        period_counts,
        p,
    )
    return SearchResults(
        parameters=p,
        hits=hits,
        total=response["hits"]["total"]["value"],
        facets=facets,
        engine="elasticsearch",
    )


# Database --------------------------------------------------------------------


def database_matches(p):
    documents = SearchDocument.objects.public()
    if not p.query:
        return documents.order_by("-published_at", "pk")
    if connection.vendor == "postgresql":
        query = SearchQuery(p.query, search_type="websearch", config="french")
        ranked = documents.filter(
            Q(search_vector=query) | Q(title__icontains=p.query)
        ).annotate(rank=SearchRank(F("search_vector"), query))
        return ranked.order_by("-rank", "-published_at", "pk")
    condition = Q()
    for word in p.query.split():
        if stem := loose_stem(word):
            condition &= Q(folded_text__contains=stem)
    return documents.filter(condition).order_by("-published_at", "pk")


def search_database(p, degraded=False):
    now = timezone.now()
    matches = database_matches(p)

    filtered = matches
    if p.kinds:
        filtered = filtered.filter(kind__in=p.kinds)
    if p.communities:
        filtered = filtered.filter(community_key__in=p.communities)
    if p.categories:
        category_match = Q()
        for slug in p.categories:
            category_match |= Q(categories__icontains=f'"{slug}"')
        filtered = filtered.filter(category_match)
    if p.period == "ancien":
        filtered = filtered.filter(published_at__lt=period_start("ancien", now))
    elif p.period:
        filtered = filtered.filter(published_at__gte=period_start(p.period, now))
    if p.sort == "date":
        filtered = filtered.order_by("-published_at", "pk")

    total = filtered.count()
    offset = (p.page - 1) * RESULTS_PER_PAGE
    page_rows = (
        list(filtered[offset : offset + RESULTS_PER_PAGE])
        if offset < MAX_RESULT_WINDOW
        else []
    )
    hits = [
        SearchHit(
            key=row.key,
            title=row.title,
            url=row.url,
            kind=row.kind,
            community_title=row.community_title,
            published_at=row.published_at,
            title_html=escape(row.title),
            excerpt_html=excerpt(row.body),
        )
        for row in page_rows
    ]

    # Without Elasticsearch the facets count types, communities and periods;
    # theme categories are left out, as a JSON field cannot be grouped cheaply.
    unordered = filtered.order_by()
    kind_counts = dict(unordered.values_list("kind").annotate(Count("pk")))
    community_counts = dict(
        unordered.exclude(community_key="")
        .values_list("community_key")
        .annotate(Count("pk"))
    )
    period_counts = unordered.aggregate(
        mois=Count("pk", filter=Q(published_at__gte=period_start("mois", now))),
        annee=Count("pk", filter=Q(published_at__gte=period_start("annee", now))),
        ancien=Count("pk", filter=Q(published_at__lt=period_start("ancien", now))),
    )
    facets = facet_labels(kind_counts, community_counts, {}, period_counts, p)
    return SearchResults(
        parameters=p,
        hits=hits,
        total=total,
        facets=facets,
        engine="database",
        degraded=degraded,
    )


def run_search(p):
    """Answer from Elasticsearch when it can, otherwise from the database."""
    if elastic.is_configured():
        try:
            return search_elasticsearch(p)
        except (TransportError, ApiError):
            logger.warning(
                "Search fallback: Elasticsearch failed, answering from the database",
                exc_info=True,
            )
            return search_database(p, degraded=True)
    return search_database(p)
