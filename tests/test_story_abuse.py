"""
The attack corpus of the hostile-input review, as tests: what one anonymous client tried, and
what happens now. Each was possible before the fix.
"""

import time
from io import BytesIO
from unittest import mock

import pytest
from imagefiles import jpeg_bytes, stored_files, upload
from PIL import Image, ImageFile

from lemtrada_site.forms import sign_started
from stories.models import Story, StoryQuerySet

pytestmark = pytest.mark.django_db


def huge_png():
    """190 KB on the wire, 7000 x 7000 pixels: ~200 MB once decoded, more in the decoder's copies."""
    buffer = BytesIO()
    Image.new("RGBA", (7000, 7000), (200, 30, 30, 128)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def huge_png_bytes():
    return huge_png()


@pytest.fixture
def decodes():
    """Records every image decode (Pillow's load()), so a test can say none happened."""
    with mock.patch.object(ImageFile.ImageFile, "load", autospec=True, side_effect=ImageFile.ImageFile.load) as load:
        yield load


def test_a_huge_png_with_a_forged_timer_is_never_decoded(client, seeded, story_form_data, huge_png_bytes, decodes):
    for action in ["send", "preview"]:
        response = client.post(
            "/stories/share/",
            story_form_data(started="forged", action=action, photo=upload("big.png", huge_png_bytes, "image/png")),
        )
        assert "This form has expired" in response.content.decode()
    assert decodes.call_count == 0
    assert Story.objects.count() == 0


def test_a_huge_png_over_the_hourly_allowance_is_never_decoded(
    client, seeded, story_form_data, huge_png_bytes, decodes, settings
):
    settings.STORY_SUBMISSIONS_PER_HOUR = 1
    assert client.post("/stories/share/", story_form_data(title="The first")).status_code == 302
    response = client.post(
        "/stories/share/",
        story_form_data(title="The second", photo=upload("big.png", huge_png_bytes, "image/png"), photo_alt="Big"),
    )
    assert response.status_code == 429
    assert decodes.call_count == 0


def test_a_huge_png_is_refused_from_its_header_without_decoding(
    client, seeded, story_form_data, huge_png_bytes, decodes, settings
):
    response = client.post(
        "/stories/share/", story_form_data(photo=upload("big.png", huge_png_bytes, "image/png"), photo_alt="Big")
    )
    assert "far too many pixels" in response.content.decode()
    assert decodes.call_count == 0
    assert stored_files(settings) == []


def test_a_preview_of_an_over_long_body_renders_nothing_and_says_why(client, seeded, story_form_data):
    response = client.post("/stories/share/", story_form_data(action="preview", body="[" * 50_000))
    html = response.content.decode()
    assert "Your story is too long" in html
    assert "Preview: your story as it will be published" not in html


def test_previews_have_their_own_allowance_and_never_cost_the_story(client, seeded, story_form_data, settings):
    settings.STORY_PREVIEWS_PER_HOUR = 3
    settings.STORY_SUBMISSIONS_PER_HOUR = 1
    form = story_form_data(body="My **own** words")
    preview = {**form, "action": "preview"}
    for _ in range(3):
        assert "as it will be published" in client.post("/stories/share/", preview).content.decode()
    resting = client.post("/stories/share/", preview).content.decode()
    assert "You have used all your previews for this hour" in resting
    assert "Preview: your story as it will be published" not in resting
    assert "My **own** words" in resting  # what they typed is all still there
    # Previews used up neither the timer nor the hourly allowance: the story can still be sent.
    assert client.post("/stories/share/", form).status_code == 302
    assert Story.objects.count() == 1


def test_preview_then_send_stores_the_story(client, seeded, story_form_data):
    form = story_form_data()
    client.post("/stories/share/", {**form, "action": "preview"})
    assert client.post("/stories/share/", form).status_code == 302
    assert Story.objects.count() == 1


def test_the_same_form_sent_twice_stores_one_story_and_sends_one_receipt(client, seeded, story_form_data, mailoutbox):
    form = story_form_data()
    first = client.post("/stories/share/", form)
    again = client.post("/stories/share/", form)
    assert first["Location"] == again["Location"] == "/stories/share/thanks/"
    assert Story.objects.count() == 1
    assert [mail.to for mail in mailoutbox].count(["jo@example.org"]) == 1


def test_two_identical_posts_at_once_store_one_story(client, seeded, story_form_data, mailoutbox, settings):
    """Both pass the duplicate check before either is stored; the database's unique key decides."""
    settings.STORY_SUBMISSIONS_PER_HOUR = 2
    form = story_form_data(photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
    client.post("/stories/share/", form)
    real_check = StoryQuerySet.sent_from_form
    checks = []

    def not_yet_stored_at_first(queryset, digest):  # the other request stores it just after this check
        checks.append(digest)
        return len(checks) > 1 and real_check(queryset, digest)

    with mock.patch.object(StoryQuerySet, "sent_from_form", not_yet_stored_at_first):
        form["photo"] = upload("me.jpg", jpeg_bytes())
        response = client.post("/stories/share/", form)
    assert response["Location"] == "/stories/share/thanks/"
    assert Story.objects.count() == 1
    assert len(stored_files(settings)) == 1  # the loser's photo is not left behind
    assert [mail.to for mail in mailoutbox].count(["jo@example.org"]) == 1
    # The loser's claim on the hourly allowance was given back.
    assert client.post("/stories/share/", story_form_data(title="Another")).status_code == 302


def test_a_reused_timer_cannot_send_a_second_story(client, seeded, story_form_data):
    started = sign_started(time.time() - 60)
    client.post("/stories/share/", story_form_data(started=started, title="The real one"))
    replay = story_form_data(started=started, title="A replay", email="x@example.org")
    response = client.post("/stories/share/", replay)
    assert response["Location"] == "/stories/share/thanks/"
    assert list(Story.objects.values_list("title", flat=True)) == ["The real one"]


def test_a_database_refusal_that_is_not_a_duplicate_is_not_mistaken_for_one(seeded, story_form_data, settings):
    from django.db import IntegrityError
    from django.test import Client

    failing = Client(raise_request_exception=False)
    with mock.patch("stories.emails.story_submitted", side_effect=IntegrityError("slug taken")):
        response = failing.post(
            "/stories/share/", story_form_data(photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
        )
    assert response.status_code == 500  # an error the author sees, not a false "thank you"
    assert Story.objects.count() == 0
    assert stored_files(settings) == []


def test_photos_kept_after_form_errors_come_out_of_the_preview_allowance(client, seeded, story_form_data, settings):
    """Each kept photo is a stored file: a client sending broken forms with photos can't fill the disk."""
    settings.STORY_PREVIEWS_PER_HOUR = 2
    broken = story_form_data(consent="", photo_alt="Me")
    for _ in range(2):
        html = client.post("/stories/share/", {**broken, "photo": upload("me.jpg", jpeg_bytes())}).content.decode()
        assert "We have kept the photo you chose" in html
    html = client.post("/stories/share/", {**broken, "photo": upload("me.jpg", jpeg_bytes())}).content.decode()
    assert "We could not keep your photo this time" in html
    assert len(stored_files(settings)) == 2
