"""
Public pages come from one page cache, keyed by a content version the database decides: every change
an editor, reviewer, moderator or author makes shows on the very next request; nothing stale is served.
"""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import Page, SideEffect
from stories.models import Story
from tests.page_copies import page_copies

pytestmark = pytest.mark.django_db


def test_a_second_request_is_served_from_the_cache_with_one_query(client, seeded, django_assert_num_queries):
    first = client.get("/treatment/")
    with django_assert_num_queries(1):
        second = client.get("/treatment/")
    assert second.content == first.content


def test_an_edited_page_shows_on_the_next_request(client, seeded):
    assert "Infusion days" not in client.get("/treatment/").content.decode()
    page = Page.objects.get(slug="treatment")
    page.body += "\n\n## Infusion days\n\nNew words."
    page.save()
    assert "<h2>Infusion days</h2>" in client.get("/treatment/").content.decode()


def test_a_signed_off_review_shows_its_new_dates_on_the_next_request(client, seeded, clinical_reviewer):
    client.get("/side-effects/itp/")
    itp = SideEffect.objects.get(slug="itp")
    itp.sign_off(
        clinical_reviewer,
        name="Sam Patel",
        role="MS specialist nurse",
        checked_against="Lemtrada SmPC, EMA, 16 January 2020",
        next_review_due=datetime.date(2028, 3, 1),
        fingerprint=itp.content_fingerprint(),
    )
    assert "Next review due 1 March 2028" in client.get("/side-effects/itp/").content.decode()


def test_a_page_taken_back_to_draft_is_gone_on_the_next_request(client, seeded):
    assert client.get("/monitoring/").status_code == 200
    page = Page.objects.get(slug="monitoring")
    page.status = Page.Status.DRAFT
    page.save()
    assert client.get("/monitoring/").status_code == 404


def test_a_deleted_side_effect_leaves_the_list_on_the_next_request(client, seeded):
    assert "Kidney problems" in client.get("/side-effects/").content.decode()
    SideEffect.objects.get(slug="kidney-problems").delete()
    assert "Kidney problems" not in client.get("/side-effects/").content.decode()


def test_an_approved_story_shows_on_the_next_request(client, seeded, make_story, moderator):
    story = make_story(title="Spring infusions")
    client.get("/stories/"), client.get("/"), client.get("/stories/feed/")
    story.approve(moderator)
    for url in ["/stories/", "/", "/stories/feed/", story.get_absolute_url()]:
        assert "Spring infusions" in client.get(url).content.decode(), url


def test_a_rejected_story_is_gone_on_the_next_request(client, seeded, make_story, moderator):
    story = make_story(title="Spring infusions", status=Story.Status.APPROVED)
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200 and "Spring infusions" in client.get("/stories/").content.decode()
    story.reject(moderator, "It names a nurse.")
    assert client.get(url).status_code == 404
    assert "Spring infusions" not in client.get("/stories/").content.decode()


def test_a_withdrawn_story_is_gone_from_list_page_and_feed_on_the_next_request(client, seeded, make_story, settings):
    story = make_story(title="Spring infusions", body="Words only I wrote.", status=Story.Status.APPROVED)
    url = story.get_absolute_url()
    for address in ["/stories/", "/stories/feed/", url, "/"]:
        assert "Spring infusions" in client.get(address).content.decode()
    story.withdraw()
    assert client.get(url).status_code == 404
    for address in ["/stories/", "/stories/feed/", "/"]:
        page = client.get(address).content.decode()
        assert "Spring infusions" not in page and "Words only I wrote" not in page, address


def test_a_moderators_edit_to_a_story_shows_on_the_next_request(client, make_story):
    story = make_story(body="Before the edit.", status=Story.Status.APPROVED)
    assert "Before the edit." in client.get(story.get_absolute_url()).content.decode()
    story.body = "After the edit."
    story.save()
    assert "After the edit." in client.get(story.get_absolute_url()).content.decode()


def test_a_review_date_that_passes_overnight_shows_its_notice_next_morning(
    client, make_page, clinical_reviewer, monkeypatch
):
    page = make_page(slug="treatment")
    review = page.sign_off(
        clinical_reviewer, name="Sam Patel", role="MS nurse", checked_against="SmPC",
        next_review_due=timezone.localdate() + datetime.timedelta(days=30), fingerprint=page.content_fingerprint(),
    )  # fmt: skip
    type(review).objects.filter(pk=review.pk).update(next_review_due=datetime.date(2026, 12, 1))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 12, 1))
    assert "Due for review:" not in client.get("/treatment/").content.decode()

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2026, 12, 2))
    assert "Due for review:" in client.get("/treatment/").content.decode()


def test_signed_in_staff_never_get_a_cached_page_and_their_pages_are_not_kept(editor, seeded):
    anonymous, staff = Client(), Client()
    staff.force_login(editor)
    anonymous.get("/treatment/")  # now in the cache
    with CaptureQueriesContext(connection) as queries:
        response = staff.get("/treatment/")
    assert len(queries) > 1  # rendered for them, not taken from the cache
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]

    cache.clear()
    staff.get("/side-effects/")
    with CaptureQueriesContext(connection) as queries:
        anonymous.get("/side-effects/")
    assert len(queries) > 1  # what staff saw was not kept for anyone


def test_the_share_form_and_private_pages_are_never_cached(client, make_story):
    story = make_story()
    token = story.issue_private_token()
    story.save()
    for url in ["/stories/share/", f"/stories/mine/{token}/", "/planner/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "ETag" not in response, url


def test_made_up_query_parameters_and_searches_are_served_but_not_kept(client, seeded):
    for url in ["/treatment/?utm_source=x", "/search/?q=infusion"]:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(queries) > 1 and "ETag" not in response, url


def test_an_address_no_page_links_to_is_served_but_never_fills_the_cache(client, seeded):
    for url in ["/", "/side-effects/", "/stories/feed/"]:
        client.get(url)
    kept = page_copies()
    assert len(kept) == 3
    for number in range(30):
        for url in [f"/side-effects/?page={number}", f"/?side_effect={number}", f"/stories/feed/?page={number}",
                    f"/treatment/?utm_source={number}"]:  # fmt: skip
            assert client.get(url).status_code == 200, url
    assert page_copies().keys() == kept.keys()


def test_a_page_from_the_cache_carries_every_security_header_it_was_rendered_with(
    client, seeded, settings, django_assert_num_queries
):
    settings.SECURE_HSTS_SECONDS = 31536000
    https = {"x-forwarded-proto": "https"}
    rendered = client.get("/treatment/", headers=https)
    with django_assert_num_queries(1):
        cached = client.get("/treatment/", headers=https)
    for header in ["Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy",
                   "Cross-Origin-Opener-Policy", "Strict-Transport-Security"]:  # fmt: skip
        assert cached[header] == rendered[header], header
