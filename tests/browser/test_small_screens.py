"""On a small phone (320 px wide) no page scrolls sideways."""

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
