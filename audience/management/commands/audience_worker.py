"""Move the counted views from the cache to the database, continuously or once."""

from django.core.management.base import BaseCommand

from audience import worker
from portal.workers import run_forever


class Command(BaseCommand):
    help = (
        "Enregistre dans la base les consultations comptées dans le cache "
        "(pages, discussions, visiteurs du jour)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Un seul passage.")
        parser.add_argument(
            "--interval",
            type=float,
            default=60.0,
            help="Secondes entre deux passages (60 par défaut).",
        )

    def handle(self, *args, once, interval, **options):
        if once:
            moved = worker.flush()
            self.stdout.write(f"{moved} consultations enregistrées.")
            return
        run_forever("Audience", worker.flush, interval)
