"""Every button's edge stands out from the page at 3:1 or more (WCAG 1.4.11), by its fill or by a border all round."""

import pytest
from contrast import contrast, flatten, hex_colour, is_opaque, parse_colour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MINIMUM = 3.0

# Each visible button at rest: its fill, its borders, and the backgrounds around it, nearest first.
BUTTONS = """() => [...document.querySelectorAll("button, .button")]
  .filter((el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
  .map((el) => {
    const style = getComputedStyle(el), around = [];
    for (let up = el.parentElement; up; up = up.parentElement) around.push(getComputedStyle(up).backgroundColor);
    const sides = ["top", "right", "bottom", "left"].map((side) => ({
      colour: style.getPropertyValue(`border-${side}-color`),
      width: parseFloat(style.getPropertyValue(`border-${side}-width`)),
    }));
    return { text: el.textContent.trim(), fill: style.backgroundColor, sides, around };
  })"""


def edge_contrast(button):
    page_colour = flatten([parse_colour(colour) for colour in button["around"]])
    fill = flatten([parse_colour(button["fill"])] + [parse_colour(colour) for colour in button["around"]])
    by_fill = contrast(fill, page_colour)
    borders = [(parse_colour(side["colour"]), side["width"]) for side in button["sides"]]
    all_round = all(width >= 1 and is_opaque(colour) for colour, width in borders)
    by_border = min(contrast(colour, page_colour) for colour, _ in borders) if all_round else 1.0
    return max(by_fill, by_border), page_colour


def test_every_button_edge_stands_out_from_the_page(page, tour, watch):
    faint = []

    for name in tour.names:
        tour.open(page, name)
        page.evaluate("document.activeElement && document.activeElement.blur()")
        for button in page.evaluate(BUTTONS):
            ratio, page_colour = edge_contrast(button)
            if ratio < MINIMUM:
                faint.append(f"{name}: “{button['text']}” {ratio:.2f}:1 on {hex_colour(page_colour)}")

    assert not faint, "Buttons whose edge is hard to see:\n" + "\n".join(faint)
    watch.assert_clean()
