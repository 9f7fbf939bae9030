"""A photo, once chosen and accepted, survives a preview and every form error, until it is sent or removed."""

import os
import re
import time

import pytest
from django.core.management import call_command
from imagefiles import jpeg_bytes, stored_files, upload

from stories.models import Story

pytestmark = pytest.mark.django_db


def kept_reference(html):
    return re.search(r'name="kept_photo" value="([^"]+)"', html).group(1)


def test_a_photo_chosen_before_a_preview_is_sent_with_the_story(
    client, seeded, story_form_data, settings, django_capture_on_commit_callbacks
):
    data = story_form_data(photo_alt="Me by the sea")
    preview = client.post("/stories/share/", {**data, "action": "preview", "photo": upload("me.jpg", jpeg_bytes())})
    html = preview.content.decode()
    assert "Remove photo" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/stories/share/", {**data, "kept_photo": kept_reference(html)})
    assert response.status_code == 302
    story = Story.objects.get()
    assert story.photo.name.startswith("stories/") and story.photo_alt == "Me by the sea"
    assert [path.parent.name for path in stored_files(settings)] == ["stories"]  # the unsent copy is gone


def test_a_previewed_story_with_a_photo_sent_twice_is_thanked_twice(
    client, seeded, story_form_data, django_capture_on_commit_callbacks
):
    data = story_form_data(photo_alt="Me by the sea")
    preview = client.post("/stories/share/", {**data, "action": "preview", "photo": upload("me.jpg", jpeg_bytes())})
    sent = {**data, "kept_photo": kept_reference(preview.content.decode())}
    with django_capture_on_commit_callbacks(execute=True):  # the unsent copy of the photo goes as this commits
        first = client.post("/stories/share/", sent)

    second = client.post("/stories/share/", sent)  # a double click on "Send my story"

    assert first.status_code == second.status_code == 302, "no error about a photo the first one used"
    assert second["Location"] == "/stories/share/thanks/" and Story.objects.count() == 1


def test_a_photo_survives_a_form_error(client, seeded, story_form_data):
    data = story_form_data(photo_alt="Me by the sea")
    refused = client.post("/stories/share/", {**data, "consent": "", "photo": upload("me.jpg", jpeg_bytes())})
    html = refused.content.decode()
    assert "Please tick the box to agree" in html
    assert "We have kept the photo you chose" in html
    client.post("/stories/share/", {**data, "kept_photo": kept_reference(html)})
    assert Story.objects.get().photo


def test_the_kept_photo_is_shown_to_the_author(client, seeded, story_form_data):
    html = client.post(
        "/stories/share/", story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
    ).content.decode()
    thumbnail = re.search(r'class="kept-photo-thumbnail" src="([^"]+)"', html).group(1)
    response = client.get(thumbnail)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["Referrer-Policy"] == "no-referrer" and "no-store" in response["Cache-Control"]


def test_remove_photo_sends_the_story_without_it(client, seeded, story_form_data, settings):
    data = story_form_data(photo_alt="")
    html = client.post(
        "/stories/share/", {**data, "action": "preview", "photo_alt": "Me", "photo": upload("me.jpg", jpeg_bytes())}
    ).content.decode()
    client.post("/stories/share/", {**data, "kept_photo": kept_reference(html), "remove_photo": "on"})
    assert not Story.objects.get().photo
    assert stored_files(settings) == []


def test_a_description_without_a_photo_is_refused(client, seeded, story_form_data):
    response = client.post("/stories/share/", story_form_data(photo_alt="Me on a walk"))
    assert "You described a photo but there is no photo to go with it" in response.content.decode()
    assert Story.objects.count() == 0


def test_a_forged_or_other_forms_reference_brings_no_photo(client, seeded, story_form_data):
    first = client.post(
        "/stories/share/", story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
    ).content.decode()
    reference = kept_reference(first)
    name = reference.split(":")[0]
    for forged in ["stories/unsent/../../etc/passwd", name, reference + "x"]:
        response = client.post("/stories/share/", story_form_data(kept_photo=forged, photo_alt="Me"))
        assert "You described a photo but there is no photo" in response.content.decode()
    # A real reference, but made for another copy of the form.
    other_form = story_form_data(kept_photo=reference, photo_alt="Me")
    assert "You described a photo" in client.post("/stories/share/", other_form).content.decode()
    assert client.get("/stories/share/photo/forged/").status_code == 404


def test_housekeeping_deletes_unsent_photos_after_a_day(client, seeded, story_form_data, settings):
    client.post(
        "/stories/share/", story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
    )
    client.post(
        "/stories/share/", story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
    )
    old, fresh = stored_files(settings)
    if settings.STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
        pytest.skip("an object store sets its own times: only the disk's can be turned back")
    day_and_a_bit = time.time() - 25 * 60 * 60
    os.utime(settings.MEDIA_ROOT / old, (day_and_a_bit, day_and_a_bit))
    call_command("housekeeping", stdout=open(os.devnull, "w"))
    assert stored_files(settings) == [fresh]


def test_a_kept_photo_comes_before_the_box_to_choose_another_which_waits_folded(client, seeded, story_form_data):
    data = story_form_data(photo_alt="Me")
    html = client.post(
        "/stories/share/", {**data, "action": "preview", "photo": upload("me.jpg", jpeg_bytes())}
    ).content.decode()
    form = html[html.index('id="story-form"') :]
    kept, folded, file_box = (form.index(marker) for marker in ["We have kept the photo", "<details", 'type="file"'])
    assert kept < folded < file_box  # the browser's "No file chosen" never sits above the kept photo
    assert '<details class="another-photo">' in form  # folded until asked for

    refused = client.post(
        "/stories/share/", {**data, "kept_photo": kept_reference(html), "photo": upload("x.jpg", b"not a photo")}
    ).content.decode()
    assert '<details class="another-photo" open>' in refused  # a refused new photo shows its box and error
