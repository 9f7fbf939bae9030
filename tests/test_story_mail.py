import re
from email.utils import parseaddr
from smtplib import SMTPException

import pytest
from django.contrib.auth.models import Group

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def submit(client, seeded, story_form_data, django_capture_on_commit_callbacks):
    def send(**changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/stories/share/", story_form_data(**changes))
        assert response.status_code == 302
        return Story.objects.latest("submitted_at")

    return send


def test_the_author_gets_a_receipt_with_a_working_private_link_and_no_story_text(client, submit, mailoutbox):
    submit(body="A very private paragraph about my bladder.")
    [receipt] = [mail for mail in mailoutbox if mail.to == ["jo@example.org"]]
    assert receipt.subject == "We have your story – thank you"
    assert "very private paragraph" not in receipt.body
    link = re.search(r"https://lemtrada.test(/stories/mine/[\w-]+/)", receipt.body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert "very private paragraph" in page.content.decode()


def test_the_moderators_are_told_with_a_link_to_the_admin(submit, moderator, mailoutbox, settings):
    settings.STORY_MODERATOR_EMAILS = ["desk@example.org"]
    story = submit()
    [note] = [mail for mail in mailoutbox if "moderator@example.org" in mail.to]
    assert sorted(note.to) == ["desk@example.org", "moderator@example.org"]
    assert f"https://lemtrada.test/admin/stories/story/{story.pk}/change/" in note.body
    assert story.body not in note.body


def test_approval_reaches_the_author_with_the_public_link(
    moderator_client, make_story, mailoutbox, django_capture_on_commit_callbacks
):
    story = make_story()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(f"/admin/stories/story/{story.pk}/approve/")
    [mail] = mailoutbox
    assert mail.to == ["sam@example.org"]
    assert mail.subject == "Your story is now published"
    assert f"https://lemtrada.test/stories/{story.slug}/" in mail.body


def test_rejection_reaches_the_author_with_its_reason(
    moderator_client, make_story, mailoutbox, django_capture_on_commit_callbacks
):
    story = make_story()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            f"/admin/stories/story/reject/?ids={story.pk}",
            {"choice": "other", "reason": "It names your neighbour; please leave that out."},
        )
    [mail] = mailoutbox
    assert mail.to == ["sam@example.org"]
    assert "It names your neighbour; please leave that out." in mail.body


def test_an_smtp_failure_loses_nothing_and_shows_the_author_thanks(
    client, seeded, story_form_data, mailoutbox, monkeypatch, django_capture_on_commit_callbacks, caplog
):
    def broken_send(*args, **kwargs):
        raise SMTPException("Connection refused")

    monkeypatch.setattr("lemtrada_site.tasks.send_mail", broken_send)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/stories/share/", story_form_data(), follow=True)
    assert response.status_code == 200
    assert "Thank you for sharing your story" in response.content.decode()
    assert Story.objects.filter(status=Story.Status.PENDING).count() == 1
    assert "Could not send the 'receipt' mail" in caplog.text


def test_no_mail_is_sent_for_a_submission_that_was_not_stored(client, seeded, story_form_data, mailoutbox):
    client.post("/stories/share/", story_form_data(consent=""))
    assert mailoutbox == []


def test_moderators_group_members_without_an_email_are_skipped(submit, django_user_model, mailoutbox):
    silent = django_user_model.objects.create_user("silent", email="", is_staff=True)
    silent.groups.add(Group.objects.get(name="Moderators"))
    submit()
    assert all(mail.to != [""] for mail in mailoutbox)


def test_mail_to_an_author_carries_no_text_the_submitter_chose(submit, mailoutbox, client):
    # The address is unverified: the form must not let anyone send their own words to a stranger.
    submit(display_name="Visit evil.example now", title="Cheap pills at evil.example")
    [receipt] = [mail for mail in mailoutbox if mail.to == ["jo@example.org"]]
    assert "evil.example" not in receipt.subject + receipt.body
    assert "Visit" not in receipt.body


def test_links_in_mail_come_from_site_url_whatever_host_the_request_named(
    client, seeded, story_form_data, mailoutbox, moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/stories/share/", story_form_data(), HTTP_HOST="127.0.0.1")
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        assert "https://lemtrada.test/" in mail.body
        assert "127.0.0.1" not in mail.body


def test_the_rejection_mail_links_the_form_for_a_new_version(
    moderator_client, make_story, mailoutbox, django_capture_on_commit_callbacks
):
    story = make_story()
    with django_capture_on_commit_callbacks(execute=True):
        moderator_client.post(
            f"/admin/stories/story/reject/?ids={story.pk}", {"choice": "other", "reason": "Please leave out names."}
        )
    [mail] = mailoutbox
    assert "https://lemtrada.test/stories/share/" in mail.body


def test_an_everyday_story_gets_no_urgent_signposting(submit, mailoutbox):
    submit(body="In 2019 I had some bruising, but it was nothing. Three years on I feel well.")
    [receipt] = [mail for mail in mailoutbox if mail.to == ["jo@example.org"]]
    assert "straight away" not in receipt.body


def test_the_moderators_note_comes_from_the_staff_sender_and_the_receipt_from_the_stories(
    submit, moderator, mailoutbox, settings
):
    submit()
    [receipt] = [mail for mail in mailoutbox if mail.to == ["jo@example.org"]]
    [note] = [mail for mail in mailoutbox if "moderator@example.org" in mail.to]
    assert parseaddr(receipt.from_email)[0] == "Lemtrada patient stories"
    # The same mailbox, under a name for the staff: nobody mistakes it for mail to authors.
    assert parseaddr(note.from_email) == ("Lemtrada site staff", parseaddr(receipt.from_email)[1])

    settings.STAFF_FROM_EMAIL = "MS information team <team@example.org>"
    mailoutbox.clear()
    submit()
    [note] = [mail for mail in mailoutbox if "moderator@example.org" in mail.to]
    assert note.from_email == "MS information team <team@example.org>"
