"""
`manage.py worker`: django-tasks-db's `db_worker`, made to ride out a database outage.

The queued mail lives in the database, so a worker can do nothing while the database is down;
`db_worker` itself exits on the first connection error, and a process manager that restarts it
quickly gives up after a few tries (systemd's start limit), leaving mail stopped for good. This
worker waits instead, with growing gaps (1 s, 2 s, 4 s ... at most MAX_WAIT_SECONDS), logs the
outage once, and carries on. A task whose mail went out just as the database
went away is not sent again: it stays claimed.
"""

import logging
import time

from django.db import DatabaseError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 30


class Command(DbWorkerCommand):
    help = "Run queued tasks (the site's mail), waiting out database outages instead of exiting."

    def handle(self, *args, **options):
        wait = 0
        while True:
            started = time.monotonic()
            try:
                return super().handle(*args, **options)
            except DatabaseError as error:
                if time.monotonic() - started > MAX_WAIT_SECONDS:
                    wait = 0  # it ran for a while: this is a new outage
                if wait == 0:
                    logger.warning("Database unavailable (%s); the worker waits and tries again", type(error).__name__)
                connections.close_all()  # reconnect afresh next time
                wait = min(max(wait * 2, 1), MAX_WAIT_SECONDS)
                time.sleep(wait)
