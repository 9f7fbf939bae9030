"""
The story form takes people to what they asked for: an error-summary link shows the whole field (label,
hint, error and the start of the input), and a preview opens with the focus on the preview itself.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Where the parts of the field around the focused input are, against the viewport's height.
FIELD_PARTS = """() => {
  const input = document.activeElement, field = input.closest(".field");
  const part = (el) => el && { top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom };
  return {
    name: input.name,
    height: window.innerHeight,
    label: part(field.querySelector("label, legend")),
    hint: part(field.querySelector(".hint")),
    error: part(field.querySelector(".error-message")),
    input: part(input),
  };
}"""


def submit_with_errors(page):
    page.goto("/stories/share/")
    page.get_by_label("A photo (optional)").set_input_files([])
    page.get_by_label("The year you started Lemtrada (optional)").fill("last year")
    with page.expect_navigation():
        page.get_by_role("button", name="Send my story").click()


@pytest.mark.parametrize("size", [{"width": 375, "height": 667}, {"width": 1280, "height": 720}])
def test_an_error_link_shows_the_fields_label_hint_and_error_above_the_input(open_context, seeded, size, watch):
    page = open_context(viewport=size).new_page()
    submit_with_errors(page)
    links = page.locator(".error-summary a")
    assert links.count() >= 5
    out_of_view = []

    for index in range(links.count()):
        page.evaluate("window.scrollTo(0, 0)")
        links.nth(index).click()
        parts = page.evaluate(FIELD_PARTS)
        for name in ["label", "hint", "error"]:
            part = parts[name]
            if part and not (0 <= part["top"] and part["bottom"] <= parts["height"]):
                out_of_view.append(f"{parts['name']}: its {name} is outside the viewport ({part})")
        if not 0 <= parts["input"]["top"] < parts["height"]:
            out_of_view.append(f"{parts['name']}: the input itself is outside the viewport ({parts['input']})")

    assert not out_of_view, f"At {size['width']} px, after an error link:\n" + "\n".join(out_of_view)
    watch.assert_clean()


def test_a_preview_takes_the_focus_to_its_heading_and_names_itself_in_the_title(page, seeded, visit, watch):
    visit(page, "/stories/share/")
    page.get_by_label("A title for your story").fill("Five days in spring")
    page.locator("[name=body]").fill("The infusions were **long**.")

    with page.expect_navigation():
        page.get_by_role("button", name="Preview my story").click()

    heading = page.get_by_role("heading", name="Preview: your story as it will be published")
    expect(heading).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Preview: "))
    expect(page.locator(".preview-frame strong")).to_have_text("long")
    assert heading.evaluate("h => h.getBoundingClientRect().top < window.innerHeight"), "the preview is in view"
    watch.assert_clean()
