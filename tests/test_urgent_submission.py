"""
A story whose author seems to describe urgent signs happening now (the pre-screen's flag): the thanks page and the
receipt lead with what to do at once, and the Moderators hear of it first, in a mail the worker sends before any
other waiting mail.
"""

import re
import time

import pytest
from django.core.management import call_command

from pages.models import SideEffect
from stories.models import Story

pytestmark = pytest.mark.django_db

URGENT_NOW = "My gums are bleeding and I have new bruises on my arms today."
EVERYDAY = "In 2019 I had some bruising, but it was nothing. Three years on I feel well."


@pytest.fixture
def send(client, seeded, story_form_data, django_capture_on_commit_callbacks):
    def send_(body):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/stories/share/", story_form_data(body=body))
        assert response.status_code == 302
        return response

    return send_


def test_the_thanks_page_leads_with_999_for_stroke_heart_and_lung_signs_then_the_ms_team(client, send):
    sent = send(URGENT_NOW)
    assert Story.objects.get().urgent

    assert sent["Location"] == "/stories/share/thanks/", "the address names no story"
    html = client.get(sent["Location"]).content.decode()
    main = html[html.index("<main") :]

    first = r"<main[^>]*>\s*<section[^>]*>\s*<h1[^>]*>.*If you are unwell now, get help first</h1>"
    assert re.search(first, main, re.S), "what to do comes first"
    help_now = main[: main.index("Thank you for sharing your story")]
    call_999 = "<strong>Call 999 now</strong> for the signs of a stroke, a heart attack or bleeding in the lungs"
    assert call_999 in help_now
    for sign in ["one side of your face drooping", "a sudden, severe headache", "chest pain", "coughing up blood"]:
        assert f"<li>{sign}</li>" in help_now
    assert "<strong>Contact your MS team immediately</strong> for the other warning signs" in help_now
    assert "go to A&amp;E or call 999" in help_now
    assert '<a href="/warning-signs/">' in help_now
    assert "gums" not in html, "none of the author's words"


def test_the_999_signs_are_the_side_effects_own(client, send):
    stroke = SideEffect.objects.get(slug="stroke-and-torn-neck-arteries")
    stroke.urgent_signs += '\n- sudden loss of balance <!-- PL 2: "sudden loss of balance" -->'
    stroke.save()

    html = client.get(send(URGENT_NOW)["Location"]).content.decode()

    assert "<li>sudden loss of balance</li>" in html


def test_an_everyday_story_gets_the_ordinary_thanks_page_and_no_cookie(client, send):
    sent = send(EVERYDAY)

    flag = sent.cookies.get("story_urgent")
    assert flag is None or (flag.value == "" and flag["max-age"] == 0), "no flag: at most an instruction to forget one"
    html = client.get(sent["Location"]).content.decode()
    assert "<h1>Thank you for sharing your story</h1>" in html
    assert "get help first" not in html


def test_an_everyday_story_sent_after_an_urgent_one_gets_the_ordinary_thanks_page(client, send):
    assert "get help first" in client.get(send(URGENT_NOW)["Location"]).content.decode()

    html = client.get(send(EVERYDAY)["Location"]).content.decode()

    assert "<h1>Thank you for sharing your story</h1>" in html
    assert "get help first" not in html


def test_an_urgent_story_sent_twice_still_leads_with_what_to_do_now(client, seeded, story_form_data, send):
    data = story_form_data(body=URGENT_NOW)
    first = client.post("/stories/share/", data)  # a double click: the browser shows only the second answer
    client.cookies.clear()

    second = client.post("/stories/share/", data)

    assert first.status_code == second.status_code == 302 and Story.objects.count() == 1
    assert "get help first" in client.get(second["Location"]).content.decode()


def test_the_thanks_page_is_never_kept_in_the_page_cache(client, send, django_assert_max_num_queries):
    client.get("/stories/share/thanks/")  # an ordinary visit first: nothing is kept from it
    sent = send(URGENT_NOW)
    urgent = client.get(sent["Location"])
    client.cookies.clear()
    ordinary = client.get("/stories/share/thanks/")

    for response in (urgent, ordinary):
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert not response.has_header("ETag")
    assert "get help first" in urgent.content.decode()
    assert "get help first" not in ordinary.content.decode()


def test_a_forged_or_stale_flag_shows_the_ordinary_thanks_page(client, send, monkeypatch):
    client.cookies["story_urgent"] = "1"
    assert "get help first" not in client.get("/stories/share/thanks/").content.decode()

    send(URGENT_NOW)
    later = time.time() + 2 * 60 * 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert "get help first" not in client.get("/stories/share/thanks/").content.decode()


def test_the_receipt_leads_with_what_to_do_now(send, mailoutbox):
    send(URGENT_NOW)
    [receipt] = [mail for mail in mailoutbox if mail.to == ["jo@example.org"]]

    assert receipt.subject == "If you are unwell now, get help first – we have your story"
    body = receipt.body
    assert body.startswith("Your story may describe signs that need medical help now.")
    advice = body[: body.index("Thank you for sharing")]
    assert "- Call 999 now for the signs of a stroke, a heart attack or bleeding in the lungs:" in advice
    assert "one side of your face drooping;" in advice and "chest pain;" in advice
    assert "- Contact your MS team immediately for the other warning signs" in advice
    assert "go to A&E or call 999." in advice
    assert "https://lemtrada.test/warning-signs/" in advice
    assert "NHS 111" not in body and "gums" not in body


def test_the_moderators_mail_says_urgent_signs_first_with_a_link_and_no_story_text(send, moderator, mailoutbox):
    send(URGENT_NOW)
    story = Story.objects.get()
    [note] = [mail for mail in mailoutbox if mail.to == ["moderator@example.org"]]

    assert note.subject.startswith("Urgent signs:")
    first_line = note.body.splitlines()[0]
    assert first_line.startswith("Urgent signs:")
    assert f"https://lemtrada.test/admin/stories/story/{story.pk}/change/" in note.body
    assert "bleeding" not in note.body and "bruises" not in note.body


def test_an_everyday_storys_moderators_mail_says_nothing_urgent(send, moderator, mailoutbox):
    send(EVERYDAY)
    [note] = [mail for mail in mailoutbox if mail.to == ["moderator@example.org"]]

    assert "urgent" not in f"{note.subject}\n{note.body}".lower()


def test_the_urgent_mails_go_before_every_other_waiting_mail(seeded, make_story, moderator, mail_queue, mailoutbox):
    from stories import emails

    for number in range(3):  # six mails already waiting for the worker
        emails.story_submitted(make_story(title=f"Everyday {number}", body=EVERYDAY))
    urgent = make_story(title="Now", body=URGENT_NOW)
    emails.story_submitted(urgent)
    assert urgent.urgent

    call_command("worker", batch=True, max_tasks=2, reload=False, startup_delay=False, interval=0.1, verbosity=0)

    assert len(mailoutbox) == 2
    assert {mail.subject for mail in mailoutbox} == {
        "If you are unwell now, get help first – we have your story",
        "Urgent signs: a new patient story may describe someone who needs help now",
    }
