"""
In Chromium: a chosen photo is kept through a preview, a description without a photo is refused,
and unsent photos are deleted by the housekeeping command.
"""

import os
import re
import time

import pytest
from django.core.management import call_command
from imagefiles import stored_files
from playwright.sync_api import expect

from stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fill_story(page):
    page.get_by_label("Your name as it will be shown").fill("Jo")
    page.get_by_label("Your email address").fill("jo@example.org")
    page.get_by_label("A title for your story").fill("Five days in spring")
    page.locator("textarea[name=body]").fill("The infusions were long but the nurses were lovely.")


def test_a_photo_chosen_then_previewed_is_stored_with_the_story(
    page, seeded, visit, jpeg, axe_violations, screenshot, watch
):
    visit(page, "/stories/share/")
    fill_story(page)
    page.get_by_label("A photo (optional)").set_input_files(
        {"name": "s.jpg", "mimeType": "image/jpeg", "buffer": jpeg}
    )
    page.get_by_label("Describe your photo").fill("A hospital window with blossom outside")
    page.get_by_role("button", name="Preview my story").click()

    preview = page.locator(".preview-frame")
    expect(preview.get_by_role("img", name="A hospital window with blossom outside")).to_be_visible()
    # The form says the photo is kept, with no empty file box ("No file chosen") above or beside it.
    expect(page.get_by_text("We have kept the photo you chose.")).to_be_visible()
    expect(page.get_by_label("A photo (optional)")).to_be_hidden()
    screenshot(page, "share-form-kept-photo")
    page.get_by_text("Choose a different photo").click()
    expect(page.get_by_label("A photo (optional)")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_label("I agree that this site may keep my story").check()
    page.locator(".story-preview").get_by_role("button", name="Send my story").click()

    expect(page).to_have_url(re.compile(r"/stories/share/thanks/$"))
    story = Story.objects.get()
    assert story.photo and story.photo_alt == "A hospital window with blossom outside"
    watch.assert_clean()


def test_a_description_without_a_photo_is_refused(page, seeded, visit, watch):
    visit(page, "/stories/share/")
    fill_story(page)
    page.get_by_label("Describe your photo").fill("Me on a walk")
    page.get_by_label("I agree that this site may keep my story").check()
    page.locator("form#story-form").get_by_role("button", name="Send my story").click()
    expect(page.get_by_role("alert")).to_contain_text("You described a photo but there is no photo")
    assert Story.objects.count() == 0
    watch.assert_clean()


def test_unsent_photos_are_deleted_by_the_housekeeping_command(page, seeded, visit, jpeg, settings, watch):
    visit(page, "/stories/share/")
    fill_story(page)
    page.get_by_label("A photo (optional)").set_input_files(
        {"name": "s.jpg", "mimeType": "image/jpeg", "buffer": jpeg}
    )
    page.get_by_label("Describe your photo").fill("A window")
    page.get_by_role("button", name="Preview my story").click()
    thumbnail = page.locator(".kept-photo-thumbnail").get_attribute("src")
    [unsent] = stored_files(settings)
    a_day_ago = time.time() - 25 * 60 * 60
    os.utime(settings.MEDIA_ROOT / unsent, (a_day_ago, a_day_ago))  # stored_files gives storage names

    call_command("housekeeping", stdout=open(os.devnull, "w"))

    assert stored_files(settings) == []
    watch.allow_not_found(thumbnail)
    visit(page, thumbnail, status=404)
    watch.assert_clean()
