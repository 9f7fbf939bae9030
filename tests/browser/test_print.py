"""Printed pages keep what a reader needs on paper: the text, the review dates and where links go."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Links to other sites whose address is not printed after them.
ADDRESS_NOT_PRINTED = """() => [...document.querySelectorAll("main a[href^='http']")]
  .filter((a) => !getComputedStyle(a, "::after").content.includes(a.getAttribute("href")))
  .map((a) => `${a.textContent.trim()} -> ${a.getAttribute("href")}`)"""


@pytest.mark.parametrize("printed", ["info-page", "urgent-side-effect"])
def test_a_printed_page_keeps_its_text_and_review_dates_and_prints_link_addresses(
    page, tour, printed, screenshot, watch
):
    tour.open(page, printed)

    page.emulate_media(media="print")

    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator(".review-dates")).to_be_visible()
    screenshot(page, f"print-{printed}")
    assert not page.evaluate(ADDRESS_NOT_PRINTED), "links to other sites print without their address"
    watch.assert_clean()
