"""
The cross-community Elasticsearch index.

One index, read and written through the alias `settings.SEARCH_INDEX_ALIAS`,
so that a full rebuild fills a new index and swaps the alias in one step.
Text is analysed in French: elision, lower case, accent folding, French stop
words and light stemming; searches also expand staff synonyms.
"""

import logging

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers
from elasticsearch_dsl import (
    Date,
    Document,
    Keyword,
    Text,
    analyzer,
    token_filter,
)

from .models import SearchDocument, SearchSynonym

logger = logging.getLogger(__name__)

REQUEST_TIMEOUT_SECONDS = 5

french_elision = token_filter(
    "french_elision",
    type="elision",
    articles_case=True,
    articles=[
        "l",
        "m",
        "t",
        "qu",
        "n",
        "s",
        "j",
        "d",
        "c",
        "jusqu",
        "quoiqu",
        "lorsqu",
        "puisqu",
    ],
)
french_stop = token_filter("french_stop", type="stop", stopwords="_french_")
french_stemmer = token_filter("french_stemmer", type="stemmer", language="light_french")
prefix_grams = token_filter("prefix_grams", type="edge_ngram", min_gram=2, max_gram=15)

FRENCH_FILTERS = [
    french_elision,
    "lowercase",
    "asciifolding",
    french_stop,
    french_stemmer,
]

french_text = analyzer("french_text", tokenizer="standard", filter=FRENCH_FILTERS)
name_prefix = analyzer(
    "name_prefix",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding", prefix_grams],
)
name_prefix_search = analyzer(
    "name_prefix_search",
    tokenizer="standard",
    filter=[french_elision, "lowercase", "asciifolding"],
)


def french_search_analyzer(rules):
    """Return the search-time analyzer, with the staff synonyms if any."""
    if not rules:
        return analyzer("french_search", tokenizer="standard", filter=FRENCH_FILTERS)
    synonyms = token_filter(
        "staff_synonyms", type="synonym_graph", synonyms=rules, lenient=True
    )
    filters = [french_elision, "lowercase", "asciifolding", synonyms, french_stop]
    return analyzer(
        "french_search", tokenizer="standard", filter=[*filters, french_stemmer]
    )


def text_field(search_analyzer, **extra):
    return Text(analyzer=french_text, search_analyzer=search_analyzer, **extra)


def document_class(rules=()):
    """Return the Document class, its search analyzer built from `rules`."""
    search = french_search_analyzer(list(rules))

    class CommunityContent(Document):
        kind = Keyword()
        title = text_field(
            search,
            fields={
                "prefix": Text(analyzer=name_prefix, search_analyzer=name_prefix_search)
            },
        )
        body = text_field(search)
        synonyms = text_field(search)
        community_terms = text_field(search)
        community = Keyword()
        community_title = Keyword()
        categories = Keyword(multi=True)
        published_at = Date()
        url = Keyword(index=False)

        class Index:
            name = settings.SEARCH_INDEX_ALIAS
            settings = {"number_of_shards": 1, "number_of_replicas": 0}

    return CommunityContent


_clients = {}


def client():
    """Return the client for ELASTICSEARCH_URL, shared to reuse connections."""
    url = settings.ELASTICSEARCH_URL
    if url not in _clients:
        _clients[url] = Elasticsearch(
            url,
            request_timeout=REQUEST_TIMEOUT_SECONDS,
            retry_on_timeout=False,
            max_retries=0,
        )
    return _clients[url]


def is_configured():
    return bool(settings.ELASTICSEARCH_URL)


def staff_synonym_rules():
    rules = (synonym.as_rule() for synonym in SearchSynonym.objects.all())
    return [rule for rule in rules if rule]


def to_source(document):
    return {
        "kind": document.kind,
        "title": document.title,
        "body": document.body,
        "synonyms": document.synonyms,
        "community_terms": document.community_terms,
        "community": document.community_key,
        "community_title": document.community_title,
        "categories": document.categories,
        "published_at": document.published_at,
        "url": document.url,
    }


def bulk_actions(documents, index):
    for document in documents:
        if document.is_public:
            yield {
                "_op_type": "index",
                "_index": index,
                "_id": document.key,
                "_source": to_source(document),
            }
        else:
            yield {"_op_type": "delete", "_index": index, "_id": document.key}


def create_index(es, created_at):
    """Create a new, empty index named after the alias and a time; return it."""
    name = f"{settings.SEARCH_INDEX_ALIAS}-{created_at:%Y%m%d%H%M%S%f}"
    document_class(staff_synonym_rules())._index.clone(name).create(using=es)
    return name


def ensure_index(es):
    """Create the first index behind the alias if there is none."""
    alias = settings.SEARCH_INDEX_ALIAS
    if es.indices.exists_alias(name=alias):
        return
    name = create_index(es, timezone.now())
    es.indices.put_alias(index=name, name=alias)
    logger.info("Search index created: %s behind alias %s", name, alias)


def apply_documents(es, documents):
    """Send rows to the alias; return the keys Elasticsearch accepted."""
    accepted = []
    failures = []
    for ok, item in helpers.streaming_bulk(
        es,
        bulk_actions(documents, settings.SEARCH_INDEX_ALIAS),
        raise_on_error=False,
        raise_on_exception=True,
        chunk_size=500,
    ):
        ((operation, result),) = item.items()
        # Deleting what the index never had is success all the same.
        if ok or (operation == "delete" and result.get("status") == 404):
            accepted.append(result["_id"])
        else:
            failures.append(result["_id"])
    if failures:
        logger.warning("Search index refused %s documents", len(failures))
    return accepted


def rebuild(es, progress=None, batch_size=1000):
    """
    Fill a new index from every public row and swap the alias onto it;
    the old index answers searches until the swap. Return the new index name.
    """
    alias = settings.SEARCH_INDEX_ALIAS
    started = timezone.now()
    name = create_index(es, started)
    es.indices.put_settings(index=name, settings={"refresh_interval": "-1"})

    public = SearchDocument.objects.public().order_by("pk")
    total = public.count()
    done = 0
    for _ok, _item in helpers.streaming_bulk(
        es,
        bulk_actions(public.iterator(chunk_size=batch_size), name),
        chunk_size=batch_size,
        raise_on_error=True,
    ):
        done += 1
        if progress and (done % batch_size == 0 or done == total):
            progress(done, total)

    es.indices.put_settings(index=name, settings={"refresh_interval": "1s"})
    es.indices.refresh(index=name)
    previous = (
        list(es.indices.get_alias(name=alias))
        if es.indices.exists_alias(name=alias)
        else []
    )
    actions = [{"add": {"index": name, "alias": alias}}]
    actions += [{"remove": {"index": old, "alias": alias}} for old in previous]
    es.indices.update_aliases(actions=actions)
    for old in previous:
        es.indices.delete(index=old)
    # What changed during the rebuild stays pending and the worker sends it.
    SearchDocument.objects.filter(changed_at__lte=started).update(
        indexed_at=started, attempts=0, retry_after=None
    )
    SearchDocument.objects.filter(is_public=False, changed_at__lte=started).delete()
    logger.info("Search index rebuilt: %s documents in %s", total, name)
    return name
