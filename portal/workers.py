"""The loop shared by the portal's long-running workers (search, mail, audience)."""

import logging
import time

from django.db import close_old_connections

logger = logging.getLogger(__name__)


def run_forever(name, one_pass, interval, idle_only=False):
    """
    Call `one_pass` every `interval` seconds, forever. A failed pass is logged
    and the next one tried. With `idle_only`, sleep only after a pass that
    found nothing to do (it returned a false value), so a backlog drains fast.
    """
    logger.info("%s worker started", name)
    while True:
        close_old_connections()
        try:
            done = one_pass()
        except Exception:
            logger.exception("%s worker: a pass failed", name)
            done = None
        if not (idle_only and done):
            time.sleep(interval)
