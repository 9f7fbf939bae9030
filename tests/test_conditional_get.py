"""Every public page carries an ETag from the content version: a browser or proxy that has it gets 304."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from django.utils.http import http_date

from lemtrada_site.models import ContentVersion
from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls(seeded, make_story):
    story = make_story(title="Spring infusions", status=Story.Status.APPROVED)
    return ["/", "/treatment/", "/side-effects/", "/side-effects/itp/", "/stories/", "/stories/?side_effect=itp",
            story.get_absolute_url(), "/stories/feed/"]  # fmt: skip


def test_every_public_page_answers_304_to_its_own_etag(client, public_urls, django_assert_num_queries):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200 and response["ETag"], url
        assert "public" in response["Cache-Control"] and "s-maxage=1" in response["Cache-Control"], url
        with django_assert_num_queries(1):
            again = client.get(url, headers={"If-None-Match": response["ETag"]})
        assert again.status_code == 304 and again.content == b"", url


def test_a_change_gives_a_new_etag_and_the_new_page(client, public_urls, moderator):
    etags = {url: client.get(url)["ETag"] for url in public_urls}
    Story.objects.get(title="Spring infusions").reject(moderator, "It names a nurse.")
    for url in ["/", "/stories/", "/stories/feed/"]:
        response = client.get(url, headers={"If-None-Match": etags[url]})
        assert response.status_code == 200 and response["ETag"] != etags[url], url
        assert "Spring infusions" not in response.content.decode(), url


def test_public_pages_name_when_their_content_last_changed(client, seeded):
    # The last change a minute ago, the one before it an hour ago.
    now = timezone.now()
    ContentVersion.objects.update(changed_at=now - timedelta(minutes=1), previous_changed_at=now - timedelta(hours=1))
    response = client.get("/treatment/")
    assert response["Last-Modified"] == http_date(max(now - timedelta(minutes=1), _midnight()).timestamp())
    assert client.get("/treatment/", headers={"If-Modified-Since": response["Last-Modified"]}).status_code == 304


def test_a_copy_from_the_same_second_as_the_last_change_is_not_taken_for_the_new_one(client, seeded):
    # Two changes within one second: a copy dated that second may be the first one's.
    changed = timezone.now().replace(microsecond=900_000)
    ContentVersion.objects.update(changed_at=changed, previous_changed_at=changed.replace(microsecond=100_000))
    response = client.get("/treatment/")
    if changed > _midnight():
        assert client.get("/treatment/", headers={"If-Modified-Since": response["Last-Modified"]}).status_code == 200
    assert client.get("/treatment/", headers={"If-None-Match": response["ETag"]}).status_code == 304


def _midnight():
    return timezone.make_aware(datetime.combine(timezone.localdate(), time()))


def test_a_missing_page_is_not_cached_or_given_an_etag(client, seeded):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "ETag" not in response


def test_only_public_pages_answer_304(client, seeded):
    later = "Fri, 01 Jan 2100 00:00:00 GMT"
    assert client.get("/treatment/", headers={"If-Modified-Since": later}).status_code == 304
    for url in ["/stories/share/", "/healthz", "/no-such-page/"]:
        assert client.get(url, headers={"If-Modified-Since": later}).status_code != 304, url
