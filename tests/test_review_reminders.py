"""Reviews can't lapse silently: readers see an overdue notice, and editors and reviewers get a daily list."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from pages.models import Page
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

OVERDUE = "Due for review: this page should have been checked again by"


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def signed_off(sign_off):
    """Sign `item` off, then move the review (as time passing would) so that it falls due on `due`."""

    def sign(item, *, due):
        review = sign_off(item).latest_review
        reviewed_on = due - datetime.timedelta(days=365)
        type(review).objects.filter(pk=review.pk).update(reviewed_on=reviewed_on, next_review_due=due)
        type(item).objects.filter(pk=item.pk).update(last_reviewed=reviewed_on, next_review_due=due)
        return item

    return sign


@pytest.fixture
def quiet():
    return open("/dev/null", "w")


def test_a_page_past_its_review_date_tells_readers_it_may_be_out_of_date(client, make_page, signed_off):
    signed_off(make_page(slug="stale", title="Stale page"), due=days_from_today(-1))
    signed_off(make_page(slug="fresh", title="Fresh page"), due=days_from_today(200))

    stale = text_of(client.get("/stale/"))
    assert OVERDUE in stale and "so it may be out of date" in stale
    assert OVERDUE not in text_of(client.get("/fresh/"))


def test_an_overdue_side_effect_shows_the_notice_on_its_page_and_the_list(client, make_side_effect, signed_off):
    side_effect = signed_off(make_side_effect(), due=days_from_today(-10))
    assert OVERDUE in text_of(client.get(side_effect.get_absolute_url()))
    assert "some of these side effects should have been checked again by now" in text_of(client.get("/side-effects/"))


def test_the_reminder_mails_editors_and_reviewers_a_digest_of_what_is_due(
    make_page, make_side_effect, signed_off, editor, clinical_reviewer, mailoutbox, quiet
):
    editor.email = "editor@example.org"
    editor.save()
    signed_off(make_page(slug="stale", title="Stale page"), due=days_from_today(-3))
    signed_off(make_side_effect(name="Itchy rash", slug="rash"), due=days_from_today(20))
    make_page(slug="never", title="Never checked page")
    signed_off(make_page(slug="fresh", title="Fresh page"), due=days_from_today(200))
    make_page(slug="about", title="About this site")  # the site's own pages are not clinical content

    call_command("send_review_reminders", stdout=quiet)

    [mail] = mailoutbox
    assert sorted(mail.to) == ["editor@example.org", "reviewer@example.org"]
    overdue, _, rest = mail.body.partition("Due within 30 days:")
    soon, _, never = rest.partition("Published but never reviewed:")
    stale = Page.objects.get(slug="stale")
    admin_url = f"https://lemtrada.test/admin/pages/page/{stale.pk}/change/"
    assert f"Stale page (page), due {days_from_today(-3):%-d %B %Y}: {admin_url}" in overdue
    assert "Itchy rash (side effect)" in soon
    assert "Never checked page (page)" in never
    assert "Fresh page" not in mail.body and "About this site (page)" not in mail.body
    assert mail.from_email.startswith("Lemtrada site staff <")  # staff mail, named for them


def test_the_reminder_sends_nothing_when_nothing_is_due(make_page, signed_off, editor, mailoutbox, capsys):
    signed_off(make_page(), due=days_from_today(200))
    Group.objects.get(name="Editors").user_set.update(email="editor@example.org")

    call_command("send_review_reminders")

    assert mailoutbox == []
    assert "no mail sent" in capsys.readouterr().out


def test_the_admin_home_shows_the_same_list(editor_client, make_page, signed_off):
    signed_off(make_page(slug="stale", title="Stale page"), due=days_from_today(-3))
    make_page(slug="never", title="Never checked page")

    text = text_of(editor_client.get("/admin/"))
    assert "Content needing a clinical review" in text
    assert text.index("Past its review date") < text.index("Stale page")
    assert text.index("Published but never reviewed") < text.index("Never checked page")


def test_the_reminder_goes_through_the_queue_and_waits_out_a_mail_server_outage(
    make_page, editor, settings, monkeypatch, mailoutbox, quiet
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    editor.email = "editor@example.org"
    editor.save()
    make_page(slug="never", title="Never checked page")
    working_mail = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 1},  # refused: the mail server is down
        }
    }

    def run_worker():
        call_command("worker", batch=True, reload=False, startup_delay=False, interval=0.1, verbosity=0)

    call_command("send_review_reminders", stdout=quiet)
    assert mailoutbox == [] and DBTaskResult.objects.filter(status="READY").count() == 1  # queued, not sent
    run_worker()
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.run_after > timezone.now()  # tried again later
    settings.MAILERS = working_mail
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    [mail] = mailoutbox
    assert mail.to == ["editor@example.org"] and "Never checked page" in mail.body
