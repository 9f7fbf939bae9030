"""Withdrawal asks first; a used, unknown or withdrawn private link gets one kind page that says which of none."""

import pytest
from django.test import Client

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_link(make_story):
    story = make_story(status="approved")
    token = story.issue_private_token()
    story.save()
    return story, f"/stories/mine/{token}/"


def test_withdrawal_needs_a_confirmation_that_says_what_will_be_erased(client, private_link):
    story, link = private_link
    page = client.get(link).content.decode()
    assert 'href="' + link + 'withdraw/"' in page  # a link to the confirmation, not a button that erases
    confirm = client.get(link + "withdraw/").content.decode()
    assert "your email address" in confirm and "your photo" in confirm and "This can't be undone" in confirm
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED
    assert client.post(link + "withdraw/").status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN


def test_a_used_an_unknown_and_a_withdrawn_link_get_the_same_kind_page(client, private_link, make_story):
    _, link = private_link
    client.post(link + "withdraw/")
    pages = [client.get(link), client.get("/stories/mine/never-issued/"), client.get(link + "withdraw/")]
    pages.append(client.post(link + "withdraw/"))
    assert {page.status_code for page in pages} == {404}
    texts = [page.content.decode() for page in pages]
    assert all("The story has been withdrawn, or the link is no longer valid." in text for text in texts)
    assert len({text.replace("csrf", "") for text in texts[:2]}) == 1  # nothing tells a used link from a made-up one


def test_withdrawal_works_from_a_no_referrer_page_whose_form_sends_origin_null(private_link):
    """Browsers send "Origin: null" from the private pages (no Referer); the token, not a cookie, is the authority."""
    story, link = private_link
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(link + "withdraw/", HTTP_ORIGIN="null").status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN
