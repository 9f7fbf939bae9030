"""An editor writes on a laptop (1366 x 768): the preview beside the text, lines as written, the whole summary."""

import pytest
from playwright.sync_api import expect

from pages.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LAPTOP = {"width": 1366, "height": 768}

# The lines of the text box that are wider than the box (so the box wraps them again): each line measured in the
# box's own font. A line that carries a citation comment is long by nature and is left out.
LINES_WRAPPED_AGAIN = """(box) => {
  const style = getComputedStyle(box);
  const context = document.createElement("canvas").getContext("2d");
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return box.value.split("\\n").filter((line) => !line.includes("<!--"))
    .filter((line) => context.measureText(line).width > room);
}"""


def test_the_preview_sits_beside_the_text_and_lines_wrap_only_where_the_editor_wrapped_them(
    open_context, seeded, editor, login, screenshot, watch
):
    treatment = Page.objects.get(slug="treatment")
    page = open_context(viewport=LAPTOP).new_page()
    login(page, "nurse")
    page.goto(f"/admin/pages/page/{treatment.pk}/change/")

    box = page.locator("#id_body")
    preview = page.locator(".field-body .markdownx-preview")
    box.scroll_into_view_if_needed()
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.type("\n\nA new paragraph, typed now.")
    expect(preview).to_contain_text("A new paragraph, typed now.")  # the live preview follows the typing
    written, shown = box.bounding_box(), preview.bounding_box()
    assert shown["x"] >= written["x"] + written["width"], "the preview is beside the text, not below it"
    assert 0 <= shown["y"] < 768 and 0 <= written["y"] < 768 and written["y"] + 200 < 768, "both are on screen"
    assert box.evaluate(LINES_WRAPPED_AGAIN) == []
    screenshot(page, "admin-editor-preview-beside")

    summary = page.locator("#id_summary")
    assert summary.evaluate("(box) => box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight")
    expect(summary).to_have_value(treatment.summary)
    watch.assert_clean()
