"""Clinical sign-off: only a clinical reviewer records a review, readers see exactly that, and later edits show."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import formats, timezone

from pages.models import Page, Review, SideEffect, default_next_review
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

NOT_CHECKED = "Not yet checked by a health professional."


def today_text(days=0):
    return formats.date_format(timezone.localdate() + datetime.timedelta(days=days), "j F Y")


def sign_off_form(item, **changes):
    return {
        "reviewer_name": "Sam Patel",
        "reviewer_role": "MS specialist nurse",
        "checked_against": "Lemtrada SmPC, European Medicines Agency, 16 January 2020",
        "next_review_due": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
        "note": "",
        "fingerprint": item.content_fingerprint(),
        **changes,
    }


@pytest.fixture
def reviewer_client(clinical_reviewer):
    """A browser of the reviewer's own (the `client` fixture is the reader's, or the editor's)."""
    reviewer = Client()
    reviewer.force_login(clinical_reviewer)
    return reviewer


def test_a_fresh_install_shows_every_page_as_not_yet_checked_and_claims_no_review(client, seeded):
    items = [item for item in [*Page.objects.published(), *SideEffect.objects.published()] if item.is_clinical]
    assert items and not Review.objects.exists()
    for item in items:
        text = text_of(client.get(item.get_absolute_url()))
        assert NOT_CHECKED in text, item
        assert "Reviewed by" not in text and "Next review due" not in text, item
        assert item.last_reviewed is None and item.next_review_due is None
    side_effects = text_of(client.get("/side-effects/"))
    assert "Not every side effect here has been checked by a health professional yet." in side_effects


def test_a_clinical_reviewer_signs_off_a_page_and_readers_see_their_name_role_and_date(
    reviewer_client, client, seeded
):
    treatment = Page.objects.get(slug="treatment")
    change_page = reviewer_client.get(f"/admin/pages/page/{treatment.pk}/change/").content.decode()
    assert f"/admin/pages/page/{treatment.pk}/sign-off/" in change_page

    form = reviewer_client.get(f"/admin/pages/page/{treatment.pk}/sign-off/")
    assert "The text now" in form.content.decode()
    assert treatment.title in form.content.decode()
    response = reviewer_client.post(f"/admin/pages/page/{treatment.pk}/sign-off/", sign_off_form(treatment))
    assert response.status_code == 302

    text = text_of(client.get("/treatment/"))
    assert f"Reviewed by Sam Patel, MS specialist nurse on {today_text()}" in text
    assert f"Next review due {today_text(365)}" in text
    assert NOT_CHECKED not in text
    review = Page.objects.get(slug="treatment").latest_review
    assert review.checked_against == "Lemtrada SmPC, European Medicines Agency, 16 January 2020"


def test_an_editor_who_is_not_a_reviewer_cannot_sign_off(editor_client, editor, make_page):
    editor.is_superuser = True  # not even with every permission: signing off is for clinicians
    editor.save()
    page = make_page()
    assert "sign-off/" not in editor_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert editor_client.get(f"/admin/pages/page/{page.pk}/sign-off/").status_code == 403
    assert editor_client.post(f"/admin/pages/page/{page.pk}/sign-off/", sign_off_form(page)).status_code == 403
    assert not Review.objects.exists()


def test_an_edit_after_sign_off_shows_changed_since_its_last_review(
    reviewer_client, editor_client, client, make_side_effect
):
    side_effect = make_side_effect()
    reviewer_client.post(f"/admin/pages/sideeffect/{side_effect.pk}/sign-off/", sign_off_form(side_effect))
    assert "Changed since its last review" not in text_of(client.get(side_effect.get_absolute_url()))

    side_effect.refresh_from_db()
    side_effect.what_to_do = "Tell your MS nurse at your next visit."
    side_effect.save()

    text = text_of(client.get(side_effect.get_absolute_url()))
    assert "Changed since its last review: the changes have not yet been checked by a health professional" in text
    assert "Reviewed by Sam Patel" in text
    admin_page = text_of(editor_client.get(f"/admin/pages/sideeffect/{side_effect.pk}/change/"))
    assert "Changed since its last review" in admin_page


def test_the_reviewer_sees_what_changed_since_the_last_sign_off(reviewer_client, make_page):
    page = make_page(body="Infusions take four hours.")
    reviewer_client.post(f"/admin/pages/page/{page.pk}/sign-off/", sign_off_form(page))
    page.refresh_from_db()
    page.body = "Infusions take five hours."
    page.save()

    html = reviewer_client.get(f"/admin/pages/page/{page.pk}/sign-off/").content.decode()
    assert "What changed since the last sign-off" in html
    assert "<del>four</del>" in html and "<ins>five</ins>" in html


def test_a_sign_off_of_text_that_changed_while_it_was_read_is_refused(reviewer_client, make_page):
    page = make_page()
    read = sign_off_form(page)
    page.body = "Edited while the reviewer was reading."
    page.save()

    response = reviewer_client.post(f"/admin/pages/page/{page.pk}/sign-off/", read)
    assert response.status_code == 200
    assert "The text was changed while you were reading it." in response.content.decode()
    assert not Review.objects.exists()


def test_a_side_effect_the_leaflet_gives_no_frequency_for_can_be_signed_off(reviewer_client, make_side_effect):
    side_effect = make_side_effect(band=SideEffect.Band.NO_FREQUENCY)
    url = f"/admin/pages/sideeffect/{side_effect.pk}/sign-off/"
    assert reviewer_client.post(url, sign_off_form(side_effect)).status_code == 302
    assert side_effect.reviews.count() == 1


@pytest.mark.parametrize(
    "days, message",
    [(0, "The next review must be after today."), (3 * 366 + 1, "The next review can be at most 3 years from today.")],
)
def test_the_next_review_is_after_today_and_at_most_three_years_on(reviewer_client, make_page, days, message):
    page = make_page()
    due = (timezone.localdate() + datetime.timedelta(days=days)).isoformat()
    response = reviewer_client.post(f"/admin/pages/page/{page.pk}/sign-off/", sign_off_form(page, next_review_due=due))
    assert message in response.content.decode()
    assert not Review.objects.exists()


def test_the_sign_off_form_suggests_a_year_from_today(reviewer_client, make_page):
    page = make_page()
    html = reviewer_client.get(f"/admin/pages/page/{page.pk}/sign-off/").content.decode()
    next_year = timezone.localdate().replace(year=timezone.localdate().year + 1)
    assert f'value="{next_year.isoformat()}"' in html or formats.date_format(next_year, "SHORT_DATE_FORMAT") in html


def test_staff_see_the_review_history_of_an_item(reviewer_client, editor_client, make_page):
    page = make_page()
    reviewer_client.post(f"/admin/pages/page/{page.pk}/sign-off/", sign_off_form(page, note="First check."))
    page.refresh_from_db()
    reviewer_client.post(
        f"/admin/pages/page/{page.pk}/sign-off/",
        sign_off_form(page, reviewer_role="Clinical nurse specialist", checked_against="Package Leaflet, 2020"),
    )
    text = text_of(editor_client.get(f"/admin/pages/page/{page.pk}/change/"))
    assert "Clinical sign-offs, newest first" in text
    assert text.index("Clinical nurse specialist") < text.index("MS specialist nurse")
    assert "First check." in text
    assert Review.objects.count() == 2


def test_a_review_date_without_a_sign_off_is_never_shown(client, make_page):
    # A row whose dates were set some other way (an old install, a script) has no review record.
    make_page(slug="dated", last_reviewed="2026-01-01", next_review_due="2027-01-01")
    text = text_of(client.get("/dated/"))
    assert NOT_CHECKED in text
    assert "Reviewed by" not in text and "1 January 2026" not in text


def test_latest_review_is_none_until_a_clinician_signs_off(make_page, clinical_reviewer):
    page = make_page()
    assert page.latest_review is None
    review = page.sign_off(
        clinical_reviewer,
        name="Sam Patel",
        role="MS specialist nurse",
        checked_against="SmPC, 2020",
        next_review_due=timezone.localdate() + datetime.timedelta(days=30),
        fingerprint=page.content_fingerprint(),
    )
    assert Page.objects.get(pk=page.pk).latest_review == review


def test_only_someone_granted_the_sign_off_permission_may_sign_off(make_page, editor):
    from django.core.exceptions import PermissionDenied

    page = make_page()
    with pytest.raises(PermissionDenied):
        page.sign_off(
            editor, name="X", role="Y", checked_against="Z", next_review_due=timezone.localdate(),
            fingerprint=page.content_fingerprint(),
        )  # fmt: skip
    assert Group.objects.get(name="Clinical reviewers").permissions.filter(codename="change_page").count() == 0
    assert not Review.objects.exists()


def test_moving_a_page_in_the_menu_is_not_a_change_to_what_was_reviewed(reviewer_client, client, make_page):
    page = make_page()
    reviewer_client.post(f"/admin/pages/page/{page.pk}/sign-off/", sign_off_form(page))
    Page.objects.filter(pk=page.pk).update(position=5, navigation_label="Tests")
    assert "Changed since its last review" not in text_of(client.get(page.get_absolute_url()))


def test_a_sign_off_shows_at_once_on_a_page_the_cache_already_holds(client, make_page, clinical_reviewer):
    page = make_page(slug="treatment")
    assert NOT_CHECKED in text_of(client.get("/treatment/"))  # now in the page cache
    page.sign_off(
        clinical_reviewer,
        name="Sam Patel",
        role="MS specialist nurse",
        checked_against="SmPC, 2020",
        next_review_due=timezone.localdate() + datetime.timedelta(days=30),
        fingerprint=page.content_fingerprint(),
    )
    assert "Reviewed by Sam Patel, MS specialist nurse" in text_of(client.get("/treatment/"))


@pytest.fixture
def staff_in_no_group(django_user_model):
    """A staff account that may read pages and side effects, and belongs to no group."""
    user = django_user_model.objects.create_user("clinician", password="not-a-real-password", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["view_page", "view_sideeffect"]))
    return user


@pytest.mark.parametrize("granted", [True, False], ids=["with the sign-off permission", "without it"])
def test_the_sign_off_permission_alone_decides_who_opens_the_sign_off_screen(
    client, staff_in_no_group, make_page, make_side_effect, granted
):
    if granted:
        staff_in_no_group.user_permissions.add(Permission.objects.get(codename="sign_off_content"))
    client.force_login(staff_in_no_group)
    for item in [make_page(), make_side_effect()]:
        url = f"/admin/pages/{item._meta.model_name}/{item.pk}/"
        assert client.get(f"{url}change/").status_code == 200
        assert client.get(f"{url}sign-off/").status_code == (200 if granted else 403)
        assert ("sign-off/" in client.get(f"{url}change/").content.decode()) is granted


def test_the_clinical_reviewers_are_granted_the_sign_off_permission(clinical_reviewer):
    assert clinical_reviewer.has_perm("pages.sign_off_content")
    assert Group.objects.get(name="Clinical reviewers").permissions.filter(codename="sign_off_content").exists()


def test_the_review_state_shows_on_pages_and_side_effects_only(client, admin_user, make_page, clinical_reviewer):
    from pages.models import Feedback

    page = make_page()
    review = page.sign_off(
        clinical_reviewer, name="Sam Patel", role="MS specialist nurse", checked_against="Lemtrada SmPC",
        next_review_due=timezone.localdate() + datetime.timedelta(days=30), fingerprint=page.content_fingerprint(),
    )  # fmt: skip
    message = Feedback.objects.create(kind="wrong", message="A typo.", form_digest="x" * 64)
    client.force_login(admin_user)
    assert "Signed off by Sam Patel, MS specialist nurse" in text_of(
        client.get(f"/admin/pages/page/{page.pk}/change/")
    )
    for url in [f"/admin/pages/feedback/{message.pk}/change/", f"/admin/pages/review/{review.pk}/change/"]:
        text = text_of(client.get(url))
        assert "Signed off by" not in text and "Not yet reviewed" not in text and "Clinical sign-offs" not in text


def test_content_the_model_refuses_cannot_be_signed_off_and_the_screen_says_why_first(
    reviewer_client, clinical_reviewer, make_side_effect
):
    # Saved without the model's checks (a script, an older release): urgent, but with no signs listed.
    side_effect = make_side_effect(urgent=True, urgent_signs="")
    url = f"/admin/pages/sideeffect/{side_effect.pk}/sign-off/"

    html = reviewer_client.get(url).content.decode()
    assert html.index("This can't be signed off yet") < html.index("The text now")
    assert "Urgent signs: An urgent side effect needs the signs that mean acting at once." in html
    assert "I have read this text: sign it off" not in html
    assert "It can't be signed off until this is corrected" in text_of(
        reviewer_client.get(f"/admin/pages/sideeffect/{side_effect.pk}/change/")
    )

    response = reviewer_client.post(url, sign_off_form(side_effect))
    assert response.status_code == 200 and not Review.objects.exists()
    with pytest.raises(ValidationError):
        side_effect.sign_off(
            clinical_reviewer,
            name="Sam Patel",
            role="MS nurse",
            checked_against="PL",
            next_review_due=timezone.localdate() + datetime.timedelta(days=30),
            fingerprint=side_effect.content_fingerprint(),
        )
    assert not Review.objects.exists()


def test_a_failed_sign_off_lists_its_errors_before_the_text_and_keeps_what_was_typed(reviewer_client, make_page):
    page = make_page()
    html = reviewer_client.post(
        f"/admin/pages/page/{page.pk}/sign-off/", sign_off_form(page, reviewer_role="", next_review_due="31/02/2027")
    ).content.decode()
    summary = html[html.index("Your sign-off was not saved") : html.index("The text now")]
    assert "Your role, as readers will see it: This field is required." in summary
    assert "Next review due: Enter a valid date." in summary
    assert 'value="31/02/2027"' in html


def test_the_texts_own_headings_sit_below_the_screens(reviewer_client, make_page):
    page = make_page(body="Intro.\n\n## Before your infusion\n\nWords.\n\n### On the day\n\nMore words.")
    html = reviewer_client.get(f"/admin/pages/page/{page.pk}/sign-off/").content.decode()
    text_now = html[html.index("The text now") :]
    assert "<h3>Body</h3>" in text_now
    assert "<h4>Before your infusion</h4>" in text_now and "<h5>On the day</h5>" in text_now
    assert "<h2>Before your infusion" not in html


def test_the_date_box_says_how_to_write_the_date(reviewer_client, make_page):
    page = make_page()
    text = text_of(reviewer_client.get(f"/admin/pages/page/{page.pk}/sign-off/"))
    assert f"Day, month and year, for example {default_next_review():%d/%m/%Y}" in text
