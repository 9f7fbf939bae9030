"""The moderation desk for 50 stories a day: the queue oldest first, one line a story, and a way to the next."""

import re
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from imagefiles import jpeg_bytes, stored_files

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(make_story):
    now = timezone.now()
    return [
        make_story(title="Newest story", submitted_at=now - timedelta(hours=1)),
        make_story(title="Oldest story", submitted_at=now - timedelta(days=3), body="I waited **longest** of all."),
        make_story(title="Middle story", submitted_at=now - timedelta(days=1)),
    ]


def test_pending_stories_are_listed_oldest_first_with_an_excerpt(moderator_client, queue, make_story):
    make_story(title="Already published", status="approved")
    html = moderator_client.get("/admin/stories/story/").content.decode()
    order = [html.index(title) for title in ["Oldest story", "Middle story", "Newest story", "Already published"]]
    assert order == sorted(order)
    assert "I waited longest of all." in html
    assert "3\xa0days" in html  # how long the oldest has waited


def test_flags_show_on_the_desk_and_are_explained_with_the_words_marked(moderator_client, make_story):
    story = make_story(body="You can ring me on 07911 123456 any time. My gums are bleeding today.")
    desk = moderator_client.get("/admin/stories/story/").content.decode()
    assert "Urgent signs" in desk and "Identifies? (1)" in desk
    page = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert "May need urgent care" in page and "<mark>bleeding</mark>" in page
    assert "Could identify someone</strong>: a phone number" in page and "<mark>07911 123456</mark>" in page
    assert page.index("May need urgent care") < page.index("Could identify someone")


def test_a_story_that_may_describe_urgent_signs_is_at_the_top_of_the_queue(moderator_client, queue, make_story):
    urgent = make_story(title="Bleeding now", body="My gums are bleeding today.")
    html = moderator_client.get("/admin/stories/story/").content.decode()
    assert html.index("Bleeding now") < html.index("Oldest story")
    response = moderator_client.post(f"/admin/stories/story/{queue[1].pk}/approve/", {"next": "1"})
    assert response.url == f"/admin/stories/story/{urgent.pk}/change/"


def test_approve_and_next_lands_on_the_next_pending_story(moderator_client, queue):
    newest, oldest, middle = queue
    response = moderator_client.post(f"/admin/stories/story/{oldest.pk}/approve/", {"next": "1"})
    assert response.url == f"/admin/stories/story/{middle.pk}/change/"
    response = moderator_client.post(
        f"/admin/stories/story/reject/?ids={middle.pk}&next=1",
        {"choice": "other", "reason": "Please leave out names.", "next": "1"},
    )
    assert response.url == f"/admin/stories/story/{newest.pk}/change/"
    response = moderator_client.post(f"/admin/stories/story/{newest.pk}/approve/", {"next": "1"})
    assert response.url == "/admin/stories/story/"
    assert "No more stories are waiting" in moderator_client.get(response.url).content.decode()
    assert [story.status for story in Story.objects.order_by("pk")] == ["approved", "approved", "rejected"]


def test_the_story_page_shows_the_story_once(moderator_client, make_story):
    story = make_story(body="A sentence that appears only once on the page.", photo_alt="Me by the sea")
    story.photo.save("me.jpg", ContentFile(jpeg_bytes()), save=True)
    page = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    visible = re.sub(r"<details.*?</details>", "", page, flags=re.S)  # the editing form is folded away
    assert visible.count("A sentence that appears only once on the page.") == 1
    assert visible.count("<img") == 1
    for button in ["Approve and publish", "Approve and next", "Reject…", "Reject and next…", "Remove photo"]:
        assert button in page


def test_remove_photo_keeps_the_story_and_deletes_the_file(
    moderator_client, moderator, make_story, settings, django_capture_on_commit_callbacks
):
    story = make_story(photo_alt="Me by the sea")
    story.photo.save("me.jpg", ContentFile(jpeg_bytes()), save=True)
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(f"/admin/stories/story/{story.pk}/remove-photo/")
    story.refresh_from_db()
    assert story.status == "pending" and not story.photo and story.photo_alt == ""
    assert story.edited_by == moderator and story.edited_fields == "Photo"
    assert stored_files(settings) == []


def test_the_admin_home_shows_how_many_wait_and_for_how_long(moderator_client, queue):
    html = moderator_client.get("/admin/").content.decode()
    assert "<strong>3</strong> stories waiting" in html
    assert "the oldest has waited 3\xa0days" in html


def test_the_message_after_a_moderation_step_names_the_stories(moderator_client, queue):
    response = moderator_client.post(f"/admin/stories/story/{queue[0].pk}/approve/", {"next": "1"}, follow=True)
    html = response.content.decode()
    assert "“Newest story” has been published. Its author has been told." in html
    assert html.index("has been published") < html.index('class="story-admin-preview"')  # above the next story
    ids = [story.pk for story in queue[1:]]
    response = moderator_client.post(
        "/admin/stories/story/", {"action": "approve_selected", "_selected_action": ids}, follow=True
    )
    text = response.content.decode()
    assert "2 stories have been published: " in text and "Their authors have been told." in text
    assert "“Oldest story”" in text and "“Middle story”" in text


def test_a_long_selection_names_five_stories_and_counts_the_rest(moderator_client, make_story):
    ids = [make_story(title=f"Story {number}").pk for number in range(7)]
    response = moderator_client.post(
        "/admin/stories/story/", {"action": "approve_selected", "_selected_action": ids}, follow=True
    )
    assert re.search(
        r"7 stories have been published: (“Story \d”, ){4}“Story \d” and 2 more\.", response.content.decode()
    )


def test_the_desks_excerpt_reads_as_the_story_does(moderator_client, make_story):
    make_story(title="Ampersands", body='Tom & Jerry\'s "day" <3\n\n- one\n- two')

    html = moderator_client.get("/admin/stories/story/").content.decode()

    excerpt = re.search(r'class="desk-excerpt">([^<]*)<', html)[1]
    assert excerpt == "Tom &amp; Jerry&#x27;s &quot;day&quot; &lt;3 one two", "escaped once, shown as typed"


def test_the_desk_answers_fifty_stories_in_a_few_queries(moderator_client, make_story, django_assert_max_num_queries):
    for number in range(50):
        make_story(title=f"Story {number}", body="Words " * 200)
    with django_assert_max_num_queries(12):
        response = moderator_client.get("/admin/stories/story/")
    assert response.content.decode().count('class="desk-title"') == 50


def test_fifty_stories_each_corrected_by_a_moderator_cost_no_query_each(
    moderator_client, moderator, make_story, django_assert_max_num_queries
):
    for number in range(50):
        make_story(title=f"Story {number}", edited_by=moderator, edited_at=timezone.now(), edited_fields="title")
    with django_assert_max_num_queries(12):
        response = moderator_client.get("/admin/stories/story/")
    assert response.content.decode().count("moderator changed title on") == 50
