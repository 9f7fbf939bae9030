"""The whole life of a story, over HTTP, as its author, the public and a moderator see it."""

import re

import pytest
from imagefiles import jpeg_bytes, stored_files, upload

from pages.models import SideEffect
from stories.models import Story

pytestmark = pytest.mark.django_db


def public_pages(story, side_effect):
    return {
        "list": "/stories/",
        "detail": f"/stories/{story.slug}/",
        "feed": "/stories/feed/",
        "side effect": side_effect.get_absolute_url(),
        "home": "/",
    }


def test_submit_moderate_publish_and_withdraw(
    client, seeded, moderator, story_form_data, mailoutbox, settings, django_capture_on_commit_callbacks
):
    infections = SideEffect.objects.get(slug="infections")

    # The author sends a story with a photo.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/stories/share/",
            story_form_data(
                title="Five days in spring",
                photo=upload("me.jpg", jpeg_bytes()),
                photo_alt="Me in the day unit",
                side_effects=[infections.pk],
            ),
        )
    assert response.status_code == 302
    assert response["Location"] == "/stories/share/thanks/"
    assert "What happens next" in client.get(response["Location"]).content.decode()

    story = Story.objects.get()
    assert story.status == Story.Status.PENDING
    [photo] = stored_files(settings)
    assert str(photo) == story.photo.name

    # Nobody else can read it yet.
    for name, url in public_pages(story, infections).items():
        page = client.get(url)
        assert "Five days in spring" not in page.content.decode(), name
    assert client.get(f"/stories/{story.slug}/").status_code == 404

    # The receipt carries a private link that works.
    receipt = next(mail for mail in mailoutbox if mail.to == ["jo@example.org"])
    private_url = re.search(r"https://lemtrada.test(/stories/mine/\S+/)", receipt.body).group(1)
    assert "Waiting for review" in client.get(private_url).content.decode()

    # A moderator approves it with the admin action.
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/stories/story/", {"action": "approve_selected", "_selected_action": [story.pk]}, follow=True
        )
    assert f"“{story.title}” has been published." in response.content.decode()
    client.logout()

    # Now everyone can read it, everywhere it belongs.
    story.refresh_from_db()
    assert story.status == Story.Status.APPROVED
    for name, url in public_pages(story, infections).items():
        page = client.get(url)
        assert page.status_code == 200, name
        assert "Five days in spring" in page.content.decode(), name
    assert f'src="/media/{story.photo.name}"' in client.get(f"/stories/{story.slug}/").content.decode()

    # The author withdraws it by the private link.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{private_url}withdraw/")
    assert response.status_code == 302
    assert "has been withdrawn" in client.get(response["Location"]).content.decode()

    for name, url in public_pages(story, infections).items():
        assert "Five days in spring" not in client.get(url).content.decode(), name
    assert client.get(f"/stories/{story.slug}/").status_code == 404
    assert stored_files(settings) == []

    story.refresh_from_db()
    assert story.status == Story.Status.WITHDRAWN
    assert story.email == "" and story.display_name == "" and story.body == ""
    assert story.withdrawn_at is not None and story.submitted_at is not None
    assert not story.history.filter(email="jo@example.org").exists()
    assert client.get(private_url).status_code == 404
