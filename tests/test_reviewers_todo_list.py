"""
The reviewers' to-do list is one list: the admin's home page, the lists' "Clinical review" filter and the
daily reminder all show content past its review date, changed since its last review, due soon or never
reviewed.
"""

import datetime
from importlib import import_module

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.pagetext import text_of
from tests.test_page_history import page_form

pytestmark = pytest.mark.django_db

CHANGED = "Changed since its last review"


@pytest.fixture
def reminder(editor, mailoutbox):
    """Run the daily reminder; returns its mail's body ("" when nothing was sent)."""
    editor.email = "editor@example.org"
    editor.save()

    def send():
        mailoutbox.clear()
        call_command("send_review_reminders", stdout=open("/dev/null", "w"))
        return mailoutbox[0].body if mailoutbox else ""

    return send


def section(body, heading):
    """The lines of the reminder under `heading`, up to the next blank line."""
    return body.partition(f"{heading}:\n")[2].partition("\n\n")[0]


def test_an_edit_after_a_sign_off_puts_the_item_on_the_reviewers_list_and_in_the_next_reminder(
    editor_client, make_page, sign_off, reminder
):
    page = sign_off(make_page(title="Treatment", body="Infusions take about four hours."))
    assert "Treatment (page)" not in text_of(editor_client.get("/admin/"))
    assert reminder() == ""  # signed off a year ahead: nothing to do

    response = editor_client.post(
        f"/admin/pages/page/{page.pk}/change/", page_form(page, body="Infusions take about five hours.")
    )
    assert response.status_code == 302

    home = text_of(editor_client.get("/admin/"))
    assert home.index(CHANGED) < home.index("Treatment (page)")
    assert f"Treatment (page): https://lemtrada.test/admin/pages/page/{page.pk}/change/" in section(
        reminder(), CHANGED
    )
    listed = text_of(editor_client.get("/admin/pages/page/?review=changed"))
    assert "Treatment" in listed and CHANGED in listed
    assert "Treatment" in text_of(editor_client.get("/admin/pages/page/?review=todo"))
    assert "Treatment" not in text_of(editor_client.get("/admin/pages/page/?review=up_to_date"))


def test_an_edit_put_back_as_it_was_takes_the_item_off_the_list(make_page, sign_off, reminder):
    page = sign_off(make_page(body="Infusions take four hours."))
    page.body = "Infusions take five hours."
    page.save()
    assert page.changed_since_review and "A test page (page)" in section(reminder(), CHANGED)

    page.body = "Infusions take four hours."
    page.save()
    assert not page.changed_since_review and reminder() == ""


def test_a_new_sign_off_takes_the_changed_item_off_the_list(editor_client, make_page, sign_off):
    page = sign_off(make_page(title="Treatment"))
    page.body = "New words."
    page.save()
    assert "Treatment (page)" in text_of(editor_client.get("/admin/"))

    sign_off(page)
    assert "Treatment (page)" not in text_of(editor_client.get("/admin/"))


def test_moving_a_page_in_the_menu_does_not_put_it_on_the_list(make_page, sign_off, reminder):
    page = sign_off(make_page())
    page.position, page.navigation_label = 5, "Tests"
    page.save()
    assert not page.changed_since_review and reminder() == ""


def test_an_overdue_item_that_also_changed_is_listed_once_and_says_both(make_page, sign_off, reminder):
    page = sign_off(make_page(title="Stale page"))
    type(page).objects.filter(pk=page.pk).update(next_review_due=timezone.localdate() - datetime.timedelta(days=2))
    page.refresh_from_db()
    page.body = "Edited after the review."
    page.save()

    body = reminder()
    assert "Stale page (page), due" in section(body, "Past its review date")
    assert section(body, "Past its review date").endswith(
        "changed since its last review: " + (f"https://lemtrada.test/admin/pages/page/{page.pk}/change/")
    )
    assert CHANGED + ":" not in body  # not listed a second time


def test_each_reason_is_a_choice_of_the_lists_filter(editor_client, make_page, sign_off):
    make_page(title="Never checked page", slug="never")
    soon = sign_off(
        make_page(title="Due soon page", slug="soon"),
        next_review_due=timezone.localdate() + datetime.timedelta(days=10),
    )
    make_page(title="About this site", slug="about")  # the site's own pages are not clinical content

    due_soon = text_of(editor_client.get("/admin/pages/page/?review=due_soon"))
    assert "Due soon page" in due_soon and "Never checked page" not in due_soon
    never = text_of(editor_client.get("/admin/pages/page/?review=never"))
    assert "Never checked page" in never and "Due soon page" not in never and "About this site" not in never
    assert soon.changed_since_review is False
    # The list's column gives each row's reason, in the same words.
    everything = text_of(editor_client.get("/admin/pages/page/"))
    assert "Due within 30 days" in everything and "Published but never reviewed" in everything


def test_the_upgrade_marks_content_edited_since_its_last_sign_off(make_page, sign_off):
    from django.apps import apps

    page = sign_off(make_page())
    # As an install from before the upgrade holds it: a sign-off, a later edit, and neither field filled.
    type(page).objects.filter(pk=page.pk).update(body="Edited", reviewed_fingerprint="", changed_since_review=False)

    import_module("pages.migrations.0012_changed_since_review").from_latest_sign_off(apps, None)

    page.refresh_from_db()
    assert page.changed_since_review and page.reviewed_fingerprint == page.latest_review.content_fingerprint
