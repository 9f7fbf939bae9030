from unittest import mock

import pytest
from django.core.files.base import ContentFile
from imagefiles import jpeg_bytes, stored_files

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_with_link(make_story):
    story = make_story(status="rejected", rejection_reason="Please leave out your consultant's name.")
    token = story.issue_private_token()
    story.save()
    return story, token


def test_the_private_page_shows_the_story_its_status_and_the_reason(client, story_with_link):
    story, token = story_with_link
    html = client.get(f"/stories/mine/{token}/").content.decode()
    assert story.title in html
    assert "Not published" in html
    assert "Please leave out your consultant&#x27;s name." in html
    assert "Withdraw and erase my story…" in html
    assert "we erase your name, your email address, your story and your photo" in html


def test_only_a_hash_of_the_token_is_stored(story_with_link):
    story, token = story_with_link
    story.refresh_from_db()
    assert token not in str(Story.objects.filter(pk=story.pk).values().get())
    assert story.token_hash != token


def test_a_wrong_token_is_not_found(client, story_with_link):
    _, token = story_with_link
    assert client.get(f"/stories/mine/{token[:-1]}x/").status_code == 404
    assert client.get("/stories/mine/nothing/").status_code == 404
    assert client.post("/stories/mine/nothing/withdraw/").status_code == 404


def test_withdrawing_by_get_only_asks_for_confirmation(client, story_with_link):
    story, token = story_with_link
    response = client.get(f"/stories/mine/{token}/withdraw/")
    assert response.status_code == 200
    assert "Yes, withdraw and erase my story" in response.content.decode()
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED


def test_withdrawal_erases_personal_data_and_the_photo_and_a_second_one_is_not_found(
    client, make_story, settings, django_capture_on_commit_callbacks
):
    story = make_story(status="approved", photo_alt="Me")
    story.photo.save("x.jpg", ContentFile(jpeg_bytes()))
    token = story.issue_private_token()
    story.save()
    assert len(stored_files(settings)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/stories/mine/{token}/withdraw/").status_code == 302

    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN
    assert (story.email, story.display_name, story.body, story.photo_alt, story.photo.name) == ("", "", "", "", "")
    assert story.submitted_at and story.withdrawn_at
    assert stored_files(settings) == []
    assert client.post(f"/stories/mine/{token}/withdraw/").status_code == 404
    assert client.get(f"/stories/mine/{token}/").status_code == 404


def test_a_private_link_is_found_by_one_hash_lookup_with_no_second_comparison(make_story):
    story = make_story()
    token = story.issue_private_token()
    story.save()
    with mock.patch("hmac.compare_digest", side_effect=AssertionError("a second comparison")):
        assert Story.objects.for_private_token(token) == story
    assert Story.objects.for_private_token("") is None
