"""The Atom feed of approved stories: whatever was stored, it answers, and its links are the site's own."""

import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
from django.utils import timezone

from stories.models import Story

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize("code", [code for code in range(32) if chr(code) not in "\t\n\r"])
def test_the_feed_answers_even_with_a_control_character_already_stored(client, make_story, code):
    from django.db import connection

    if code == 0 and connection.vendor == "postgresql":
        pytest.skip("PostgreSQL can't store NUL at all")
    character = chr(code)
    make_story(
        status="approved",
        title=f"Title{character}here",
        display_name=f"Jo{character}",
        body=f"Body{character}text",
    )
    response = client.get("/stories/feed/")
    assert response.status_code == 200
    entry = ElementTree.fromstring(response.content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Titlehere"


def test_feed_links_come_from_site_url_never_from_the_host_header(client, make_story, settings):
    story = make_story(status="approved")
    response = client.get("/stories/feed/", HTTP_HOST="127.0.0.1")
    feed = ElementTree.fromstring(response.content)
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert f"https://lemtrada.test{story.get_absolute_url()}" in links
    assert all(link.startswith("https://lemtrada.test/") for link in links), links
    assert "127.0.0.1" not in response.content.decode()


def test_the_feed_carries_no_image_from_another_site(client, make_story):
    make_story(status="approved", body="Look ![pixel](https://tracker.example/p.gif)")
    assert "tracker.example" not in client.get("/stories/feed/").content.decode()


@pytest.mark.parametrize("src", ["/\\tracker.example/p.gif", "/\t/tracker.example/p.gif", "/&#10;/tracker.example/p"])
def test_the_feed_carries_no_image_from_another_site_written_as_a_path(client, make_story, src):
    """Feed readers resolve addresses as browsers do, and no Content-Security-Policy protects them there."""
    make_story(status="approved", body=f'Look <img src="{src}" alt="pixel">')
    assert "tracker.example" not in client.get("/stories/feed/").content.decode()


def test_a_moderators_edit_moves_the_feeds_updated_date(moderator_client, make_story):
    long_ago = timezone.now() - timedelta(days=30)
    story = make_story(status="approved", published_at=long_ago)
    Story.objects.filter(pk=story.pk).update(updated_at=long_ago)
    data = {"title": "A corrected title", "display_name": story.display_name, "body": story.body, "photo_alt": ""}
    moderator_client.post(f"/admin/stories/story/{story.pk}/change/", {**data, "treatment_year": ""})
    entry = ElementTree.fromstring(moderator_client.get("/stories/feed/").content).find(f"{ATOM}entry")
    updated = entry.find(f"{ATOM}updated").text
    assert updated.startswith(str(timezone.now().date())), updated
