"""A clinical reviewer signs a page off in the admin, and readers see who checked it and when."""

import re

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from pages.models import Page, Review, default_next_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_clinical_reviewer_reads_the_text_and_signs_it_off(page, seeded, clinical_reviewer, login, visit, watch):
    treatment = Page.objects.get(slug="treatment")
    visit(page, "/treatment/")
    expect(page.locator(".review-dates")).to_contain_text("Not yet checked by a health professional.")

    login(page, "reviewer")
    expect(page.locator(".review-digest")).to_contain_text("Published but never reviewed")
    visit(page, f"/admin/pages/page/{treatment.pk}/change/")
    page.get_by_role("link", name="Sign off…").click()
    expect(page.get_by_role("heading", name="The text now")).to_be_visible()
    page.get_by_label("Your role, as readers will see it").fill("MS specialist nurse")
    page.get_by_label("What you checked it against").fill("Lemtrada SmPC, European Medicines Agency, 16 January 2020")
    page.get_by_role("button", name="I have read this text: sign it off").click()
    expect(page.locator(".messagelist")).to_contain_text("You signed off")

    visit(page, "/treatment/")
    today = formats.date_format(timezone.localdate(), "j F Y")
    expect(page.locator(".review-dates")).to_contain_text(f"Reviewed by Sam Patel, MS specialist nurse on {today}")
    watch.assert_clean()


def test_an_edit_after_a_sign_off_is_on_the_reviewers_list_on_the_admins_home_page(
    page, seeded, clinical_reviewer, login, visit, screenshot, watch
):
    treatment = Page.objects.get(slug="treatment")
    treatment.sign_off(
        clinical_reviewer,
        name="Sam Patel",
        role="MS specialist nurse",
        checked_against="Lemtrada SmPC, EMA, 16 January 2020",
        next_review_due=default_next_review(),
        fingerprint=treatment.content_fingerprint(),
    )
    login(page, "reviewer")
    expect(page.locator(".review-digest")).not_to_contain_text("How Lemtrada is given")

    treatment.body += "\n\nA sentence added after the review."
    treatment.save()
    visit(page, "/admin/")
    changed = page.locator(".review-digest h3", has_text="Changed since its last review")
    expect(changed).to_be_visible()
    expect(changed.locator("xpath=following-sibling::ul[1]")).to_contain_text("How Lemtrada is given (page)")
    screenshot(page, "admin-home-reviewers-list")
    changed.locator("xpath=following-sibling::ul[1]").get_by_role("link", name="How Lemtrada is given (page)").click()
    expect(page.locator(".review-state")).to_contain_text("Changed since its last review")
    watch.assert_clean()


def test_the_reviewer_sees_each_claim_beside_its_citation_and_an_uncited_one_marked(
    page, seeded, clinical_reviewer, login, visit, watch
):
    from pages.models import SideEffect

    kidney = SideEffect.objects.get(slug="kidney-problems")
    kidney.what_to_do += "\n\nMost people recover fully."
    kidney.save()

    login(page, "reviewer")
    visit(page, f"/admin/pages/sideeffect/{kidney.pk}/sign-off/")
    expect(page.get_by_role("heading", name="Each claim and its evidence")).to_be_visible()
    cited = page.locator("table.claims tr.cited", has_text="dialysis or a kidney transplant")
    expect(cited.locator("td").nth(1)).to_contain_text(
        "PL 2: “If untreated it can cause kidney failure requiring dialysis or transplantation"
    )
    uncited = page.locator("table.claims tr.uncited", has_text="Most people recover fully.")
    expect(uncited.locator("td").nth(1)).to_contain_text("No citation.")
    watch.assert_clean()


def test_a_failed_sign_off_shows_its_errors_before_the_text_with_the_focus_on_them(
    page, seeded, clinical_reviewer, login, visit, screenshot, watch
):
    treatment = Page.objects.get(slug="treatment")
    login(page, "reviewer")
    visit(page, f"/admin/pages/page/{treatment.pk}/sign-off/")
    expect(page.get_by_text("Day, month and year, for example")).to_be_visible()  # the date's format, in words
    screenshot(page, "sign-off-form")
    page.get_by_label("Next review due").fill("31/02/2027")
    with page.expect_navigation():
        page.get_by_role("button", name="I have read this text: sign it off").click()

    summary = page.locator(".staff-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Your sign-off was not saved")
    expect(summary).to_contain_text("Your role, as readers will see it: This field is required.")
    expect(summary).to_contain_text("Next review due: Enter a valid date.")
    assert summary.evaluate("(box) => box.getBoundingClientRect().top < innerHeight"), "the errors are in view"
    text_now = page.get_by_role("heading", name="The text now")
    assert summary.evaluate(
        "(box, heading) => box.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING",
        text_now.element_handle(),
    )
    # What was typed is kept, and each error link leads to its box.
    expect(page.get_by_label("Next review due")).to_have_value("31/02/2027")
    summary.get_by_role("link", name=re.compile("Your role")).click()
    expect(page.get_by_label("Your role, as readers will see it")).to_be_focused()
    screenshot(page, "sign-off-errors")
    assert Review.objects.count() == 0
    watch.assert_clean()


def test_the_sign_off_screen_says_first_when_it_cannot_be_used_and_why(
    page, seeded, clinical_reviewer, login, visit, screenshot, watch
):
    from pages.models import SideEffect

    # Saved without the model's checks (as a script or an old release might have): urgent, but no signs listed.
    itp = SideEffect.objects.get(slug="itp")
    SideEffect.objects.filter(pk=itp.pk).update(urgent_signs="")
    login(page, "reviewer")
    visit(page, f"/admin/pages/sideeffect/{itp.pk}/change/")
    expect(page.locator(".sign-off-blocked")).to_contain_text("An urgent side effect needs the signs")
    page.get_by_role("link", name="Sign off…").click()

    summary = page.locator(".staff-error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This can't be signed off yet")
    expect(summary).to_contain_text("Urgent signs: An urgent side effect needs the signs that mean acting at once.")
    expect(page.get_by_role("button", name="I have read this text: sign it off")).to_have_count(0)
    screenshot(page, "sign-off-refused-up-front")
    watch.assert_clean()
