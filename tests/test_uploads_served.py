"""Uploads reach readers through the site: a story photo only while its story is approved."""

import pytest
from django.core.files.base import ContentFile
from imagefiles import jpeg_bytes, random_name

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_with_photo(make_story):
    def make(**overrides):
        story = make_story(photo_alt="Me in the garden", **overrides)
        story.photo.save(random_name(), ContentFile(jpeg_bytes()))
        return story

    return make


def test_an_approved_storys_photo_is_served_only_when_the_setting_says_so(client, story_with_photo, settings):
    story = story_with_photo(status=Story.Status.APPROVED)

    settings.SERVE_MEDIA = False
    assert client.get(story.photo.url).status_code == 404

    settings.SERVE_MEDIA = True
    response = client.get(story.photo.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content) == story.photo.open("rb").read()
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-cache"
    assert client.get("/media/../settings.py").status_code in {400, 404}  # no way out of the uploads


@pytest.mark.parametrize("status", [Story.Status.PENDING, Story.Status.REJECTED])
def test_an_unpublished_storys_photo_is_not_served_even_to_someone_who_knows_its_name(
    client, story_with_photo, settings, status
):
    settings.SERVE_MEDIA = True
    story = story_with_photo(status=status)
    assert client.get(f"/media/{story.photo.name}").status_code == 404


def test_a_withdrawn_storys_photo_is_gone(client, story_with_photo, settings, django_capture_on_commit_callbacks):
    settings.SERVE_MEDIA = True
    story = story_with_photo(status=Story.Status.APPROVED)
    url = story.photo.url
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        story.withdraw()
    assert client.get(url).status_code == 404


def test_a_moderator_sees_a_pending_storys_photo_on_the_desk(moderator_client, story_with_photo, settings):
    settings.SERVE_MEDIA = True
    story = story_with_photo()
    page = moderator_client.get(f"/admin/stories/story/{story.pk}/change/").content.decode()
    assert f'src="/media/{story.photo.name}"' in page
    assert moderator_client.get(story.photo.url).status_code == 200


def test_a_photo_seen_before_is_answered_with_not_modified(client, story_with_photo, settings):
    settings.SERVE_MEDIA = True
    story = story_with_photo(status=Story.Status.APPROVED)
    first = client.get(story.photo.url)
    again = client.get(story.photo.url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_an_editors_image_is_served_and_nothing_outside_the_known_folders(client, settings):
    from django.core.files.storage import default_storage

    settings.SERVE_MEDIA = True
    name = default_storage.save(f"editor/{random_name()}", ContentFile(jpeg_bytes()))
    assert client.get(f"/media/{name}").status_code == 200
    other = default_storage.save(f"elsewhere/{random_name()}", ContentFile(jpeg_bytes()))
    assert client.get(f"/media/{other}").status_code == 404
    unsent = default_storage.save(f"stories/unsent/{random_name()}", ContentFile(jpeg_bytes()))
    assert client.get(f"/media/{unsent}").status_code == 404  # only through the form's signed reference


@pytest.mark.parametrize("status", [Story.Status.PENDING, Story.Status.REJECTED])
@pytest.mark.parametrize(
    "disguise",
    [
        "editor/..%5C{name}",  # the storage reads \ as / and resolves the ..
        "editor/..%5Cstories%5C{file}",
        "editor%5C..%5C{name}",
        "editor/%2E%2E/{name}",
        "editor/./../{name}",
        "{name}/",
        "{name}%00.jpg",
        "./{name}",
        "stories//{file}",
        "STORIES/{file}",
        "{name}%0A",
    ],
)
def test_an_unpublished_storys_photo_cant_be_reached_by_any_other_spelling_of_its_name(
    client, story_with_photo, settings, status, disguise
):
    """Only the exact names the site gives out are looked at, before the database or the storage sees the request."""
    settings.SERVE_MEDIA = True
    story = story_with_photo(status=status)
    path = disguise.format(name=story.photo.name, file=story.photo.name.removeprefix("stories/"))
    assert client.get(f"/media/{path}").status_code == 404


def test_names_the_site_never_gives_out_are_refused_without_asking_the_storage_or_the_stories(
    client, settings, monkeypatch
):
    from django.core.files.storage import Storage
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.SERVE_MEDIA = True
    looked_at = []
    monkeypatch.setattr(Storage, "open", lambda storage, name, *args: looked_at.append(name))
    with CaptureQueriesContext(connection) as queries:
        for path in ["editor/diagram.jpg", f"editor/{random_name('gif')}", "editor/..%5Csettings.py", "stories/x.jpg"]:
            assert client.get(f"/media/{path}").status_code == 404
    assert looked_at == []
    assert not [query for query in queries if "stories_story" in query["sql"]]
