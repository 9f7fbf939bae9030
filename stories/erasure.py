"""
Erasing a withdrawn story's photo from storage (local disk or the object store).

The story's personal data is erased in its transaction; the photo goes once that transaction has
committed, so a rollback never leaves a story pointing at a deleted photo. If storage refuses (the
object store is down, say), the delete becomes a queued task that the worker (`manage.py worker`)
tries again with growing gaps until it succeeds; the author is never shown an error. Anything that
still slips through is listed by `manage.py housekeeping` as a photo that belongs to no story.
"""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.tasks import task

from lemtrada_site.tasks import retry_later

logger = logging.getLogger(__name__)


def erase_after_commit(name):
    transaction.on_commit(lambda: _erase(name, attempt=1))


@task
def erase_upload(name, attempt=1):
    """Delete one upload; on failure, queue a later attempt."""
    return _erase(name, attempt=attempt)


def _erase(name, *, attempt):
    try:
        default_storage.delete(name)  # deleting what is already gone is no error
    except Exception as error:
        # The name is random and tells nothing about the author; the error's text is not logged.
        logger.error("Could not delete the photo %s (attempt %s): %s", name, attempt, type(error).__name__)
        if not retry_later(erase_upload, name, attempt=attempt, what=f"deleting the photo {name}"):
            logger.error("`manage.py housekeeping --delete` will remove %s", name)
        return "failed"
    if attempt > 1:
        logger.info("Deleted the photo %s at attempt %s", name, attempt)
    return "deleted"
