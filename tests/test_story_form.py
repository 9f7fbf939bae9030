"""The submission form: kind errors that keep what was typed, and nothing stored until all is well."""

import time
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from imagefiles import HTML_AS_GIF, SVG, decompression_bomb, jpeg_bytes, stored_files, upload

from lemtrada_site.forms import sign_started
from stories.models import Story

pytestmark = pytest.mark.django_db


def test_the_form_says_what_happens_next(client, seeded):
    html = client.get("/stories/share/").content.decode()
    for promise in ["A moderator reads every story", "made-up name", "email address is never shown",
                    "remove its hidden details", "withdraw it at any time"]:  # fmt: skip
        assert promise in html
    for name in ["display_name", "email", "title", "body", "photo", "photo_alt", "treatment_year", "side_effects",
                 "consent"]:  # fmt: skip
        assert f'name="{name}"' in html


def test_a_good_submission_is_stored_as_pending_with_its_consent(client, seeded, story_form_data):
    response = client.post("/stories/share/", story_form_data())
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.status == Story.Status.PENDING
    assert story.consent_version == "2026-11-26" and story.consented_at is not None
    assert story.token_hash and len(story.token_hash) == 64


BAD_INPUT = {
    "missing consent": ({"consent": ""}, "Please tick the box to agree"),
    "empty body": ({"body": ""}, "Please write your story"),
    "over-long body": ({"body": "word " * 2500}, "Your story is too long"),
    "bad email": ({"email": "not-an-email"}, "Please enter an email address like name@example.com"),
    "future treatment year": ({"treatment_year": "2999"}, "The year can&#x27;t be in the future"),
    "year before Lemtrada": ({"treatment_year": "2005"}, "Lemtrada was first licensed in 2013"),
    "too fast": ({"started": lambda: sign_started(time.time())}, "quicker than we expected"),
    "forged timer": ({"started": "12345"}, "This form has expired"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_gets_a_clear_message_keeps_what_was_typed_and_stores_nothing(
    client, seeded, story_form_data, settings, case
):
    changes, message = BAD_INPUT[case]
    changes = {name: value() if callable(value) else value for name, value in changes.items()}
    # With a good photo too: whatever else is wrong, it is kept for the form, never stored with a story.
    photo = {"photo": upload("me.jpg", jpeg_bytes()), "photo_alt": "Me"}
    response = client.post("/stories/share/", story_form_data(title="Kept title", **photo, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "There is a problem" in html
    assert 'value="Kept title"' in html
    assert Story.objects.count() == 0
    assert all(path.parent.name == "unsent" for path in stored_files(settings))


BAD_PHOTOS = {
    "an SVG": (lambda: upload("drawing.svg", SVG, "image/svg+xml"), "Please choose a JPEG, PNG or WebP image"),
    "text named .jpg": (lambda: upload("photo.jpg", b"just some text, honestly"), "could not read that file"),
    "HTML named .gif": (lambda: upload("cat.gif", HTML_AS_GIF, "image/gif"), "could not read that file"),
    "a truncated JPEG": (lambda: upload("cut.jpg", jpeg_bytes()[:1500]), "could not read that file"),
    "a decompression bomb": (lambda: upload("bomb.png", decompression_bomb(), "image/png"), "far too many pixels"),
}


@pytest.mark.parametrize("case", BAD_PHOTOS)
def test_a_refused_photo_stores_no_story_and_leaves_no_file(client, seeded, story_form_data, settings, case):
    make_upload, message = BAD_PHOTOS[case]
    response = client.post("/stories/share/", story_form_data(photo=make_upload(), photo_alt="A photo"))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert Story.objects.count() == 0
    assert stored_files(settings) == []


def test_an_over_size_photo_is_refused(client, seeded, story_form_data, settings):
    settings.STORY_PHOTO_MAX_BYTES = 10_000
    response = client.post("/stories/share/", story_form_data(photo=upload("big.jpg", jpeg_bytes((1600, 1600)))))
    assert "The image is too large: it can be at most" in response.content.decode()
    assert Story.objects.count() == 0
    assert stored_files(settings) == []


def test_an_over_size_request_is_refused_before_it_is_read(client, seeded, story_form_data, settings):
    settings.REQUEST_MAX_BYTES = 1000
    response = client.post("/stories/share/", story_form_data(body="x" * 5000))
    assert response.status_code == 413
    assert "too large to send" in response.content.decode()
    assert Story.objects.count() == 0


def test_a_photo_needs_its_description(client, seeded, story_form_data, settings):
    response = client.post("/stories/share/", story_form_data(photo=upload("me.jpg", jpeg_bytes())))
    assert "Please describe your photo" in response.content.decode()
    assert Story.objects.count() == 0


def test_a_filled_honeypot_is_quietly_dropped_with_thanks(client, seeded, story_form_data, settings):
    response = client.post(
        "/stories/share/",
        story_form_data(website="http://spam.example", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me"),
    )
    assert response.status_code == 302
    assert response["Location"] == "/stories/share/thanks/"
    assert Story.objects.count() == 0
    assert stored_files(settings) == []


def test_an_expired_form_gets_a_fresh_timer_so_sending_again_works(client, seeded, story_form_data):
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=two_days_ago):
        expired = sign_started(two_days_ago)
    response = client.post("/stories/share/", story_form_data(started=expired))
    assert "This form has expired" in response.content.decode()
    fresh = response.context["form"].data["started"]
    assert fresh != expired
    # Sending the page again (after the minimum time) now works.
    with mock.patch("lemtrada_site.forms.time.time", return_value=time.time() + 10):
        again = client.post("/stories/share/", story_form_data(started=fresh))
    assert again.status_code == 302
    assert Story.objects.count() == 1


def test_a_photo_written_for_a_story_that_failed_to_save_is_deleted(client, seeded, story_form_data, settings):
    def database_fails(*args, **kwargs):
        raise OperationalError("the database went away")

    failing = Client(raise_request_exception=False)
    with mock.patch("stories.emails.story_submitted", database_fails):
        response = failing.post(
            "/stories/share/", story_form_data(photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
        )
    assert response.status_code == 503
    assert Story.objects.count() == 0
    assert stored_files(settings) == []


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client, seeded):
    html = client.get("/stories/share/").content.decode()
    assert '<div class="honeypot" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1" autocomplete="off"' in html


def test_a_forged_status_is_ignored(client, seeded, story_form_data):
    client.post("/stories/share/", story_form_data(status="approved", published_at="2026-01-01"))
    story = Story.objects.get()
    assert story.status == Story.Status.PENDING
    assert story.published_at is None


def test_preview_renders_the_body_safely_and_stores_nothing(client, seeded, story_form_data):
    response = client.post(
        "/stories/share/",
        story_form_data(action="preview", body="**Bold** words <script>alert(1)</script> [x](javascript:alert(1))"),
    )
    html = response.content.decode()
    assert "Preview: your story as it will be published" in html
    assert "<strong>Bold</strong> words" in html
    assert "<script>alert(1)" not in html
    assert 'href="javascript:' not in html
    assert Story.objects.count() == 0


def test_a_story_written_in_five_seconds_is_not_taken_for_a_bot(client, seeded, story_form_data):
    """The spam timer refuses only what no person types so fast: five seconds is enough (a pasted story)."""
    response = client.post("/stories/share/", story_form_data(started=sign_started(time.time() - 5)))
    assert response.status_code == 302 and Story.objects.count() == 1


def test_csrf_is_required(seeded, story_form_data):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/stories/share/", story_form_data()).status_code == 403
    assert Story.objects.count() == 0


def test_control_characters_never_reach_storage_and_line_endings_become_lf(client, seeded, story_form_data):
    controls = "".join(chr(code) for code in range(32) if chr(code) not in "\t\n\r") + "\x7f"
    response = client.post(
        "/stories/share/",
        story_form_data(
            display_name=f"Jo{controls}",
            title=f"Five{controls} days",
            body=f"First line\r\nSecond\tline{controls}\rThird",
            photo=upload("me.jpg", jpeg_bytes()),
            photo_alt=f"Me{controls}",
        ),
    )
    assert response.status_code == 302
    story = Story.objects.get()
    assert (story.display_name, story.title) == ("Jo", "Five days")
    assert story.body == "First line\nSecond\tline\nThird"
