"""A withdrawn story's photo is deleted after the withdrawal commits, and a failed delete is tried again."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from imagefiles import jpeg_bytes, stored_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def task_queue(settings, monkeypatch):
    """Tasks go through the database queue and a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def run_worker():
    call_command("worker", batch=True, reload=False, startup_delay=False, interval=0.1, verbosity=0)


@pytest.fixture
def approved_story_with_photo(make_story):
    story = make_story(status="approved", photo_alt="Me")
    story.photo.save("me.jpg", ContentFile(jpeg_bytes()))
    return story


def test_the_photo_stays_until_the_withdrawal_commits(approved_story_with_photo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        approved_story_with_photo.withdraw()
    assert len(stored_files()) == 1  # a rollback now would leave the story its photo
    for callback in callbacks:
        callback()
    assert stored_files() == []


def test_a_failed_delete_is_tried_again_by_the_worker_until_it_succeeds(
    approved_story_with_photo, task_queue, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    storage_class = type(storages["default"])  # the disk's or the object store's
    real_delete = storage_class.delete
    outage = {"on": True}

    def delete(storage, name):
        if outage["on"]:
            raise OSError("storage unavailable")
        return real_delete(storage, name)

    monkeypatch.setattr(storage_class, "delete", delete)
    with django_capture_on_commit_callbacks(execute=True):
        approved_story_with_photo.withdraw()
    assert len(stored_files()) == 1
    assert "Could not delete the photo" in caplog.text

    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 1 and retries.get().run_after > timezone.now()
    retries.update(run_after=timezone.now())
    run_worker()  # still failing: another try is queued, later
    assert len(stored_files()) == 1
    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 1

    outage["on"] = False
    retries.update(run_after=timezone.now())
    run_worker()
    assert stored_files() == []
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_failed_delete_keeps_its_own_schedule_not_the_mails(
    approved_story_with_photo, task_queue, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.MAIL_ATTEMPTS = 1  # a mail would give up after one try; a delete goes on until it succeeds
    settings.TASK_RETRY_FIRST_SECONDS = 600
    monkeypatch.setattr(type(storages["default"]), "delete", mock.Mock(side_effect=OSError("storage unavailable")))
    with django_capture_on_commit_callbacks(execute=True):
        approved_story_with_photo.withdraw()
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.run_after > timezone.now() + timedelta(seconds=590)
    retry.run_after = timezone.now()
    retry.save()
    run_worker()
    [later] = DBTaskResult.objects.filter(status="READY")
    assert later.run_after > timezone.now() + timedelta(seconds=1190)  # twice the gap, and still trying
