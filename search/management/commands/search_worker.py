"""Send pending search updates to Elasticsearch, continuously or once."""

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from search import elastic, worker

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Envoie à Elasticsearch les mises à jour de l'index en attente, avec "
        "reprise automatique quand le service revient."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Un seul passage.")
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, once, interval, **options):
        if not elastic.is_configured():
            raise CommandError("ELASTICSEARCH_URL n'est pas défini.")
        if once:
            sent = worker.drain()
            self.stdout.write(f"{sent} mises à jour envoyées.")
            return
        logger.info("Search worker started")
        while True:
            close_old_connections()
            try:
                sent = worker.drain()
            except Exception:
                logger.exception("Search worker: a batch failed")
                sent = 0
            if not sent:
                time.sleep(interval)
