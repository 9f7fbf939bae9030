"""axe-core finds no WCAG 2.2 A/AA problems on any page type, and keyboard users can skip to the content."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_page_has_no_wcag_violations(page, page_type, tour, axe_violations, watch):
    tour.open(page, page_type)

    violations = axe_violations(page)

    assert not violations, f"{len(violations)} axe violation(s) on {page_type}:\n" + "\n".join(violations)
    watch.assert_clean()


@pytest.mark.parametrize("path", ["/", "/stories/share/"])
def test_the_first_tab_reaches_skip_to_content(page, seeded, visit, path, watch):
    visit(page, path)

    page.keyboard.press("Tab")

    focused = page.evaluate(
        "({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Skip to content", "href": "#content"}
    assert page.get_by_role("link", name="Skip to content").is_visible(), "the skip link shows when focused"

    page.keyboard.press("Enter")

    assert page.evaluate("document.activeElement.id") == "content", "the skip link moves focus to the main content"
    watch.assert_clean()


# True when a sighted person can't see the element: not rendered, or clipped to (almost) nothing, or off-screen.
SEEN_BY_NOBODY = """(el) => {
  const box = el.getBoundingClientRect();
  const clipped = box.width <= 1 && box.height <= 1;
  const offscreen = box.right <= 0 || box.bottom <= 0 || box.left >= document.documentElement.scrollWidth;
  return !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) || clipped || offscreen;
}"""


def test_the_spam_trap_and_screen_reader_only_text_are_hidden_from_sight(page, tour, watch):
    tour.open(page, "share-form-errors")

    hidden = page.locator(".honeypot, .visually-hidden")
    assert hidden.count() > 1
    seen = [
        element.evaluate("el => el.outerHTML.slice(0, 160)")
        for element in hidden.all()
        if not element.evaluate(SEEN_BY_NOBODY)
    ]

    assert not seen, "People can see text meant only for bots or screen readers:\n" + "\n".join(seen)
    watch.assert_clean()


def test_the_error_summary_takes_focus_and_links_to_each_field_in_error(page, tour, watch):
    tour.open(page, "share-form-errors")

    summary = page.locator(".error-summary")
    assert summary.evaluate("el => el === document.activeElement"), "the error summary has the focus"
    summary.get_by_role("link", name="Please give your story a title.").click()

    assert page.evaluate("document.activeElement.name") == "title"
    watch.assert_clean()


# The focused element draws an outline or a ring that a keyboard user can see.
FOCUS_INDICATOR = """() => {
  const el = document.activeElement;
  if (el === document.body) return { html: "(past the end of the page)", visible: true };
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  return { html: el.outerHTML.slice(0, 100), visible: outline || style.boxShadow !== "none" };
}"""


@pytest.mark.parametrize("path", ["/", "/stories/share/"])
def test_keyboard_focus_is_always_visible(page, seeded, visit, path, watch):
    visit(page, path)
    unseen = []

    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_INDICATOR)
        if not focused["visible"]:
            unseen.append(focused["html"])

    assert not unseen, "Focused without a visible focus indicator:\n" + "\n".join(unseen)
    watch.assert_clean()
