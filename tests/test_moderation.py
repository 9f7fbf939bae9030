import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group

from stories.models import ModerationRefused, Story

pytestmark = pytest.mark.django_db


def test_pending_story_is_not_public(client, make_story):
    story = make_story()
    assert client.get(story.get_absolute_url()).status_code == 404
    assert list(Story.objects.published()) == []


def test_the_queue_shows_pending_stories_first_with_counts(moderator_client, make_story):
    make_story(title="Old approved", status="approved")
    make_story(title="Waiting one")
    html = moderator_client.get("/admin/stories/story/").content.decode()
    assert html.index("Waiting one") < html.index("Old approved")
    assert "Waiting for review: <strong>1</strong>" in html
    assert "Published: <strong>1</strong>" in html


def test_the_change_page_previews_the_story_and_keeps_the_email_read_only(moderator_client, make_story):
    story = make_story(body="Some **bold** words")
    html = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "<strong>bold</strong>" in html
    assert "Approve and publish" in html
    assert 'name="email"' not in html
    assert "sam@example.org" in html


def test_approve_and_reject_from_the_change_page(moderator_client, make_story):
    story = make_story()
    moderator_client.post(f"/admin/stories/story/{story.pk}/approve/")
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED
    moderator_client.post(
        f"/admin/stories/story/reject/?ids={story.pk}", {"choice": "other", "reason": "Taken down on request."}
    )
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED
    assert story.rejection_reason == "Taken down on request."


def test_approving_by_get_is_refused(moderator_client, make_story):
    story = make_story()
    assert moderator_client.get(f"/admin/stories/story/{story.pk}/approve/").status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.PENDING


def test_the_reject_action_asks_for_a_reason(moderator_client, make_story):
    first, second = make_story(title="First"), make_story(title="Second")
    response = moderator_client.post(
        "/admin/stories/story/", {"action": "reject_selected", "_selected_action": [first.pk, second.pk]}
    )
    assert response.status_code == 302
    form = moderator_client.get(response["Location"])
    assert "Reason for the author" in form.content.decode()
    empty = moderator_client.post(response["Location"], {"choice": "other", "reason": ""})
    assert "Please write your reason for the author." in empty.content.decode()
    done = moderator_client.post(
        response["Location"], {"choice": "other", "reason": "Please leave out names."}, follow=True
    )
    assert "2 stories have been rejected: “" in done.content.decode()
    assert set(Story.objects.values_list("status", flat=True)) == {"rejected"}


def test_a_moderator_cannot_approve_their_own_story(moderator_client, moderator, make_story):
    own = make_story(email="moderator@example.org")
    response = moderator_client.post(
        "/admin/stories/story/", {"action": "approve_selected", "_selected_action": [own.pk]}, follow=True
    )
    assert "you sent it yourself" in response.content.decode()
    own.refresh_from_db()
    assert own.status == Story.Status.PENDING
    also_own = make_story(email="someone@example.org", submitted_by=moderator)
    with pytest.raises(ModerationRefused):
        also_own.approve(moderator)


@pytest.mark.parametrize(
    "their_address",
    [
        "MODERATOR@example.org",
        "moderator+stories@Example.org",
        '"moderator"@example.org',  # a quoted local part delivers to the same mailbox
        '"moder\\ator"@example.org',
        '"Moderator+x"@example.org',
        "moderator@example.org.",
        " moderator@EXAMPLE.ORG ",
    ],
)
def test_a_moderator_cannot_approve_a_story_sent_from_their_own_mailbox(moderator, make_story, their_address):
    story = make_story(email=their_address)
    with pytest.raises(ModerationRefused, match="you sent it yourself"):
        story.approve(moderator)


def test_a_quoted_address_sent_through_the_form_is_still_the_moderators_own(
    client, seeded, story_form_data, moderator
):
    assert client.post("/stories/share/", story_form_data(email='"moderator"@example.org')).status_code == 302
    with pytest.raises(ModerationRefused, match="you sent it yourself"):
        Story.objects.get().approve(moderator)


def test_an_internationalised_domain_is_one_mailbox_however_it_is_written(django_user_model, make_story):
    from stories.models import mailbox

    assert mailbox("nurse@bücher.example") == mailbox('"Nurse"@XN--BCHER-KVA.example')
    assert mailbox("other@example.org") != mailbox("moderator@example.org")


def test_a_moderators_edit_is_marked_on_the_desk_before_anyone_approves(moderator_client, moderator, make_story):
    story = make_story(title="As the author wrote it")
    untouched = make_story(title="Nobody changed this")
    data = {"title": "A corrected title", "display_name": story.display_name, "body": story.body, "photo_alt": ""}
    moderator_client.post(f"/admin/stories/story/{story.pk}/change/", {**data, "treatment_year": ""})
    story.refresh_from_db()
    assert story.edited_by == moderator and story.edited_fields == "Title"
    page = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "Yes: moderator changed" in page
    assert (
        "No: these are the author"
        in moderator_client.get(f"/admin/stories/story/{untouched.pk}/change/").content.decode()
    )
    desk = moderator_client.get("/admin/stories/story/").content.decode()
    # The desk marks only the edited story, in words (no icon for "not edited" that reads as an error).
    assert desk.count('class="flag flag-edited"') == 1 and 'alt="False"' not in desk
    edited_row = re.search(r"<tr>(?:(?!</tr>).)*A corrected title.*?</tr>", desk, re.S).group(0)
    assert ">Edited</span>" in edited_row


def test_moderator_edits_keep_history(moderator_client, make_story):
    story = make_story()
    data = {
        "title": "A corrected title",
        "display_name": story.display_name,
        "body": story.body,
        "photo_alt": "",
        "treatment_year": "",
    }
    response = moderator_client.post(f"/admin/stories/story/{story.pk}/change/", data)
    assert response.status_code == 302
    assert story.history.count() == 2
    assert "A corrected title" in moderator_client.get(f"/admin/stories/story/{story.pk}/history/").content.decode()


def test_the_moderators_group_has_exactly_its_permissions():
    moderators = Group.objects.get(name="Moderators")
    assert set(moderators.permissions.values_list("content_type__app_label", "codename")) == {
        ("stories", "view_story"),
        ("stories", "change_story"),
    }


def test_a_moderator_cannot_edit_pages_or_people(moderator_client):
    assert moderator_client.get("/admin/pages/page/").status_code == 403
    assert moderator_client.get("/admin/auth/user/").status_code == 403


def test_an_editor_cannot_moderate(editor_client, make_story):
    story = make_story()
    assert editor_client.get("/admin/stories/story/").status_code == 403
    assert editor_client.post(f"/admin/stories/story/{story.pk}/approve/").status_code == 403


def test_rejecting_needs_a_reason(make_story, moderator):
    with pytest.raises(ModerationRefused):
        make_story().reject(moderator, reason="  ")


def test_the_history_cannot_revert_a_story_past_moderation(moderator_client, moderator, make_story):
    story = make_story()
    story.approve(moderator.__class__.objects.create_user("other", email="other@example.org"))
    story.reject(moderator, "Changed our minds.")
    approved_version = story.history.filter(status="approved").first()
    url = f"/admin/stories/story/{story.pk}/history/{approved_version.history_id}/"
    form = {"title": story.title, "display_name": story.display_name, "body": story.body}
    assert moderator_client.post(url, form).status_code == 403
    assert moderator_client.get(f"/admin/stories/story/{story.pk}/history/").status_code == 200
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED


def test_stories_cannot_be_deleted_only_withdrawn_and_erased(moderator_client, make_story, settings):
    story = make_story(status="approved")
    assert moderator_client.get(f"/admin/stories/story/{story.pk}/delete/").status_code in {302, 403}
    response = moderator_client.post(
        "/admin/stories/story/", {"action": "erase_selected", "_selected_action": [story.pk]}, follow=True
    )
    assert f"“{story.title}” has been withdrawn and erased." in response.content.decode()
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN and story.email == ""


def test_the_contract_call_reject_moderator_reason_works(make_story, moderator):
    story = make_story()
    story.reject(moderator, "Please leave out names.")
    assert story.rejection_reason == "Please leave out names."


def test_the_admin_buttons_and_the_model_follow_one_transition_table(moderator_client, make_story):
    rejected = make_story(status="rejected", rejection_reason="Names")
    page = moderator_client.get(f"/admin/stories/story/{rejected.pk}/change/").content.decode()
    assert "Approve and publish" in page
    with mock.patch.dict(Story.TRANSITIONS, {"approve": {Story.Status.PENDING}}):
        page = moderator_client.get(f"/admin/stories/story/{rejected.pk}/change/").content.decode()
        assert "Approve and publish" not in page
        assert not rejected.can_approve


def test_view_on_site_is_offered_only_for_a_published_story(moderator_client, make_story):
    pending, published = make_story(title="Pending"), make_story(title="Published", status="approved")
    assert "View on site" not in moderator_client.get(f"/admin/stories/story/{pending.pk}/change/").content.decode()
    html = moderator_client.get(f"/admin/stories/story/{published.pk}/change/").content.decode()
    assert f'href="{published.get_absolute_url()}"' in html and "View on site" in html


def test_view_on_site_is_offered_only_for_a_published_page(editor_client, make_page):
    draft, live = make_page(slug="draft", status="draft"), make_page(slug="live")
    assert "View on site" not in editor_client.get(f"/admin/pages/page/{draft.pk}/change/").content.decode()
    assert "View on site" in editor_client.get(f"/admin/pages/page/{live.pk}/change/").content.decode()
