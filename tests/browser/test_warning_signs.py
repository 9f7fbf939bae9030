"""The warning-signs page on a 320 px phone, by keyboard, without JavaScript and on paper (one or two A4 sides)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE_320 = {"viewport": {"width": 320, "height": 640}, "is_mobile": True, "has_touch": True}
WIDER_THAN_THE_SCREEN = "() => document.documentElement.scrollWidth > window.innerWidth"


def test_at_320_px_the_header_link_leads_there_and_nothing_is_wider_than_the_screen(
    open_context, seeded, visit, axe_violations, screenshot, watch
):
    page = open_context(**PHONE_320).new_page()
    visit(page, "/treatment/")
    link = page.locator(".site-header").get_by_role("link", name="Feeling unwell?")
    expect(link).to_be_visible()
    assert page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height") <= 140

    link.click()

    expect(page).to_have_url(re.compile(r"/warning-signs/$"))
    expect(page.get_by_role("heading", level=2, name="Call 999 if you notice:")).to_be_visible()
    assert not page.evaluate(WIDER_THAN_THE_SCREEN)
    assert axe_violations(page) == []
    screenshot(page, "warning-signs")
    watch.assert_clean()


def test_by_keyboard_the_header_link_comes_early_and_each_side_effect_is_reachable(open_context, seeded, visit, watch):
    page = open_context(**PHONE_320).new_page()
    visit(page, "/monitoring/")

    for _ in range(4):  # skip link, site name, Menu, then the warning signs
        page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Feeling unwell?")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/warning-signs/$"))

    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.getAttribute('href')"))
        if reached[-1] == "/side-effects/ttp/":
            break
    assert "/side-effects/stroke-and-torn-neck-arteries/" in reached and "/side-effects/ttp/" in reached
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Thrombotic thrombocytopenic purpura (TTP)")
    watch.assert_clean()


def test_without_javascript_every_group_and_sign_is_there(open_context, seeded, visit, watch):
    page = open_context(java_script_enabled=False, **PHONE_320).new_page()
    visit(page, "/warning-signs/")

    expect(page.get_by_role("heading", level=2, name="Call 999 if you notice:")).to_be_visible()
    ms_team = page.get_by_role("heading", level=2, name="Contact your MS team immediately if you notice:")
    expect(ms_team).to_be_visible()
    expect(page.get_by_text("coughing up blood").first).to_be_visible()
    watch.assert_clean()


def test_printed_it_fits_one_or_two_a4_sides_without_the_header_links(page, seeded, visit, screenshot, watch):
    visit(page, "/warning-signs/")

    page.emulate_media(media="print")

    expect(page.get_by_role("link", name="Feeling unwell?")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("heading", level=2, name="Call 999 if you notice:")).to_be_visible()
    screenshot(page, "print-warning-signs")
    pdf = page.pdf(format="A4", print_background=False)
    sides = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= sides <= 2, f"the warning signs print on {sides} A4 sides"
    watch.assert_clean()
