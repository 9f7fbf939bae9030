"""An author sees their own photo on their private page, whatever the story's status; nobody else can load it."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from imagefiles import jpeg_bytes

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_with_photo(make_story):
    story = make_story(photo_alt="Me in the garden")
    story.photo.save("me.jpg", ContentFile(jpeg_bytes()))
    token = story.issue_private_token()
    story.save()
    return story, token


@pytest.mark.parametrize("serve_media", [True, False])
def test_the_private_page_shows_the_pending_photo_through_the_private_link(
    client, pending_with_photo, settings, serve_media
):
    settings.SERVE_MEDIA = serve_media  # nginx may serve /media/: the private photo comes from the app either way
    story, token = pending_with_photo
    html = client.get(f"/stories/mine/{token}/").content.decode()
    photo_url = f"/stories/mine/{token}/photo/"
    assert f'<img src="{photo_url}" alt="Me in the garden">' in html

    response = client.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == story.photo.open("rb").read()
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_nobody_else_can_load_the_pending_photo(client, moderator, pending_with_photo, make_story, settings):
    settings.SERVE_MEDIA = True
    story, token = pending_with_photo
    other = make_story(title="Someone else's")
    other_token = other.issue_private_token()
    other.save()

    assert client.get(f"/media/{story.photo.name}").status_code == 404  # not by its name
    assert client.get(f"/stories/mine/{other_token}/photo/").status_code == 404  # not through another link
    assert client.get("/stories/mine/not-a-real-token/photo/").status_code == 404
    # A signed-in member of staff who is not a moderator is no one special either.
    staff = Client()
    staff.force_login(moderator.__class__.objects.create_user("someone", is_staff=True))
    assert staff.get(f"/media/{story.photo.name}").status_code == 404


def test_the_photo_goes_with_the_withdrawn_story(client, pending_with_photo, django_capture_on_commit_callbacks):
    story, token = pending_with_photo
    with django_capture_on_commit_callbacks(execute=True):
        Story.objects.get(pk=story.pk).withdraw()
    assert client.get(f"/stories/mine/{token}/photo/").status_code == 404
