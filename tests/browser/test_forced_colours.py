"""
In forced colours (Windows high contrast), where the browser paints everything in a few system colours,
the navigation still shows which page you are on, and a field in error still looks different from the rest.
The screenshots go to screenshots/forced-colours-*.png for a person to look at too.
"""

import io

import pytest
from PIL import Image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def ink(page, box, *, against):
    """The share of pixels in `box` that differ from the colour of the pixels in `against`."""

    def pixels(area):
        shot = page.screenshot(clip=area, animations="disabled")
        data = Image.open(io.BytesIO(shot)).convert("RGB").tobytes()
        return [data[i : i + 3] for i in range(0, len(data), 3)]

    background = max(set(reference := pixels(against)), key=reference.count)
    inside = pixels(box)
    return sum(pixel != background for pixel in inside) / len(inside)


def strip_under(box, *, height=3, gap=0):
    return {"x": box["x"], "y": box["y"] + box["height"] + gap, "width": box["width"], "height": height}


def strip_left_of(box, *, width=5):
    return {"x": box["x"], "y": box["y"], "width": width, "height": box["height"]}


@pytest.fixture
def forced_colours_page(page):
    page.emulate_media(forced_colors="active")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    return page


def test_the_navigation_underlines_only_the_current_page(forced_colours_page, tour, screenshot, watch):
    page = forced_colours_page
    tour.open(page, "info-page")
    screenshot(page, "forced-colours-info-page")
    underlined = {}

    for link in page.get_by_role("navigation", name="Main").get_by_role("link").all():
        box = link.bounding_box()
        bottom_edge = {**strip_under(box, height=3), "y": box["y"] + box["height"] - 3}
        underlined[link.inner_text()] = ink(page, bottom_edge, against=strip_under(box, gap=2)) > 0.5

    assert underlined == {name: name == "Treatment" for name in underlined}, underlined
    watch.assert_clean()


def test_a_field_in_error_says_error_in_words_and_is_marked_at_its_edge(forced_colours_page, tour, screenshot, watch):
    page = forced_colours_page
    tour.open(page, "share-form-errors")
    screenshot(page, "forced-colours-share-form-errors")

    in_error, fine = page.locator("#field-title"), page.locator("#field-photo")
    prefix = in_error.locator(".error-message").get_by_text("Error:")
    prefix_box = prefix.bounding_box()
    assert prefix_box and prefix_box["width"] > 20 and prefix.is_visible(), "the “Error:” prefix is shown"
    assert in_error.locator(".error-message").inner_text().startswith("Error:")

    marked = {}
    for name, field in {"title (in error)": in_error, "photo (fine)": fine}.items():
        field.scroll_into_view_if_needed()
        box = field.bounding_box()
        page_colour = {"x": 2, "y": box["y"], "width": 3, "height": 20}
        marked[name] = ink(page, strip_left_of(box), against=page_colour) > 0.9
    assert marked == {"title (in error)": True, "photo (fine)": False}, marked
    watch.assert_clean()
