"""
The story form and the contact form go through one pipeline (lemtrada_site.forms.receive): each
behaviour here holds for both, so a fix made for one reaches the other.
"""

import time
from dataclasses import dataclass
from unittest import mock

import pytest
from django.core import signing

from lemtrada_site.forms import sign_started
from pages.forms import FeedbackForm
from pages.models import Feedback
from stories.forms import StoryForm
from stories.models import Story

pytestmark = pytest.mark.django_db


@dataclass
class PublicForm:
    url: str
    thanks: str
    form_class: type
    model: type
    per_hour: str
    fields: dict

    def data(self, **overrides):
        return {**self.fields, "started": sign_started(time.time() - 60), "website": "", **overrides}


FORMS = {
    "story": PublicForm(
        "/stories/share/",
        "/stories/share/thanks/",
        StoryForm,
        Story,
        "STORY_SUBMISSIONS_PER_HOUR",
        {"display_name": "Jo", "email": "jo@example.org", "title": "Spring", "body": "It went well.", "consent": "on"},
    ),
    "contact": PublicForm(
        "/contact/",
        "/contact/thanks/",
        FeedbackForm,
        Feedback,
        "FEEDBACK_PER_HOUR",
        {"kind": "wrong", "message": "The dose looks wrong to me.", "email": "", "page": ""},
    ),
}


@pytest.fixture(params=FORMS.values(), ids=FORMS.keys())
def public_form(request, seeded):
    return request.param


def test_a_client_over_its_allowance_is_refused_and_nothing_is_stored(client, public_form, settings):
    setattr(settings, public_form.per_hour, 1)
    assert client.post(public_form.url, public_form.data())["Location"] == public_form.thanks
    refused = client.post(public_form.url, public_form.data())
    assert refused.status_code == 429
    assert "Please try again a little later" in refused.content.decode()
    assert public_form.model.objects.count() == 1


def test_a_copy_sent_again_is_thanked_stored_once_and_uses_one_claim(client, public_form, settings):
    setattr(settings, public_form.per_hour, 2)
    data = public_form.data()
    for _ in range(3):
        assert client.post(public_form.url, data)["Location"] == public_form.thanks
    assert public_form.model.objects.count() == 1
    assert client.post(public_form.url, public_form.data())["Location"] == public_form.thanks
    assert public_form.model.objects.count() == 2


def test_a_filled_honeypot_is_thanked_and_nothing_is_stored(client, public_form):
    response = client.post(public_form.url, public_form.data(website="http://spam.example"))
    assert response["Location"] == public_form.thanks
    assert not public_form.model.objects.exists()


def test_two_copies_racing_store_one_and_the_loser_gives_its_claim_back(client, public_form, settings):
    """Both pass the duplicate check before either is stored; the database's unique digest decides."""
    setattr(settings, public_form.per_hour, 2)
    data = public_form.data()
    client.post(public_form.url, data)
    checks = []
    real_check = public_form.form_class.already_stored

    def not_yet_stored_at_first(form):  # the other request stores it just after this check
        checks.append(form.form_digest)
        return len(checks) > 1 and real_check(form)

    with mock.patch.object(public_form.form_class, "already_stored", not_yet_stored_at_first):
        response = client.post(public_form.url, data)
    assert response["Location"] == public_form.thanks
    assert public_form.model.objects.count() == 1
    # The loser's claim was given back: the second of the two an hour is still there.
    assert client.post(public_form.url, public_form.data())["Location"] == public_form.thanks


def test_an_expired_copy_comes_back_as_typed_with_a_fresh_timer_that_works(client, public_form):
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    with mock.patch("django.core.signing.time.time", return_value=two_days_ago):
        expired = sign_started(two_days_ago)
    response = client.post(public_form.url, public_form.data(started=expired))
    assert response.status_code == 200
    assert "This form has expired" in response.content.decode()
    fresh = response.context["form"].data["started"]
    assert signing.loads(fresh, salt="stories.share.started")["t"] > two_days_ago
    with mock.patch("lemtrada_site.forms.time.time", return_value=time.time() + 10):
        again = client.post(public_form.url, public_form.data(started=fresh))
    assert again["Location"] == public_form.thanks
    assert public_form.model.objects.count() == 1
