"""An editor reads a page's history: who and when, what each version changed, and a safe revert."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.utils import formats, timezone

from pages.models import Page
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db


def page_form(page, **changes):
    """The admin's change form as the browser sends it: every field exactly as stored, plus `changes`."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "navigation_label": page.navigation_label,
        "position": page.position,
        "status": page.status,
        "sources": page.sources,
    }
    return {**data, **changes}


def text(response):
    """The page's words as a person reads them: tags dropped, spaces collapsed."""
    html = response.content.decode()
    main = html[html.index('id="content-main"') :] if 'id="content-main"' in html else html
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", main))


@pytest.fixture
def edited_page(editor_client, make_page):
    """A page an editor has changed once, through the admin."""
    page = make_page(
        body="Infusions take about four hours.\n\nYou stay for two hours afterwards.",
        sources="- Patient Information Leaflet",
    )
    editor_client.post(
        f"/admin/pages/page/{page.pk}/change/",
        page_form(page, body="Infusions take about four hours.\n\nYou stay for one hour afterwards."),
    )
    page.refresh_from_db()
    return page


def history_url(page, version=None, *, revert=False):
    url = f"/admin/pages/page/{page.pk}/history/"
    if version is not None:
        url += f"{version.history_id}/"
    return url + ("revert/" if revert else "")


def test_saving_a_page_unchanged_records_no_changed_field(editor_client, make_page):
    page = make_page(body="Line one.\n\n- a list\n- of things", sources="- Patient Information Leaflet")
    editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page))

    saved, before = page.history.all()[:2]
    assert saved.diff_against(before).changed_fields == []
    history = text(editor_client.get(history_url(page)))
    assert "No changes" in history
    assert "Sources" not in history


def test_the_history_says_who_changed_what_and_shows_a_dash_for_nobody(editor_client, edited_page):
    history = text(editor_client.get(history_url(edited_page)))
    # The edit: by the editor, naming the field it changed, whole words rather than cut-short text.
    assert "nurse" in history
    assert "Body" in history
    assert "[" not in history and "chars]" not in history
    # The starting content was made by no one in particular, and nobody gave a reason.
    assert "Created" in history
    assert "None" not in history
    assert "—" in history


def test_a_version_shows_a_word_level_diff_of_every_changed_field_against_the_current_text(editor_client, edited_page):
    first = edited_page.history.earliest()
    html = editor_client.get(history_url(edited_page, first)).content.decode()
    # In the first version "two hours", now "one hour": older struck through, newer underlined, only those words.
    assert "You stay for <del>two hours</del><ins>one hour</ins> afterwards." in html
    legend = "Words <del>struck through</del> are only in this version; words <ins>underlined</ins> are only in the"
    assert f"{legend} content now." in html
    assert "Infusions take about four hours." in html
    assert "Revert to this version" in html


def test_a_version_shows_what_that_save_changed(editor_client, edited_page):
    latest = edited_page.history.latest()
    html = editor_client.get(history_url(edited_page, latest)).content.decode()
    assert "What this save changed" in html
    assert "You stay for <del>two hours</del><ins>one hour</ins> afterwards." in html
    assert "This version is the same as the content now." in html


def test_every_changed_field_of_a_side_effect_is_compared(editor_client, make_side_effect):
    side_effect = make_side_effect(description="A rash that itches.", what_to_do="Tell your MS nurse.")
    first = side_effect.history.earliest()
    side_effect.description = "A rash that itches or burns."
    side_effect.what_to_do = "Tell your MS nurse the same day."
    side_effect.band = "uncommon"
    side_effect.save()

    html = editor_client.get(f"/admin/pages/sideeffect/{side_effect.pk}/history/{first.history_id}/").content
    page = html.decode()
    assert "<dt>Description</dt>" in page and "A rash that itches<ins> or burns</ins>." in page
    assert "<dt>What to do</dt>" in page and "nurse<ins> the same day</ins>." in page
    assert "<dt>Band</dt>" in page and "<del>Common</del><ins>Uncommon</ins>" in page


def test_changed_text_is_shown_as_text_never_as_markup(editor_client, make_page):
    page = make_page(body="Safe text.")
    first = page.history.earliest()
    page.body = 'Safe text. <script>alert("x")</script><img src=x onerror=alert(1)>'
    page.save()

    html = editor_client.get(history_url(page, first)).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_the_revert_page_shows_the_diff_and_changes_nothing_until_confirmed(editor_client, edited_page):
    first = edited_page.history.earliest()
    response = editor_client.get(history_url(edited_page, first, revert=True))
    html = response.content.decode()
    assert "<del>two hours</del><ins>one hour</ins>" in html
    assert "the words struck through below come back, and the underlined ones go" in text(response)
    assert "Yes, revert to this version" in html
    edited_page.refresh_from_db()
    assert "one hour" in edited_page.body

    response = editor_client.post(history_url(edited_page, first, revert=True), follow=True)
    assert "is back to the version of" in response.content.decode()
    edited_page.refresh_from_db()
    assert "two hours" in edited_page.body


def test_reverting_content_leaves_the_review_records_and_status_as_they_are(
    editor_client, make_page, clinical_reviewer
):
    page = make_page(body="Old advice.")
    first = page.history.earliest()
    # Since then the text was rewritten and a clinician signed the new text off; then it was unpublished.
    editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, body="New advice.", status="draft"))
    page.refresh_from_db()
    page.sign_off(
        clinical_reviewer,
        name="Sam Patel",
        role="MS specialist nurse",
        checked_against="Lemtrada SmPC, EMA, 16 January 2020",
        next_review_due=datetime.date(2027, 11, 1),
        fingerprint=page.content_fingerprint(),
    )
    today = formats.date_format(timezone.localdate(), "j F Y")

    confirm = text(editor_client.get(history_url(page, first, revert=True)))
    assert f"Last reviewed: {today}" in confirm
    assert "Next review due: 1 November 2027" in confirm
    assert "Status: Draft" in confirm
    editor_client.post(history_url(page, first, revert=True))

    page = Page.objects.get(pk=page.pk)
    assert page.body == "Old advice."
    assert (page.last_reviewed, page.next_review_due.isoformat()) == (timezone.localdate(), "2027-11-01")
    assert page.status == Page.Status.DRAFT
    # The sign-off was of the new advice: the old text is not what the reviewer read.
    assert page.latest_review.reviewer_name == "Sam Patel" and page.changed_since_review
    assert page.history.latest().history_change_reason.startswith("Reverted to the version of")
    assert page.history.latest().history_user.username == "nurse"


def test_a_revert_that_no_longer_fits_says_why_and_saves_nothing(editor_client, make_page):
    page = make_page(slug="treatment-old")
    first = page.history.earliest()
    page.slug, page.body = "treatment-new", "Rewritten."
    page.save()
    make_page(title="Another page", slug="treatment-old")

    response = editor_client.post(history_url(page, first, revert=True))
    assert response.status_code == 200
    assert "can't be put back as it is" in response.content.decode()
    page.refresh_from_db()
    assert (page.slug, page.body) == ("treatment-new", "Rewritten.")


def test_someone_who_may_only_read_pages_sees_versions_but_cannot_revert(client, django_user_model, edited_page):
    reader = django_user_model.objects.create_user("reader", password="x", is_staff=True)
    reader.user_permissions.add(*Group.objects.get(name="Editors").permissions.filter(codename="view_page"))
    client.force_login(reader)
    first = edited_page.history.earliest()

    version = client.get(history_url(edited_page, first))
    assert version.status_code == 200
    assert "Revert to this version" not in version.content.decode()
    assert client.post(history_url(edited_page, first, revert=True)).status_code == 403
    edited_page.refresh_from_db()
    assert "one hour" in edited_page.body


def test_dates_read_as_an_editor_writes_them_with_one_full_stop(editor_client, edited_page):
    first = edited_page.history.earliest()
    first.history_date = datetime.datetime(2026, 12, 4, 16, 47, tzinfo=datetime.UTC)  # 16:47 in London in winter
    first.save()
    version = text(editor_client.get(history_url(edited_page, first)))
    assert "Saved 4 December 2026, 16:47." in version and ".." not in version and "p.m" not in version
    assert "Saved 4 December 2026, 16:47." in text(editor_client.get(history_url(edited_page, first, revert=True)))
    assert "4 December 2026, 16:47" in text(editor_client.get(history_url(edited_page)))

    response = editor_client.post(history_url(edited_page, first, revert=True), follow=True)
    message = text_of(response)
    assert "is back to the version of 4 December 2026, 16:47. Its status" in message and ".." not in message


def test_changed_by_links_to_the_account_only_for_those_who_may_open_it(editor_client, admin_client, edited_page):
    editor = edited_page.history.latest().history_user
    account = f'href="/admin/auth/user/{editor.pk}/change/"'
    history = editor_client.get(history_url(edited_page)).content.decode()
    assert "nurse" in history and account not in history  # an Editor may not open accounts: no link to a 403
    assert account in admin_client.get(history_url(edited_page)).content.decode()
