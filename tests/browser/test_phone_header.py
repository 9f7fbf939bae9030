"""On a 375 px phone the header leaves room for the page; its Menu opens without JavaScript and by keyboard."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True}


def header_height(page):
    return page.locator(".site-header").evaluate("el => el.getBoundingClientRect().height")


def test_the_header_is_at_most_120_px_tall_on_every_page_at_375_px(open_context, tour, watch):
    page = open_context(**PHONE).new_page()
    too_tall = []

    for name in tour.names:
        tour.open(page, name)
        if (height := header_height(page)) > 120:
            too_tall.append(f"{name}: {height:.0f} px")

    assert not too_tall, "Headers taller than 120 px at 375 px:\n" + "\n".join(too_tall)
    watch.assert_clean()


def test_the_menu_opens_and_searches_without_javascript(open_context, seeded, visit, watch):
    page = open_context(java_script_enabled=False, **PHONE).new_page()
    visit(page, "/treatment/")
    menu = page.locator(".site-header details")
    expect(menu.get_by_role("link", name="Side effects")).to_be_hidden()

    page.get_by_text("Menu", exact=True).click()

    expect(menu.get_by_role("link", name="Side effects")).to_be_visible()
    search_box = menu.get_by_role("searchbox", name="Search this site")
    expect(search_box).to_be_visible()
    search_box.fill("thyroid")
    menu.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=thyroid$"))
    expect(page.locator(".search-result").first).to_be_visible()
    watch.assert_clean()


def test_the_menu_works_from_the_keyboard(open_context, seeded, visit, watch):
    page = open_context(**PHONE).new_page()
    visit(page, "/")

    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    page.keyboard.press("Tab")
    summary = page.locator(".site-header summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_text("Menu")
    page.keyboard.press("Enter")
    expect(page.locator(".site-header details")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(page.get_by_role("searchbox", name="Search this site").first).to_be_focused()
    page.keyboard.type("infusions")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=infusions$"))
    expect(page.get_by_role("link", name="Infusion reactions")).to_be_visible()
    watch.assert_clean()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_menu_and_the_search_pages_have_no_wcag_violations(
    open_context, seeded, visit, axe_violations, screenshot, watch, width
):
    page = open_context(viewport={"width": width, "height": 740}).new_page()
    violations = []

    for name, path in [
        ("search-results", "/search/?q=thrombocytopaenia"),
        ("search-nothing", "/search/?q=xylophone"),
        ("search-urgent", "/search/?q=chest+pain"),  # the urgent side effects' advice above the results
    ]:
        visit(page, path)
        violations += axe_violations(page)
        screenshot(page, name)
    if width == 375:
        page.get_by_text("Menu", exact=True).click()
        violations += axe_violations(page)
        screenshot(page, "menu-open")

    assert not violations, "\n".join(violations)
    watch.assert_clean()


def test_wide_screens_show_the_navigation_and_search_box_without_a_menu_button(page, seeded, visit, watch):
    visit(page, "/")

    expect(page.locator(".site-header summary")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main").get_by_role("link", name="Side effects")).to_be_visible()
    expect(page.get_by_role("searchbox", name="Search this site")).to_be_visible()
    watch.assert_clean()
