"""Rejecting a story: a few stock reasons, whose words the moderator may change, or their own; beside the story."""

from html import unescape

import pytest

from stories.admin import STOCK_REASONS
from stories.models import Story
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(make_story):
    return make_story(title="Five days in spring", body="The nurses were **lovely**.\n\nMy neighbour Jan came too.")


def reject(moderator_client, story, **data):
    return moderator_client.post(f"/admin/stories/story/reject/?ids={story.pk}", data)


def test_the_reject_page_offers_stock_reasons_beside_the_story_as_it_would_be_published(moderator_client, story):
    response = moderator_client.get(f"/admin/stories/story/reject/?ids={story.pk}")
    html, text = response.content.decode(), unescape(text_of(response))
    for label, words in STOCK_REASONS.values():
        assert label in text and words in text
    assert "Another reason" in text
    preview = html[html.index('class="story-admin-preview"') :]
    assert "Five days in spring" in preview and "<strong>lovely</strong>" in preview


def test_a_stock_reason_sends_its_words_to_the_author(
    moderator_client, story, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        reject(moderator_client, story, choice="identifies", reason="")
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.rejection_reason == STOCK_REASONS["identifies"][1]
    assert STOCK_REASONS["identifies"][1][:60] in mailoutbox[0].body


def test_the_moderator_may_change_a_stock_reasons_words(moderator_client, story):
    changed = STOCK_REASONS["identifies"][1].replace("someone else", "your neighbour Jan")
    reject(moderator_client, story, choice="identifies", reason=changed)
    story.refresh_from_db()
    assert story.rejection_reason == changed


def test_another_reason_needs_words_and_keeps_the_story_as_it_was(moderator_client, story):
    response = reject(moderator_client, story, choice="other", reason="  ")
    assert "Please write your reason for the author." in text_of(response)
    response = reject(moderator_client, story, reason="Words but no choice")
    assert "Please choose a reason" in text_of(response)
    assert "Words but no choice" in response.content.decode()  # what was typed is kept
    story.refresh_from_db()
    assert story.status == Story.Status.PENDING
