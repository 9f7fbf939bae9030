"""A clinical reviewer signs a page off in the admin, and readers see who checked it and when."""

import pytest
from django.utils import formats, timezone
from playwright.sync_api import expect

from pages.models import Page

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
