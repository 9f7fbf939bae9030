"""On a small phone (320 px wide) no page scrolls sideways, and no heading breaks a word in two."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The elements that stick out past the right edge, so a failure says what to fix.
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 8)
    .map((el) => `${el.outerHTML.slice(0, 120)} (right edge ${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


def test_no_page_scrolls_sideways_at_320_px(open_context, tour, watch):
    page = open_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).new_page()
    sideways = []

    for name in tour.names:
        tour.open(page, name)
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll_width > client_width:
            sideways.append(
                f"{name} ({page.url}): {scroll_width} px wide in {client_width} px\n    "
                + "\n    ".join(page.evaluate(TOO_WIDE))
            )

    assert not sideways, "Pages that scroll sideways at 320 px:\n" + "\n".join(sideways)
    watch.assert_clean()


# Words in headings (a hyphen may end a line) that the browser had to break across lines.
SPLIT_WORDS = """() => {
  const split = [];
  for (const heading of document.querySelectorAll("h1, h2, h3")) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s-]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
        if (lines.size > 1) split.push(`${heading.localName} “${heading.textContent.trim()}”: ${match[0]}`);
      }
    }
  }
  return split;
}"""


def test_no_heading_breaks_a_word_in_two_at_320_px(open_context, tour, watch):
    page = open_context(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True).new_page()
    split = []

    for name in tour.names:
        tour.open(page, name)
        split += [f"{name}: {word}" for word in page.evaluate(SPLIT_WORDS)]

    assert not split, "Headings that break a word across lines at 320 px:\n" + "\n".join(split)
    watch.assert_clean()
