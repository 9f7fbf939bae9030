"""Reading and sharing a story need no JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from stories.models import Story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Text inside the main content that a reader cannot see (hidden, collapsed, zero-sized).
HIDDEN_TEXT = """() => [...document.querySelectorAll("main *")]
  .filter((el) => [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()))
  .filter((el) => !el.closest(".visually-hidden, .honeypot, select"))
  .filter((el) => !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
  .map((el) => el.outerHTML.slice(0, 120))"""


def test_every_reading_page_shows_its_full_text_without_javascript(context, open_context, tour, watch):
    with_js = context.new_page()
    without_js = open_context(java_script_enabled=False).new_page()
    problems = []

    for name in tour.reading_pages:
        tour.open(with_js, name)
        tour.open(without_js, name)
        full_text = with_js.get_by_role("main").inner_text()
        shown_text = without_js.get_by_role("main").inner_text()
        if shown_text != full_text:
            problems.append(f"{name}: the text differs without JavaScript")
        if hidden := without_js.evaluate(HIDDEN_TEXT):
            problems.append(f"{name}: text hidden without JavaScript:\n    " + "\n    ".join(hidden))
        assert len(shown_text) > 200, f"{name} shows almost nothing: {shown_text!r}"

    assert not problems, "\n".join(problems)
    watch.assert_clean()


def test_a_story_can_be_sent_without_javascript(open_context, seeded, jpeg, watch):
    page = open_context(java_script_enabled=False).new_page()
    page.goto("/stories/share/")

    page.get_by_label("Your name as it will be shown").fill("Jo")
    page.get_by_label("Your email address").fill("jo@example.org")
    page.get_by_label("A title for your story").fill("Five days in spring")
    page.get_by_label("Your story", exact=False).and_(page.locator("textarea")).fill(
        "The infusions were long but the nurses were lovely."
    )
    page.get_by_label("A photo (optional)").set_input_files(
        {"name": "spring.jpg", "mimeType": "image/jpeg", "buffer": jpeg}
    )
    page.get_by_label("Describe your photo").fill("A hospital window with blossom outside")
    page.get_by_label("I agree that this site may keep my story").check()
    page.get_by_role("button", name="Send my story").click()

    expect(page).to_have_url(re.compile(r"/stories/share/thanks/$"))
    story = Story.objects.get()
    assert story.title == "Five days in spring" and story.photo
    watch.assert_clean()


def test_a_problem_with_a_page_can_be_reported_without_javascript(open_context, seeded, watch):
    from pages.models import Feedback

    page = open_context(java_script_enabled=False).new_page()
    page.goto("/treatment/")
    page.get_by_role("link", name="Report a problem with this page").click()
    expect(page.get_by_text("Your message will be about the page")).to_be_visible()
    page.get_by_label("Something is wrong or out of date").check()
    page.get_by_label("Your message").fill("The infusion times look out of date.")
    page.get_by_role("button", name="Send my message").click()

    expect(page).to_have_url(re.compile(r"/contact/thanks/$"))
    feedback = Feedback.objects.get()
    assert (feedback.page_path, feedback.message) == ("/treatment/", "The infusion times look out of date.")
    watch.assert_clean()


def test_withdrawal_asks_first_and_a_used_link_gets_the_kind_page_without_javascript(open_context, make_story, watch):
    story = make_story(title="Five days in spring", status="approved")
    token = story.issue_private_token()
    story.save()
    private_link = f"/stories/mine/{token}/"
    page = open_context(java_script_enabled=False).new_page()
    page.goto(private_link)

    page.get_by_role("link", name="Withdraw and erase my story").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw “Five days in spring”?")
    expect(page.get_by_text("This can't be undone")).to_be_visible()
    story.refresh_from_db()
    assert story.status == "approved"
    page.get_by_role("button", name="Yes, withdraw and erase my story").click()
    expect(page).to_have_url(re.compile(r"/stories/withdrawn/$"))

    watch.allow_not_found(private_link)
    assert page.goto(private_link).status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    expect(page.get_by_text("The story has been withdrawn, or the link is no longer valid.")).to_be_visible()
    story.refresh_from_db()
    assert story.status == "withdrawn"
    watch.assert_clean()
