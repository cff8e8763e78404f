"""Send the e-mails left in the outbox, continuously or once."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.mail import deliver_due_mail

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Envoie les courriels en attente dans la file (ceux qu'un serveur de "
        "messagerie indisponible n'a pas pu prendre)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Un seul passage.")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, once, interval, **options):
        if once:
            sent, failed = deliver_due_mail()
            self.stdout.write(f"{sent} courriels envoyés, {failed} en échec.")
            return
        logger.info("Mail worker started")
        while True:
            close_old_connections()
            try:
                deliver_due_mail()
            except Exception:
                logger.exception("Mail worker: a pass failed")
            time.sleep(interval)
