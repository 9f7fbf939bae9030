"""Full-page screenshots of every page type on a phone (375 px) and a desktop (1280 px), into screenshots/."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("width", [375, 1280])
def test_screenshots_of_every_page_type(open_context, tour, screenshot, width, watch):
    page = open_context(viewport={"width": width, "height": 800}).new_page()

    for name in tour.names:
        tour.open(page, name)
        screenshot(page, name)

    watch.assert_clean()
