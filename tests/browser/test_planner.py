"""The treatment planner in Chromium: by keyboard alone, without JavaScript, accessible, on a small phone, on paper."""

import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from planner.plan import add_months

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PLAN = "/planner/plan/?course1_day=31&course1_month=1&course1_year=2027"
ERRORS = (
    "/planner/plan/?course1_day=31&course1_month=2&course1_year=2027&course2_day=1&course2_month=1&course2_year=2012"
)


def plan_begun_months_ago(months):
    begun = add_months(timezone.localdate(), -months)
    return f"/planner/plan/?course1_day={begun.day}&course1_month={begun.month}&course1_year={begun.year}"


BEGUN_9_MONTHS_AGO = plan_begun_months_ago(9)
PLANNER_PAGES = {"form": "/planner/", "form-errors": ERRORS, "plan": PLAN, "plan-with-a-past": BEGUN_9_MONTHS_AGO}

TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 8)
    .map((el) => `${el.outerHTML.slice(0, 120)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


def tab_to(page, selector, *, limit=40):
    """Press Tab until the element matching the selector has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} never took the focus in {limit} presses of Tab")


def test_a_plan_is_made_and_downloaded_with_the_keyboard_alone(page, seeded, visit, watch, tmp_path):
    visit(page, "/")
    tab_to(page, "a[href='/planner/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_to(page, "#id_course1_day")
    page.keyboard.type("31")
    page.keyboard.press("Tab")
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("2027")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/planner/plan/\?course1_day=31&course1_month=1&course1_year=2027"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My treatment plan")
    expect(page.get_by_text("to the end of your monitoring on 2 February 2032")).to_be_visible()
    shown = page.locator(".plan-timeline time[id]").count()

    tab_to(page, "a[href^='/planner/plan.ics']")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == "my-lemtrada-plan.ics"
    saved = tmp_path / "plan.ics"
    download.save_as(saved)

    events = Calendar.from_ical(saved.read_bytes()).walk("VEVENT")
    assert len(events) == shown
    assert all(event.walk("VALARM") for event in events)
    watch.assert_clean()


def test_a_mistake_is_shown_next_to_its_date_and_the_summary_link_moves_to_it(page, seeded, visit, watch):
    visit(page, "/planner/")
    page.locator("#id_course1_day").fill("31")
    page.locator("#id_course1_month").fill("2")
    page.locator("#id_course1_year").fill("2027")
    with page.expect_navigation():
        page.get_by_role("button", name="Show my plan").click()

    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement"), "the error summary has the focus"
    expect(page.locator("#field-course1 .error-message")).to_contain_text("31 February is not a real date")
    expect(page.locator("#id_course1_day")).to_have_value("31")
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_course1_day"
    watch.assert_clean()


def test_the_planner_works_without_javascript(open_context, seeded, watch, tmp_path):
    page = open_context(java_script_enabled=False, accept_downloads=True).new_page()
    page.goto("/planner/")

    page.locator("#id_course1_day").fill("31")
    page.locator("#id_course1_month").fill("1")
    page.locator("#id_course1_year").fill("2027")
    page.locator("#id_course2_day").fill("2")
    page.locator("#id_course2_month").fill("2")
    page.locator("#id_course2_year").fill("2028")
    page.get_by_role("button", name="Show my plan").click()

    expect(page.get_by_text("to the end of your monitoring on 4 February 2032")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Add to my calendar").click()
    download_info.value.save_as(tmp_path / "plan.ics")
    assert Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")

    page.get_by_role("link", name="Change the dates").click()
    expect(page.locator("#id_course2_year")).to_have_value("2028")
    watch.assert_clean()


@pytest.mark.parametrize("name", PLANNER_PAGES)
def test_planner_pages_have_no_wcag_violations(page, seeded, visit, axe_violations, watch, name):
    visit(page, PLANNER_PAGES[name])

    violations = axe_violations(page)

    assert not violations, f"{len(violations)} axe violation(s) on {name}:\n" + "\n".join(violations)
    watch.assert_clean()


def test_planner_pages_do_not_scroll_sideways_at_320_px(open_context, seeded, watch, screenshot):
    page = open_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).new_page()
    sideways = []

    for name, path in PLANNER_PAGES.items():
        page.goto(path)
        screenshot(page, f"planner-{name}")
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > client_width:
            sideways.append(f"{name}: {scroll_width} px wide\n    " + "\n    ".join(page.evaluate(TOO_WIDE)))

    assert not sideways, "\n".join(sideways)
    watch.assert_clean()


def test_a_printed_plan_keeps_the_timeline_and_drops_the_buttons(page, seeded, visit, screenshot, watch):
    visit(page, BEGUN_9_MONTHS_AGO)
    expect(page.locator("#course-1-infusion-1")).to_be_hidden()

    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Add to my calendar")).to_be_hidden()
    expect(page.get_by_role("link", name="Change the dates")).to_be_hidden()
    expect(page.get_by_role("heading", name="Your timeline")).to_be_visible()
    expect(page.locator(".plan-event").last).to_be_visible()
    expect(page.locator("#course-1-infusion-1")).to_be_visible()  # the folded past prints open
    expect(page.locator(".plan-past .plan-event").first).to_be_visible()
    expect(page.get_by_text("Your MS team sets your actual dates")).to_be_visible()
    screenshot(page, "print-planner")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    watch.assert_clean()


def test_the_folded_past_opens_and_closes_by_keyboard(page, seeded, visit, watch):
    visit(page, BEGUN_9_MONTHS_AGO)
    past = page.locator("details.plan-past")
    first_infusion = page.locator("#course-1-infusion-1")
    expect(page.locator(".plan-today")).to_contain_text("You are in month 9 after course 1.")
    expect(page.locator(".plan-next li").first).to_be_visible()
    expect(first_infusion).to_be_hidden()

    tab_to(page, "details.plan-past > summary", limit=80)
    page.keyboard.press("Enter")

    expect(past).to_have_attribute("open", "")
    expect(first_infusion).to_be_visible()
    page.keyboard.press("Space")
    expect(first_infusion).to_be_hidden()
    watch.assert_clean()


def test_the_coming_next_links_lead_to_their_place_in_the_timeline_by_keyboard(page, seeded, visit, watch):
    visit(page, BEGUN_9_MONTHS_AGO)
    first = page.locator(".plan-next a").first
    target = first.get_attribute("href")

    tab_to(page, ".plan-next a", limit=60)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    expect(page.locator(target)).to_be_in_viewport()
    watch.assert_clean()


def test_the_folded_past_opens_without_javascript(open_context, seeded, watch):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(BEGUN_9_MONTHS_AGO)
    first_infusion = page.locator("#course-1-infusion-1")
    expect(first_infusion).to_be_hidden()

    page.locator("details.plan-past > summary").click()

    expect(first_infusion).to_be_visible()
    page.emulate_media(media="print")
    page.locator("details.plan-past > summary").click()
    expect(first_infusion).to_be_visible()  # printing shows the past even when it was closed again
    watch.assert_clean()
