"""Send pending search updates to Elasticsearch, continuously or once."""

from django.core.management.base import BaseCommand, CommandError

from portal.workers import run_forever
from search import elastic, worker


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
        run_forever("Search", worker.drain, interval, idle_only=True)
