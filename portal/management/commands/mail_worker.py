"""Send the e-mails left in the outbox, continuously or once."""

from django.core.management.base import BaseCommand

from portal.mail import deliver_due_mail
from portal.workers import run_forever


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
        run_forever("Mail", deliver_due_mail, interval)
