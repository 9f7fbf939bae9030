"""A moderator rejects a story on a laptop: the reasons beside the story, a stock reason's words ready to change."""

import re

import pytest
from playwright.sync_api import expect

from stories.admin import STOCK_REASONS
from stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_stock_reason_fills_the_box_beside_the_story_and_can_be_changed(
    open_context, seeded, make_story, moderator, login, screenshot, watch
):
    story = make_story(title="Five days in spring", body="My neighbour Jan drove me to every infusion.")
    page = open_context(viewport={"width": 1366, "height": 768}).new_page()
    login(page, "moderator")
    page.goto(f"/admin/stories/story/{story.pk}/change/")
    page.get_by_role("link", name="Reject…", exact=True).click()

    preview = page.locator(".story-admin-preview")
    expect(preview).to_contain_text("My neighbour Jan drove me to every infusion.")
    form, shown = page.locator(".reject-form").bounding_box(), preview.bounding_box()
    assert form["x"] + form["width"] <= shown["x"] and shown["y"] < 768, "the story sits beside the reasons"

    page.get_by_label("It names or identifies someone else").check()
    box = page.get_by_label("Reason for the author")
    expect(box).to_have_value(STOCK_REASONS["identifies"][1])
    box.fill(box.input_value().replace("someone else", "your neighbour Jan"))
    page.get_by_label("It is not about having Lemtrada").check()  # changed words are not replaced
    expect(box).to_have_value(re.compile("your neighbour Jan"))
    screenshot(page, "admin-reject-story")
    page.get_by_role("button", name="Reject and tell the author").click()

    expect(page.locator(".messagelist")).to_contain_text("“Five days in spring” has been rejected.")
    story.refresh_from_db()
    assert story.status == Story.Status.REJECTED and "your neighbour Jan" in story.rejection_reason
    watch.assert_clean()
