"""
The story list's pages: the same stories on each page as counting and skipping would give, found
without counting or skipping on every request, at the one address each page links to.
"""

import datetime

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from pages.models import SideEffect
from stories.models import Story
from tests.page_copies import page_copies

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(seeded):
    """65 approved stories, some published at the same moment, a third mentioning ITP, and two not approved."""
    itp = SideEffect.objects.get(slug="itp")
    start = timezone.now() - datetime.timedelta(days=100)
    made = Story.objects.bulk_create(
        Story(
            display_name="Jo",
            title=f"Story number {number}",
            slug=f"story-number-{number}",
            body="Words.",
            body_html="<p>Words.</p>",
            excerpt="Words.",
            consent_version="2026-11",
            consented_at=start,
            status=Story.Status.APPROVED,
            published_at=start + datetime.timedelta(hours=number // 3),
        )  # fmt: skip
        for number in range(65)
    )
    itp.stories.add(*[story for number, story in enumerate(made) if number % 3 == 0])
    Story.objects.filter(pk__in=[made[10].pk, made[40].pk]).update(status=Story.Status.REJECTED)
    return itp


def _titles(response):
    return [story.title for story in response.context["stories"]]


def test_each_page_holds_what_counting_and_skipping_would_give(client, stories):
    for query, published in [
        ("", Story.objects.published()),
        ("side_effect=itp&", Story.objects.published().filter(side_effects=stories)),
    ]:
        expected = Paginator(published, 20)
        for number in expected.page_range:
            response = client.get(f"/stories/?{query}page={number}" if number > 1 else f"/stories/?{query}"[:-1])
            assert response.status_code == 200, (query, number)
            assert _titles(response) == [story.title for story in expected.page(number)], (query, number)
            assert f"Page {number} of {expected.num_pages}" in response.content.decode()


def test_the_last_page_answers_and_the_one_after_it_does_not(client, stories):
    assert client.get("/stories/?page=4").status_code == 200
    for page in ["5", "0", "-1", "last", "two"]:
        assert client.get(f"/stories/?page={page}").status_code == 404, page


def test_a_deep_page_is_found_without_counting_or_skipping_every_story(client, stories):
    client.get("/stories/?page=2")  # the pages' starts are noted once for this version of the content
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/stories/?page=3").status_code == 200
    sql = " ".join(query["sql"] for query in queries).upper()
    assert "COUNT(" not in sql and "OFFSET" not in sql


def test_the_count_and_the_pages_follow_a_newly_approved_story(client, stories, make_story, moderator):
    assert "Page 1 of 4" in client.get("/stories/").content.decode()
    newest = make_story(title="Just approved")
    newest.approve(moderator)
    first = client.get("/stories/")
    assert _titles(first)[0] == "Just approved" and "Page 1 of 4" in first.content.decode()
    assert _titles(client.get("/stories/?page=4")) == [
        story.title for story in Paginator(Story.objects.published(), 20).page(4)
    ]


def test_the_pages_link_to_each_other_at_their_one_address(client, stories):
    second = client.get("/stories/?side_effect=itp&page=2").content.decode()
    assert 'href="/stories/?side_effect=itp" rel="prev"' in second
    first = client.get("/stories/").content.decode()
    assert 'href="/stories/?page=2" rel="next"' in first


@pytest.mark.parametrize(
    ("asked", "address"),
    [
        ("/stories/?page=1", "/stories/"),
        ("/stories/?page=02", "/stories/?page=2"),
        ("/stories/?page=%2B2", "/stories/?page=2"),
        ("/stories/?side_effect=", "/stories/"),
        ("/stories/?page=2&side_effect=itp", "/stories/?side_effect=itp&page=2"),
        ("/stories/?page=2&page=3", "/stories/?page=3"),
    ],
)
def test_another_spelling_of_a_page_leads_to_its_one_address(client, stories, asked, address):
    response = client.get(asked)
    assert response.status_code == 301 and response["Location"] == address
    assert client.get(address).status_code == 200


def test_only_the_one_address_of_each_page_is_kept(client, stories):
    for url in ["/stories/", "/stories/?page=2", "/stories/?side_effect=itp&page=2"]:
        client.get(url)
    kept = len(page_copies())
    assert kept == 3
    for url in ["/stories/?page=02", "/stories/?page=2&utm_source=mail", "/stories/?side_effect=itp&page=2&x=1"]:
        client.get(url, follow=False)
        client.get(url, follow=False)
    assert len(page_copies()) == kept
