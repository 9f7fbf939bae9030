"""
A withdrawn story's words leave the page cache when the withdrawal commits, not a day later; and the
cache keeps only the current version's copies, so it holds at most one copy of each page. The story
and feedback forms' hourly counters live beside it and are never swept with it.
"""

import pytest
from django.test import Client

from lemtrada_site import page_cache
from lemtrada_site.allowances import story_submissions
from stories.models import Story
from tests.page_copies import page_copies, stored

pytestmark = pytest.mark.django_db


def _holding(*words):
    everything = b" ".join(stored().values())
    return [word for word in words if word.encode() in everything]


def test_a_withdrawal_erases_the_story_from_every_cached_page_at_once(
    seeded, make_story, django_capture_on_commit_callbacks
):
    story = make_story(
        title="Spring infusions", display_name="Rowan Q", body="Words only I wrote.", status=Story.Status.APPROVED
    )
    for url in ["/", "/stories/", "/stories/feed/", story.get_absolute_url()]:
        assert "Spring infusions" in Client().get(url).content.decode(), url
    assert _holding("Spring infusions", "Rowan Q", "Words only I wrote.")

    with django_capture_on_commit_callbacks(execute=True):
        story.withdraw()  # no page is asked for afterwards: the cache is cleared all the same
    assert _holding("Spring infusions", "Rowan Q", "Words only I wrote.") == []


def test_a_change_leaves_only_copies_of_the_new_version(seeded, make_story, moderator):
    reader = Client()
    story = make_story(title="Spring infusions")
    for url in ["/", "/treatment/", "/stories/"]:
        reader.get(url)
    old = page_copies()
    assert len(old) == 3
    story.approve(moderator)
    reader.get("/stories/")  # the first request to see the change
    assert set(page_copies()).isdisjoint(old) and len(page_copies()) == 1


def test_clearing_old_copies_never_clears_a_clients_hourly_counters(seeded, make_story, rf, settings):
    settings.STORY_SUBMISSIONS_PER_HOUR = 1
    request = rf.post("/stories/share/", REMOTE_ADDR="203.0.113.9")
    assert story_submissions.claim(request) and story_submissions.exhausted(request)
    Client().get("/stories/")
    make_story(status=Story.Status.APPROVED)
    Client().get("/stories/")  # a new version: the old copies go
    page_cache.forget_old_copies()
    assert story_submissions.exhausted(request)
