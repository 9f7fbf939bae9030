"""The moderation desk with 60 stories waiting, on a laptop screen (1280 x 900)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROWS_IN_VIEW = """() => [...document.querySelectorAll("#result_list tbody tr")]
  .filter((row) => { const box = row.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })
  .length"""


@pytest.fixture
def sixty_waiting(seeded, make_story):
    now = timezone.now()
    for number in range(60):
        make_story(
            title=f"Story number {number:02d}: a long title about my first year after Lemtrada and what came next",
            body=f"Words from story {number:02d}. " + "The infusions were long but the nurses were lovely. " * 20,
            submitted_at=now - timedelta(hours=60 - number),  # story 00 has waited longest
        )
    make_story(
        title="Urgent one", body="My gums are bleeding today.", submitted_at=now - timedelta(hours=30, minutes=30)
    )


def test_the_desk_lists_sixty_oldest_first_and_approve_and_next_walks_the_queue(
    open_context, sixty_waiting, moderator, login, screenshot, watch
):
    page = open_context(viewport={"width": 1280, "height": 900}).new_page()
    login(page, "moderator")
    page.goto("/admin/stories/story/")

    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("Urgent one")  # newest, but it may describe urgent signs
    expect(rows.first.locator(".flag-urgent")).to_have_text("Urgent signs")
    expect(rows.nth(1)).to_contain_text("Story number 00")  # then the longest-waiting
    expect(rows.nth(2)).to_contain_text("Story number 01")
    expect(rows.nth(1).locator(".desk-excerpt")).to_contain_text("Words from story 00.")
    assert page.evaluate(ROWS_IN_VIEW) >= 15
    assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    screenshot(page, "admin-moderation-desk")

    rows.first.get_by_role("link").click()
    for title in ["Urgent one", "Story number 00", "Story number 01"]:
        expect(page.locator(".story-admin-preview h1")).to_have_text(re.compile(title))
        page.get_by_role("button", name="Approve and next").click()
    expect(page.locator(".story-admin-preview h1")).to_have_text(re.compile("Story number 02"))
    assert Story.objects.filter(status="approved").count() == 3
    watch.assert_clean()
