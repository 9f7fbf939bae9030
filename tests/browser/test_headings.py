"""
Headings make an outline a screen-reader user can jump through: the h1 opens `main`, no level is
skipped, and the review dates and sources are found on the way, right under the h1 and under a heading.
"""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Page types with clinical content: each shows its review dates under the h1 and its sources under a heading.
CLINICAL_PAGES = ["home", "info-page", "side-effects", "side-effect", "urgent-side-effect"]

# Every heading a person can reach (visible or read by screen readers), in document order.
OUTLINE = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((h) => h.checkVisibility() || h.closest(".visually-hidden"))
  .map((h) => ({ level: Number(h.tagName[1]), text: h.textContent.trim().replace(/\\s+/g, " "),
                 inMain: Boolean(h.closest("main")) }))"""

# The words in `main` before its h1, leaving out the breadcrumb (a way back, not content).
BEFORE_THE_H1 = """() => {
  const main = document.querySelector("main"), h1 = main.querySelector("h1");
  if (!h1) return null;
  const range = document.createRange();
  range.setStart(main, 0);
  range.setEndBefore(h1);
  const before = range.cloneContents();
  before.querySelectorAll(".breadcrumb").forEach((el) => el.remove());
  return before.textContent.trim().replace(/\\s+/g, " ");
}"""


def skipped_levels(outline):
    problems, previous = [], 0
    for heading in outline:
        if heading["level"] > previous + 1:
            problems.append(f"h{previous or '-'} → h{heading['level']} “{heading['text']}”")
        previous = heading["level"]
    return problems


def test_every_page_opens_main_with_its_h1_and_skips_no_heading_level(page, page_type, tour, watch):
    tour.open(page, page_type)

    outline = page.evaluate(OUTLINE)
    shown = "\n".join(f"{'  ' * (h['level'] - 1)}h{h['level']} {h['text']}" for h in outline)

    assert [h["level"] for h in outline].count(1) == 1, f"{page_type} needs exactly one h1:\n{shown}"
    assert next(h for h in outline if h["inMain"])["level"] == 1, f"{page_type}: main starts with another heading"
    assert page.evaluate(BEFORE_THE_H1) == "", f"{page_type}: main has content before its h1"
    assert not skipped_levels(outline), f"{page_type} skips heading levels:\n{shown}"
    watch.assert_clean()


@pytest.mark.parametrize("clinical_page", CLINICAL_PAGES)
def test_review_dates_sit_under_the_h1_and_the_sources_under_a_heading(page, clinical_page, tour, watch):
    tour.open(page, clinical_page)

    # Only the side effect's band and urgency (a safety matter) may come between the h1 and its review dates.
    under_h1 = page.locator("main h1 ~ :not(.band-label)").first
    assert under_h1.get_attribute("class") == "review-dates", f"{clinical_page}: no review dates under the h1"
    # A fresh install: nothing has been signed off, and the page says so (never a review date).
    assert under_h1.inner_text().startswith("Written by ")
    unchecked = r"Not (yet|every side effect here has been) checked by a health professional"
    assert re.search(unchecked, under_h1.inner_text())
    sources = page.get_by_role("complementary", name="Where this information comes from")
    assert sources.get_by_role("heading", level=2, name="Where this information comes from").is_visible()
    watch.assert_clean()
