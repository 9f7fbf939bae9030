"""The bugs found in review, each pinned by a test that failed before its fix."""

import xml.etree.ElementTree as ElementTree
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from lemtrada_site import allowances
from pages.models import SideEffect
from stories.models import Story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def with_a_draft_side_effect(make_story, make_side_effect):
    public = make_side_effect(name="Tiredness", slug="tiredness")
    draft = make_side_effect(name="Secret draft effect", slug="secret-draft", status=SideEffect.Status.DRAFT)
    return make_story(side_effects=[public, draft])


def test_the_authors_private_page_never_lists_a_draft_side_effect(client, with_a_draft_side_effect):
    story = with_a_draft_side_effect
    token = story.issue_private_token()
    story.save()
    html = client.get(f"/stories/mine/{token}/").content.decode()
    assert "Tiredness" in html
    assert "Secret draft effect" not in html


def test_the_moderators_as_published_preview_never_lists_a_draft_side_effect(
    moderator_client, with_a_draft_side_effect
):
    html = moderator_client.get(f"/admin/stories/story/{with_a_draft_side_effect.pk}/change/").content.decode()
    preview = html[html.index("story-admin-preview") :]
    preview = preview[: preview.index("</div>")]
    assert "Tiredness" in preview
    assert "Secret draft effect" not in preview


def test_the_desk_never_names_a_draft_side_effect(moderator_client, with_a_draft_side_effect):
    html = moderator_client.get("/admin/stories/story/").content.decode()
    assert "Tiredness" in html
    assert "Secret draft effect" not in html


def test_a_moderators_edit_moves_the_feeds_updated_date(moderator_client, make_story):
    long_ago = timezone.now() - timedelta(days=30)
    story = make_story(status="approved", published_at=long_ago)
    Story.objects.filter(pk=story.pk).update(updated_at=long_ago)
    data = {"title": "A corrected title", "display_name": story.display_name, "body": story.body, "photo_alt": ""}
    moderator_client.post(f"/admin/stories/story/{story.pk}/change/", {**data, "treatment_year": ""})
    entry = ElementTree.fromstring(moderator_client.get("/stories/feed/").content).find(f"{ATOM}entry")
    updated = entry.find(f"{ATOM}updated").text
    assert updated.startswith(str(timezone.now().date())), updated


def test_the_admin_buttons_and_the_model_follow_one_transition_table(moderator_client, make_story):
    rejected = make_story(status="rejected", rejection_reason="Names")
    page = moderator_client.get(f"/admin/stories/story/{rejected.pk}/change/").content.decode()
    assert "Approve and publish" in page
    with mock.patch.dict(Story.TRANSITIONS, {"approve": {Story.Status.PENDING}}):
        page = moderator_client.get(f"/admin/stories/story/{rejected.pk}/change/").content.decode()
        assert "Approve and publish" not in page
        assert not rejected.can_approve


def test_a_private_link_is_found_by_one_hash_lookup_with_no_second_comparison(make_story):
    story = make_story()
    token = story.issue_private_token()
    story.save()
    with mock.patch("hmac.compare_digest", side_effect=AssertionError("a second comparison")):
        assert Story.objects.for_private_token(token) == story
    assert Story.objects.for_private_token("") is None


def test_a_claim_racing_a_new_hour_is_still_counted(rf, settings):
    """The counter expires between add() and incr(), and another request starts the new hour first."""
    settings.STORY_SUBMISSIONS_PER_HOUR = 5
    cache = mock.Mock()
    cache.add.side_effect = [False, False]
    cache.incr.side_effect = [ValueError("expired"), 6]
    with mock.patch.object(allowances, "cache", cache):
        assert allowances.story_submissions.claim(rf.post("/stories/share/")) is False
