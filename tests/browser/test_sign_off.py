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
