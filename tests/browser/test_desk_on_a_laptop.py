"""The moderation desk with 60 stories waiting, on a laptop screen (1366 x 768), at 200 % zoom and by keyboard."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1366, "height": 768}
# 200 % zoom on that laptop: the page lays itself out in half the CSS pixels each way.
ZOOMED = {"viewport": {"width": 683, "height": 384}, "device_scale_factor": 2}

ROWS_IN_VIEW = """() => [...document.querySelectorAll("#result_list tbody tr")]
  .filter((row) => { const box = row.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; })
  .length"""

# How much of the first story's title a person can see: the characters whose boxes lie inside both the
# title's own box (which cuts a long title short) and the window, without scrolling either way.
VISIBLE_TITLE_CHARACTERS = """(title) => {
  const text = title.firstChild, clip = title.getBoundingClientRect();
  const cell = title.closest("td, th").getBoundingClientRect();
  const right = Math.min(clip.right, cell.right, innerWidth), bottom = Math.min(clip.bottom, cell.bottom, innerHeight);
  let shown = 0;
  for (let index = 0; index < text.length; index++) {
    const range = document.createRange();
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    const box = range.getBoundingClientRect();
    if (box.right > right + 0.5 || box.bottom > bottom + 0.5 || box.top < 0 || box.left < 0) break;
    shown++;
  }
  return shown;
}"""

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"


def long_title(number):
    # 75 characters: the desk must show at least the first 60 of them.
    return f"Story number {number:02d}: my first year after Lemtrada, and the long road that came next"


@pytest.fixture
def sixty_waiting(seeded, make_story):
    now = timezone.now()
    for number in range(60):
        make_story(
            title=long_title(number),
            body=f"Words from story {number:02d}. " + "The infusions were long but the nurses were lovely. " * 20,
            submitted_at=now - timedelta(hours=60 - number),  # story 00 has waited longest
        )
    make_story(
        title="Urgent one", body="My gums are bleeding today.", submitted_at=now - timedelta(hours=30, minutes=30)
    )


def test_the_desk_shows_twenty_stories_with_readable_titles_on_a_laptop(
    open_context, sixty_waiting, moderator, login, screenshot, watch
):
    page = open_context(viewport=LAPTOP).new_page()
    login(page, "moderator")
    page.goto("/admin/stories/story/")

    rows = page.locator("#result_list tbody tr")
    expect(rows.first).to_contain_text("Urgent one")  # newest, but it may describe urgent signs
    expect(rows.first.locator(".flag-urgent")).to_have_text("Urgent signs")
    expect(rows.nth(1)).to_contain_text("Story number 00")  # then the longest-waiting
    expect(rows.nth(1).locator(".desk-excerpt")).to_contain_text("Words from story 00.")
    assert page.evaluate(ROWS_IN_VIEW) >= 20, f"first row at {rows.first.bounding_box()}"
    shown = rows.nth(1).locator(".desk-title").evaluate(VISIBLE_TITLE_CHARACTERS)
    assert shown >= 60, f"only {shown} characters of “{long_title(0)}” show"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(page, "admin-moderation-desk")
    watch.assert_clean()


def test_at_200_percent_zoom_the_first_title_is_on_the_first_screen_and_whole(
    open_context, sixty_waiting, moderator, login, screenshot, watch
):
    page = open_context(**ZOOMED).new_page()
    login(page, "moderator")
    page.goto("/admin/stories/story/")

    first_title = page.locator("#result_list tbody tr .desk-title").first
    shown = first_title.evaluate(VISIBLE_TITLE_CHARACTERS)
    assert shown == len("Urgent one"), f"{shown} characters of the first title show without scrolling"
    page.goto("/admin/stories/story/?q=Story+number+00")  # a 75-character title
    expect(first_title).to_have_text(long_title(0))
    shown = first_title.evaluate(VISIBLE_TITLE_CHARACTERS)
    assert shown >= 60, f"only {shown} characters of the first title show without scrolling"
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    screenshot(page, "admin-moderation-desk-zoomed")
    watch.assert_clean()


def test_the_first_story_is_a_few_key_presses_away_and_the_filters_come_after_the_stories(
    open_context, sixty_waiting, moderator, login, watch
):
    page = open_context(viewport=LAPTOP).new_page()
    login(page, "moderator")
    page.goto("/admin/stories/story/")
    first_story = page.locator("#result_list tbody tr").first.locator(".field-summary a")

    presses = []
    for _ in range(15):
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        key = "Enter" if focused == "Skip to the stories" else "Tab"
        page.keyboard.press(key)
        presses.append(key)
        if first_story.evaluate("(link) => link === document.activeElement"):
            break
    expect(first_story).to_be_focused()
    assert len(presses) <= 15, presses

    page.keyboard.press("Enter")
    expect(page.locator(".story-admin-preview h1")).to_have_text("Urgent one")
    # In the page's order (the keyboard's and a screen reader's), the stories come before the filters.
    assert page.goto("/admin/stories/story/") and page.evaluate(
        """() => document.querySelector("#result_list").compareDocumentPosition(
             document.querySelector("#changelist-filter")) & Node.DOCUMENT_POSITION_FOLLOWING"""
    )
    watch.assert_clean()


def test_approve_and_next_walks_the_queue_and_names_the_story_it_published(
    open_context, sixty_waiting, moderator, login, watch
):
    page = open_context(viewport=LAPTOP).new_page()
    login(page, "moderator")
    page.goto("/admin/stories/story/")
    page.locator("#result_list tbody tr").first.locator(".field-summary a").click()

    expect(page.locator(".story-admin-preview h1")).to_have_text("Urgent one")
    page.get_by_role("button", name="Approve and next").click()
    expect(page.locator(".messagelist")).to_contain_text("“Urgent one” has been published. Its author has been told.")
    expect(page.locator(".story-admin-preview h1")).to_have_text(re.compile("Story number 00"))
    page.get_by_role("button", name="Approve and next").click()
    expect(page.locator(".messagelist")).to_contain_text(f"“{long_title(0)}” has been published.")
    expect(page.locator(".story-admin-preview h1")).to_have_text(re.compile("Story number 01"))
    assert Story.objects.filter(status="approved").count() == 2
    watch.assert_clean()
