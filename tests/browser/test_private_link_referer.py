"""In a real browser, an author's private link is never sent on: no sub-resource or click carries it."""

import pytest
from django.core.files.base import ContentFile

# serialized_rollback too: a plain transactional flush re-creates content types, which breaks the next
# serialized test's restore (UNIQUE constraint failed: django_content_type).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_no_request_from_the_private_page_carries_its_token(context, private_story, jpeg, visit, screenshot, watch):
    story, private_path = private_story
    story.photo.save("me.jpg", ContentFile(jpeg), save=True)
    story.photo_alt = "Me"
    story.save()
    token = private_path.split("/")[3]
    page = context.new_page()
    sent = []
    page.on("request", lambda request: sent.append((request.url, request.headers)))

    visit(page, private_path)
    page.wait_for_load_state("networkidle")
    # The author's own photo, still waiting for a moderator, shows: it comes through the private link itself.
    photo = page.get_by_role("img", name="Me")
    assert photo.evaluate("(img) => img.complete && img.naturalWidth > 0")
    screenshot(page, "private-story-pending-photo")
    page.get_by_role("link", name="Stories").first.click()
    page.wait_for_load_state("networkidle")

    [photo_headers] = [headers for url, headers in sent if url.endswith(f"{private_path}photo/")]
    assert not photo_headers.get("referer")  # no-referrer: Chromium reports an empty one
    after_the_page = [(url, headers) for url, headers in sent if token not in url]
    assert len(after_the_page) >= 2  # the stylesheet, the next page...
    for url, headers in after_the_page:
        assert token not in str(headers), f"{url} carried the private link in {headers}"
    watch.assert_clean()
