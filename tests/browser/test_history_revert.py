"""An editor reads what changed in a page's history and reverts it; review records stay; the admin fits a phone."""

import datetime

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from pages.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ADMIN_BREADCRUMBS_BACKGROUND = "rgb(38, 75, 93)"  # Django's own, as on every built-in admin page


def test_an_editor_sees_the_diff_before_reverting_and_the_review_dates_stay(
    page, make_page, editor, clinical_reviewer, login, visit, screenshot, watch
):
    treatment = make_page(
        title="How Lemtrada is given",
        slug="treatment",
        body="You stay on the ward for two hours after each infusion.",
        sources="Lemtrada Patient Information Leaflet",
    )
    login(page, "nurse")

    # A mistaken edit, which a clinical reviewer then signs off: the "last reviewed" date moves on.
    visit(page, f"/admin/pages/page/{treatment.pk}/change/")
    page.locator("#id_body").fill("You stay on the ward for one hour after each infusion.")
    page.locator("input[name=_save]").first.click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    treatment.refresh_from_db()
    treatment.sign_off(
        clinical_reviewer,
        name="Sam Patel",
        role="MS specialist nurse",
        checked_against="Lemtrada Package Leaflet, 2020",
        next_review_due=datetime.date(2027, 11, 1),
        fingerprint=treatment.content_fingerprint(),
    )
    today = formats.date_format(timezone.localdate(), "j F Y")

    # The history: who and when, the field that changed, and no "None".
    visit(page, f"/admin/pages/page/{treatment.pk}/history/")
    history = page.locator("#change-history")
    expect(history).to_contain_text("nurse")
    expect(history.locator("tbody tr").first).to_contain_text("Signed off by Sam Patel, MS specialist nurse")
    expect(history.locator("tbody tr").nth(1)).to_contain_text("Body")
    expect(history).to_contain_text("—")
    expect(history).not_to_contain_text("None")
    screenshot(page, "admin-history-list")

    # The first version, compared word by word with the text now.
    history.locator("tbody tr").last.get_by_role("link").click()
    diff = page.locator(".history-diff")
    expect(diff.locator("del", has_text="two hours")).to_be_visible()  # older struck through
    expect(diff.locator("ins", has_text="one hour")).to_be_visible()  # the text now underlined
    expect(page.locator(".breadcrumbs")).to_have_css("background-color", ADMIN_BREADCRUMBS_BACKGROUND)
    screenshot(page, "admin-history-version")

    # The revert page shows the same comparison, and what stays, before asking.
    page.get_by_role("link", name="Revert to this version…").click()
    expect(page.locator(".history-diff del", has_text="two hours")).to_be_visible()
    expect(page.locator(".history-kept")).to_contain_text(f"Last reviewed: {today}")
    expect(page.locator(".breadcrumbs")).to_have_css("background-color", ADMIN_BREADCRUMBS_BACKGROUND)
    screenshot(page, "admin-history-revert")
    treatment.refresh_from_db()
    assert "one hour" in treatment.body  # nothing changed by looking

    page.get_by_role("button", name="Yes, revert to this version").click()
    expect(page.locator(".messagelist")).to_contain_text("Its status and review dates are unchanged")
    screenshot(page, "admin-history-reverted")

    treatment.refresh_from_db()
    assert treatment.body == "You stay on the ward for two hours after each infusion."
    assert (treatment.last_reviewed, treatment.next_review_due.isoformat()) == (timezone.localdate(), "2027-11-01")
    assert treatment.status == Page.Status.PUBLISHED
    watch.assert_clean()


def test_the_reject_page_has_the_admins_breadcrumbs(page, make_story, moderator, login, visit, screenshot, watch):
    story = make_story()
    login(page, "moderator")
    visit(page, f"/admin/stories/story/reject/?ids={story.pk}")
    expect(page.locator(".breadcrumbs")).to_have_css("background-color", ADMIN_BREADCRUMBS_BACKGROUND)
    expect(page.locator(".breadcrumbs")).to_contain_text("Reject")
    watch.assert_clean()


def test_the_lists_an_editor_and_a_moderator_use_fit_a_375_px_phone(
    open_context, seeded, make_story, editor, moderator, visit, screenshot, watch
):
    make_story(title="A story with a rather long title that goes on for a while, as titles do")
    treatment = Page.objects.get(slug="treatment")
    sideways = []
    for username, paths in [
        (
            "nurse",
            [
                "/admin/",
                "/admin/pages/page/",
                "/admin/pages/sideeffect/",
                f"/admin/pages/page/{treatment.pk}/change/",
                f"/admin/pages/page/{treatment.pk}/history/",
                f"/admin/pages/page/{treatment.pk}/history/{treatment.history.earliest().history_id}/",
            ],
        ),
        ("moderator", ["/admin/stories/story/"]),
    ]:
        page = open_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).new_page()
        visit(page, "/admin/login/?next=/admin/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("not-a-real-password")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url("**/admin/")
        for path in paths:
            visit(page, path)
            scroll_width, client_width = page.evaluate(
                "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            if scroll_width > client_width:
                sideways.append(f"{path}: {scroll_width} px wide in {client_width} px")
        screenshot(page, f"admin-{username}-list")
    assert not sideways, "Admin pages that scroll sideways at 375 px:\n" + "\n".join(sideways)
    watch.assert_clean()
