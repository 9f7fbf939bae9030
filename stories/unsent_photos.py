"""
Photos chosen for a story that has not been sent yet, so a preview or a form error loses nothing.

The photo is the re-encoded copy (pages/images.py), never the upload. It is stored through
default_storage (local disk now, object storage later) under UNSENT_DIR and a random name, and the
form carries only a signed reference to it: signed with the site's key, tied to that copy of the
form and valid for a day. A path from the client is never used. Sending the story moves the photo
to the story; `manage.py housekeeping` deletes the ones nobody sent after a day.
"""

import logging
from datetime import timedelta

from django.core import signing
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from pages.images import stored_name

from .models import PHOTO_FORMATS

logger = logging.getLogger(__name__)

UNSENT_DIR = "stories/unsent"
UNSENT_NAME = stored_name(UNSENT_DIR, formats=PHOTO_FORMATS)
SALT = "stories.share.unsent-photo"
MAX_AGE = timedelta(days=1)


def keep(photo, *, form_digest):
    """Store a cleaned photo (a ContentFile) and return the signed reference the form will carry."""
    name = default_storage.save(f"{UNSENT_DIR}/{photo.name}", photo)
    return signing.dumps({"name": name, "form": form_digest}, salt=SALT)


def find(reference, *, form_digest=None):
    """The stored name a reference stands for, or None if it is forged, expired, another form's or gone."""
    try:
        kept = signing.loads(reference or "", salt=SALT, max_age=MAX_AGE)
        name = kept["name"]
    except (signing.BadSignature, KeyError, TypeError):
        return None
    if form_digest is not None and kept.get("form") != form_digest:
        return None
    if not isinstance(name, str) or not UNSENT_NAME.fullmatch(name) or not default_storage.exists(name):
        return None
    return name


def claim(name):
    """The kept photo as a file to save with a story. The caller deletes the unsent copy once the story is stored."""
    with default_storage.open(name) as kept:
        return ContentFile(kept.read(), name=name.rpartition("/")[2])


def discard(name):
    try:
        default_storage.delete(name)
    except OSError:
        logger.exception("Could not delete an unsent story photo")


def delete_unclaimed(*, older_than=MAX_AGE):
    """Delete unsent photos older than `older_than`; returns how many went."""
    try:
        _, names = default_storage.listdir(UNSENT_DIR)
    except FileNotFoundError:
        return 0
    cutoff, deleted = timezone.now() - older_than, 0
    for filename in names:
        name = f"{UNSENT_DIR}/{filename}"
        if default_storage.get_modified_time(name) < cutoff:
            discard(name)
            deleted += 1
    return deleted
