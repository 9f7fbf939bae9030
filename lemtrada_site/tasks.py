"""
Background work, one way for every task: the mail a story or a reader's message causes, the review
reminders, and deleting an erased photo from storage.

In production a task is a row in the database queue (django-tasks-db), run by `manage.py worker`; in
development and tests it runs at once. A task that fails because something outside the site is down
(the mail server, the object store) is queued again with growing gaps: TASK_RETRY_FIRST_SECONDS, twice
that, and so on, at most TASK_RETRY_LONGEST_SECONDS apart. A mail is tried MAIL_ATTEMPTS times in all;
a delete until it succeeds. Tasks carry ids and storage names, never a person's name, address or text.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import default_task_backend
from django.tasks.backends.immediate import ImmediateBackend
from django.template.loader import render_to_string
from django.utils import timezone

logger = logging.getLogger(__name__)


class MailNotSent(Exception):
    """The mail server refused; the task is marked failed (another attempt is queued if any is left)."""


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` so that it exists only if the current transaction commits (what it reports is stored)."""
    if isinstance(default_task_backend, ImmediateBackend):
        # Running right away (development, tests): wait until the change is really committed.
        transaction.on_commit(lambda: task.enqueue(*args, **kwargs))
    else:
        # A queued task is a row written in the same transaction: it commits, or vanishes, with the change.
        task.enqueue(*args, **kwargs)


def retry_later(task, *args, attempt, attempts=None, what, **kwargs):
    """
    Queue `task` again, as attempt `attempt + 1`, after the next gap; `attempts` is how many tries in all
    (None: until it succeeds). Returns False, and says so in the log, when there is no try left or no
    queue to wait in (tasks that run at once).
    """
    if (attempts is not None and attempt >= attempts) or not default_task_backend.supports_defer:
        logger.error("Giving up on %s after %s attempt(s)", what, attempt)
        return False
    gap = min(settings.TASK_RETRY_FIRST_SECONDS * 2 ** (attempt - 1), settings.TASK_RETRY_LONGEST_SECONDS)
    task.using(run_after=timezone.now() + timedelta(seconds=gap)).enqueue(*args, attempt=attempt + 1, **kwargs)
    return True


def send_mail_or_retry(task, *args, template, context, recipients, attempt, what, to_staff=False):
    """
    Send the mail `template` makes (its first line is the subject) from inside `task`: from
    STAFF_FROM_EMAIL when it goes `to_staff`, else DEFAULT_FROM_EMAIL. If the mail server fails, queue
    `task` again with the same arguments and raise MailNotSent.
    """
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    sender = settings.STAFF_FROM_EMAIL if to_staff else None
    try:
        send_mail(subject.strip(), body.strip() + "\n", sender, recipients)
    except Exception as error:
        # Only the kind of error: its text (and traceback) can carry an address, and this line is kept in
        # the logs and the task queue.
        failure = f"Could not send {what} (attempt {attempt}): {type(error).__name__}"
        logger.error(failure)
        retry_later(task, *args, attempt=attempt, attempts=settings.MAIL_ATTEMPTS, what=what)
        raise MailNotSent(failure) from None
