"""Rebuild the search index, refill its rows from the pages, or report status."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from elastic_transport import TransportError
from elasticsearch import ApiError

from search import elastic, worker
from search.documents import record_all_pages


class Command(BaseCommand):
    help = (
        "Gère l'index de recherche : `rebuild` le reconstruit en bloc (sans "
        "interruption du service), `sync` réécrit les lignes à indexer depuis les "
        "pages, `status` donne documents, mises à jour en attente et retard."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "sync", "status"])
        parser.add_argument("--batch-size", type=int, default=1000)

    def handle(self, *args, action, batch_size, **options):
        if action == "sync":
            count = record_all_pages()
            self.stdout.write(f"{count} pages enregistrées pour l'index de recherche.")
            return
        if action == "status":
            self.stdout.write(json.dumps(worker.status(), ensure_ascii=False))
            return
        if not elastic.is_configured():
            raise CommandError(
                "ELASTICSEARCH_URL n'est pas défini : il n'y a pas d'index à "
                "reconstruire, la recherche se fait dans la base de données."
            )
        try:
            name = elastic.rebuild(elastic.client(), self.progress, batch_size)
        except (TransportError, ApiError) as error:
            raise CommandError(
                f"Elasticsearch n'a pas permis la reconstruction : {error}"
            ) from error
        sys.stderr.write("\n")
        self.stdout.write(self.style.SUCCESS(f"Index reconstruit : {name}"))

    def progress(self, done, total):
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{total} documents")
        sys.stderr.flush()
