"""`manage.py housekeeping` lists story photos that belong to no story, and deletes them with --delete."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from imagefiles import jpeg_bytes, stored_files

pytestmark = pytest.mark.django_db


def housekeeping(*args):
    out = StringIO()
    call_command("housekeeping", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def an_hour_later(monkeypatch):
    """The command spares photos younger than an hour (their story may be on its way); time passes."""
    monkeypatch.setattr("stories.management.commands.housekeeping.GRACE", timedelta(seconds=-60))


def test_a_photo_that_belongs_to_no_story_is_reported_and_kept(make_story, an_hour_later):
    story = make_story(photo_alt="Me")
    story.photo.save("me.jpg", ContentFile(jpeg_bytes()))
    orphan = default_storage.save("stories/left-behind.jpg", ContentFile(jpeg_bytes()))

    report = housekeeping()
    assert "Found 1 photo(s) that belong to no story:" in report
    assert orphan in report and story.photo.name not in report
    assert len(stored_files()) == 2


def test_with_delete_the_orphan_goes_and_the_storys_photo_stays(make_story, an_hour_later):
    story = make_story(photo_alt="Me")
    story.photo.save("me.jpg", ContentFile(jpeg_bytes()))
    orphan = default_storage.save("stories/left-behind.jpg", ContentFile(jpeg_bytes()))

    assert f"Deleted 1 photo(s) that belong to no story:\n  {orphan}" in housekeeping("--delete")
    assert [str(name) for name in stored_files()] == [story.photo.name]
    assert "Every stored story photo belongs to a story." in housekeeping()


def test_a_photo_stored_moments_ago_is_spared_its_story_may_be_on_its_way(db):
    default_storage.save("stories/just-now.jpg", ContentFile(jpeg_bytes()))
    assert "Every stored story photo belongs to a story." in housekeeping("--delete")
    assert len(stored_files()) == 1


def test_a_photo_kept_for_a_story_not_yet_sent_is_not_called_an_orphan(db, an_hour_later):
    from stories import unsent_photos

    unsent_photos.keep(ContentFile(jpeg_bytes(), name="chosen.jpg"), form_digest="a-form")
    report = housekeeping("--delete")
    assert "Every stored story photo belongs to a story." in report
    assert len(stored_files()) == 1  # under a day old: the author may still send it
