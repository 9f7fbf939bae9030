"""
What the site keeps, and for how long: a rejected story is erased REJECTED_STORY_RETENTION_DAYS after
the decision, a reader's message FEEDBACK_RETENTION_DAYS after it arrived. `manage.py housekeeping`
(daily) enforces both, and the privacy notice states both from the same settings.
"""

import io
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from imagefiles import jpeg_bytes, random_name, stored_files

from pages.models import Feedback
from stories.models import Story
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db


def housekeeping():
    out = io.StringIO()
    call_command("housekeeping", stdout=out)
    return out.getvalue()


def days_ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.fixture
def rejected(make_story, moderator):
    def make(*, days_ago_decided, **fields):
        story = make_story(photo_alt="Me", **fields)
        story.photo.save(random_name(), ContentFile(jpeg_bytes()))
        story.reject(moderator, "It names your nurse.")
        Story.objects.filter(pk=story.pk).update(moderated_at=days_ago(days_ago_decided))
        return story

    return make


def test_a_rejected_story_is_erased_once_its_time_is_up_and_not_before(
    rejected, make_story, moderator, settings, django_capture_on_commit_callbacks
):
    settings.REJECTED_STORY_RETENTION_DAYS = 90
    old = rejected(days_ago_decided=91, title="Old rejected", email="old@example.org")
    recent = rejected(days_ago_decided=89, title="Recent rejected")
    pending = make_story(title="Still waiting", submitted_at=days_ago(400))
    published = make_story(title="Published long ago", status="approved", published_at=days_ago(400))
    LogEntry.objects.create(
        user=moderator,
        content_type=ContentType.objects.get_for_model(Story),
        object_id=str(old.pk),
        object_repr=old.title,
        action_flag=CHANGE,
    )
    old_photo = old.photo.name

    with django_capture_on_commit_callbacks(execute=True):
        output = housekeeping()

    assert "Erased 1 rejected story decided more than 90 days ago." in output
    assert set(Story.objects.values_list("pk", flat=True)) == {recent.pk, pending.pk, published.pk}
    assert not Story.history.filter(id=old.pk).exists()  # no copy of it left in the history
    assert "Old rejected" not in LogEntry.objects.values_list("object_repr", flat=True)
    assert old_photo not in {str(name) for name in stored_files()}
    assert recent.photo.name in {str(name) for name in stored_files()}


def test_a_story_published_again_while_housekeeping_runs_is_not_erased(rejected, moderator, settings, monkeypatch):
    settings.REJECTED_STORY_RETENTION_DAYS = 90
    story = rejected(days_ago_decided=91, title="Second thoughts")
    as_housekeeping_read_it = list(Story.objects.rejected_before(days_ago(90)))
    Story.objects.get(pk=story.pk).approve(moderator)  # a moderator changes their mind meanwhile
    monkeypatch.setattr(Story.objects, "rejected_before", lambda when: as_housekeeping_read_it)

    output = housekeeping()

    assert "Erased 0 rejected stories" in output
    assert "“Second thoughts” was moderated again or withdrawn after it was read: not erased." in output
    published = Story.objects.get(pk=story.pk)
    assert published.is_public and published.photo and Story.history.filter(id=story.pk).exists()


def test_a_readers_message_is_deleted_once_its_time_is_up(settings, db):
    settings.FEEDBACK_RETENTION_DAYS = 365
    for number, days in enumerate([366, 364]):
        message = Feedback.objects.create(kind="wrong", message=f"Message {days}", form_digest=f"digest-{number}")
        Feedback.objects.filter(pk=message.pk).update(received_at=days_ago(days))

    assert "Deleted 1 message from readers received more than 365 days ago." in housekeeping()
    assert list(Feedback.objects.values_list("message", flat=True)) == ["Message 364"]


def test_the_privacy_notice_states_the_periods_from_the_settings(client, seeded, settings):
    settings.REJECTED_STORY_RETENTION_DAYS = 45
    settings.FEEDBACK_RETENTION_DAYS = 200
    text = text_of(client.get("/privacy/"))
    assert "A story we did not publish: 45 days after our decision" in text
    assert "A message sent with the contact form: 200 days after it arrived" in text
