"""
The object store is down (here: an endpoint nothing answers on) while an author sends, previews or
corrects a story with a photo: nothing is lost or half-saved. The form comes back as they typed it,
with a kind message about the photo; nothing is stored and none of their hourly allowance is used;
they can send the story without the photo, or try again later.
"""

import pytest
from botocore.config import Config
from imagefiles import jpeg_bytes, upload

from scripts.servers import free_port
from stories.models import Story

pytestmark = pytest.mark.django_db

PHOTO_NOT_STORED = "We could not store your photo just now"


def unreachable_object_store():
    """Uploads in an S3 bucket at an endpoint where nothing listens: every request to it is refused at once."""
    return {
        "BACKEND": "lemtrada_site.storage.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": "lemtrada-uploads",
            "endpoint_url": f"http://127.0.0.1:{free_port()}",
            "access_key": "nobody",
            "secret_key": "nothing",
            "region_name": "us-east-1",
            "client_config": Config(connect_timeout=1, read_timeout=1, retries={"max_attempts": 1}),
        },
    }


@pytest.fixture
def object_store_down(settings):
    settings.STORAGES = {**settings.STORAGES, "default": unreachable_object_store()}


def page_text(response):
    return response.content.decode().replace("&#x27;", "'")


def said_once(html):
    """The message in the error summary and beside the photo field, and nowhere twice."""
    return html.count(PHOTO_NOT_STORED) == 2


def test_a_story_sent_with_a_photo_comes_back_as_typed_with_a_kind_message(
    client, seeded, story_form_data, object_store_down, settings
):
    settings.STORY_SUBMISSIONS_PER_HOUR = 1
    data = story_form_data(
        title="Five days in spring",
        body="The infusions were long but the nurses were lovely.",
        photo=upload("me.jpg", jpeg_bytes()),
        photo_alt="Me at the infusion unit",
    )
    response = client.post("/stories/share/", data)
    assert response.status_code == 200
    html = page_text(response)
    assert said_once(html)
    assert 'value="Five days in spring"' in html
    assert "The infusions were long but the nurses were lovely." in html
    assert 'value="Me at the infusion unit"' in html
    assert Story.objects.count() == 0

    # Without the photo, the same form goes through: the failed try used none of the hour's one story.
    data.pop("photo")
    response = client.post("/stories/share/", {**data, "photo_alt": ""})
    assert response.status_code == 302
    assert Story.objects.get().title == "Five days in spring"


def test_a_preview_with_a_photo_shows_the_story_and_says_the_photo_was_not_kept(
    client, seeded, story_form_data, object_store_down
):
    data = story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me at the sea")
    response = client.post("/stories/share/", data)
    assert response.status_code == 200
    html = page_text(response)
    assert "Preview: your story as it will be published" in html
    assert said_once(html)
    assert Story.objects.count() == 0


def test_a_photo_kept_before_the_outage_is_not_lost_silently(client, seeded, story_form_data, settings):
    data = story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me at the sea")
    kept = client.post("/stories/share/", data).context["form"].data["kept_photo"]
    assert kept

    settings.STORAGES = {**settings.STORAGES, "default": unreachable_object_store()}
    data.pop("photo")
    response = client.post("/stories/share/", {**data, "action": "send", "kept_photo": kept})
    assert response.status_code == 200
    assert said_once(page_text(response))
    assert 'value="Me at the sea"' in page_text(response)
    assert Story.objects.count() == 0
