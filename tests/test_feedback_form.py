"""A feedback route: a reader reports a problem with a page; Editors are told; nothing typed is ever public."""

import time

import pytest
from django.contrib.auth.models import Group

from lemtrada_site.allowances import feedback_messages
from lemtrada_site.forms import sign_started
from pages.models import Feedback, Page, SideEffect
from stories.models import hash_token
from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

MESSAGE = "The dose on this page looks wrong to me: my leaflet says something else."


@pytest.fixture
def feedback_data():
    def data(**overrides):
        return {
            "kind": "wrong",
            "message": MESSAGE,
            "email": "reader@example.org",
            "page": "/treatment/",
            "website": "",
            "started": sign_started(time.time() - 60),
            **overrides,
        }

    return data


@pytest.fixture
def editors_with_mail(editor):
    editor.email = "editor@example.org"
    editor.save()
    return editor


@pytest.fixture
def send(client, seeded, feedback_data, django_capture_on_commit_callbacks):
    def send_(**overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/contact/", feedback_data(**overrides))

    return send_


def test_every_information_page_ends_with_a_link_to_report_a_problem_with_it(client, seeded):
    urls = [
        *["/side-effects/", "/warning-signs/"],
        *[page.get_absolute_url() for page in Page.objects.published()],
        *[side_effect.get_absolute_url() for side_effect in SideEffect.objects.published()],
    ]
    for url in urls:
        html = client.get(url).content.decode()
        assert f'<a href="/contact/?page={url}">Report a problem with this page</a>' in html, url


def test_the_form_names_the_page_it_is_about_by_its_title(client, seeded):
    html = client.get("/contact/?page=/treatment/").content.decode()
    assert 'Your message will be about the page “<a href="/treatment/">How Lemtrada is given</a>”.' in html
    assert 'name="page" value="/treatment/"' in html
    titles = {
        "/": Page.objects.get(slug="home").title,
        "/side-effects/": "Side effects of Lemtrada",
        "/warning-signs/": "Feeling unwell? Warning signs that need help straight away",
        "/side-effects/itp/": SideEffect.objects.get(slug="itp").name,
    }
    for path, title in titles.items():
        assert f'<a href="{path}">{title}</a>' in client.get("/contact/", {"page": path}).content.decode(), path


def test_a_page_that_is_not_on_the_site_is_not_named(client, seeded):
    for page in ["https://evil.example/", "/no-such-page/", "/admin/", '/"><script>alert(1)</script>']:
        html = client.get("/contact/", {"page": page}).content.decode()
        assert "Your message will be about the page" not in html, page
        assert "<script>alert" not in html


def test_a_message_is_stored_shown_in_the_admin_and_one_mail_goes_to_the_editors(
    send, editors_with_mail, editor_client, mailoutbox, client
):
    response = send()
    assert response.status_code == 302 and response["Location"] == "/contact/thanks/"
    feedback = Feedback.objects.get()
    assert (feedback.kind, feedback.page_path, feedback.message, feedback.status) == (
        "wrong",
        "/treatment/",
        MESSAGE,
        "new",
    )

    [mail] = mailoutbox
    assert mail.to == ["editor@example.org"]
    assert f"https://lemtrada.test/admin/pages/feedback/{feedback.pk}/change/" in mail.body
    assert "https://lemtrada.test/treatment/" in mail.body
    assert MESSAGE not in mail.body and "reader@example.org" not in mail.body

    listing = text_of(editor_client.get("/admin/pages/feedback/"))
    assert "Something is wrong or out of date" in listing and "/treatment/" in listing
    assert MESSAGE in text_of(editor_client.get(f"/admin/pages/feedback/{feedback.pk}/change/"))


def test_the_sender_is_told_what_happens_next(client, send):
    text = text_of(client.get(send()["Location"]))
    assert "What happens next" in text
    assert "If you gave your email address, we will reply." in text


def test_an_editor_moves_a_message_on_from_new_to_done(send, editor_client):
    send()
    feedback = Feedback.objects.get()
    response = editor_client.post(f"/admin/pages/feedback/{feedback.pk}/change/", {"status": "done"})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.status == "done" and feedback.message == MESSAGE


def test_nothing_a_sender_types_appears_on_the_public_site(send, client):
    send(message="A unique sentence about lemonade.", email="secret-reader@example.org")
    urls = ["/", "/treatment/", "/side-effects/", "/stories/", "/stories/feed/", "/contact/", "/contact/thanks/"]
    for url in urls:
        html = client.get(url).content.decode()
        assert "lemonade" not in html and "secret-reader" not in html, url


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"kind": ""}, "Please choose what your message is about."),
        ({"kind": "flattery"}, "Select a valid choice."),
        ({"message": "   "}, "Please write your message."),
        ({"message": "x" * 2001}, "Your message is too long: please keep it under 2,000 characters (it has 2001"),
        ({"email": "not-an-address"}, "Please enter an email address like name@example.com, or leave it empty."),
    ],
)
def test_bad_input_gets_a_clear_error_and_the_message_is_kept(send, changes, error):
    response = send(**{"message": "My words stay here.", **changes})
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    if "message" not in changes:
        assert "My words stay here." in html
    assert not Feedback.objects.exists()


def test_the_email_address_is_optional(send):
    send(email="")
    assert Feedback.objects.get().email == ""


def test_control_characters_are_stripped(send):
    send(message="Wrong\x00 dose\x1b here")
    assert Feedback.objects.get().message == "Wrong dose here"


def test_a_filled_honeypot_is_thanked_and_dropped(send, mailoutbox, editors_with_mail):
    assert send(website="http://spam.example")["Location"] == "/contact/thanks/"
    assert not Feedback.objects.exists() and mailoutbox == []


def test_a_form_sent_too_quickly_or_with_a_forged_timer_is_refused(send):
    assert "quicker than we expected" in send(started=sign_started(time.time())).content.decode()
    assert "This form has expired" in send(started="forged").content.decode()
    assert not Feedback.objects.exists()


def test_the_same_form_sent_twice_is_stored_once(send, feedback_data):
    started = sign_started(time.time() - 60)
    send(started=started)
    assert send(started=started)["Location"] == "/contact/thanks/"
    assert Feedback.objects.count() == 1


def test_a_burst_from_one_client_stops_after_the_hourly_allowance(send, settings):
    settings.FEEDBACK_PER_HOUR = 2
    statuses = [send(started=sign_started(time.time() - 60 - n)).status_code for n in range(3)]
    assert statuses == [302, 302, 429]
    assert Feedback.objects.count() == 2


def test_messages_are_for_editors_only(send, moderator_client):
    send()
    assert moderator_client.get("/admin/pages/feedback/").status_code == 403
    assert Group.objects.get(name="Editors").permissions.filter(codename="delete_feedback").count() == 0


def test_the_mail_is_queued_with_the_message_and_a_worker_sends_it_once(
    client, seeded, feedback_data, editors_with_mail, settings, monkeypatch, mailoutbox
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    client.post("/contact/", feedback_data())
    [queued] = DBTaskResult.objects.values_list("args_kwargs", flat=True)
    assert MESSAGE not in str(queued) and "reader@example.org" not in str(queued)
    assert mailoutbox == []

    for _ in range(2):
        call_command("worker", batch=True, reload=False, startup_delay=False, interval=0.1, verbosity=0)
    [mail] = mailoutbox
    assert mail.to == ["editor@example.org"]


def test_two_identical_posts_at_once_store_one_message(send, feedback_data, monkeypatch):
    data = feedback_data()

    def the_other_request_got_there_first(request):
        # Between this request's duplicate check and its insert, the same form is stored by another.
        Feedback.objects.create(kind="wrong", message=MESSAGE, form_digest=hash_token(data["started"]))
        return True

    monkeypatch.setattr(feedback_messages, "claim", the_other_request_got_there_first)
    response = send(started=data["started"])
    assert response["Location"] == "/contact/thanks/"
    assert Feedback.objects.count() == 1


def test_a_database_refusal_that_is_not_a_duplicate_is_not_mistaken_for_one(send, monkeypatch):
    from django.db import IntegrityError

    def refuse(self):
        raise IntegrityError("some other constraint")

    monkeypatch.setattr("pages.forms.FeedbackForm.save_message", refuse)
    with pytest.raises(IntegrityError):
        send()


def test_the_editors_note_comes_from_the_staff_sender(send, editors_with_mail, mailoutbox):
    send()
    [mail] = mailoutbox
    assert mail.from_email.startswith("Lemtrada site staff <")
