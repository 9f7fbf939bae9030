"""The search index follows every change at once: only what the public may read is ever found."""

import pytest
from search_content import result_urls, searchable  # noqa: F401

from pages.models import Page
from stories.models import Story

pytestmark = pytest.mark.django_db


def found(client, query):
    return result_urls(client.get("/search/", {"q": query}))


def test_a_draft_page_is_never_found(client, make_page):
    make_page(slug="draft", title="Plasmapheresis plans", status=Page.Status.DRAFT)

    assert found(client, "plasmapheresis") == []


def test_a_published_edit_is_found_on_the_next_request(client, searchable):  # noqa: F811
    treatment = searchable["treatment"]
    assert found(client, "cetirizine") == []

    treatment.body += "\n\nYou may be given cetirizine before each drip."
    treatment.save()

    assert found(client, "cetirizine") == ["/treatment/"]


def test_a_page_taken_back_to_draft_leaves_the_results(client, searchable):  # noqa: F811
    monitoring = searchable["monitoring"]
    monitoring.status = Page.Status.DRAFT
    monitoring.save()

    assert "/monitoring/" not in found(client, "thrombocytopenia")


def test_a_deleted_side_effect_leaves_the_results(client, searchable):  # noqa: F811
    searchable["itp"].delete()

    assert "/side-effects/itp/" not in found(client, "thrombocytopenia")


def test_only_an_approved_story_is_found(client, make_story, moderator):
    pending = make_story(title="Pending", body="Waiting with my kaleidoscope.")
    rejected = make_story(title="Rejected", body="My kaleidoscope story.")
    rejected.reject(moderator, "Names another patient.")
    approved = make_story(title="Approved", body="The ward had a kaleidoscope.")

    assert found(client, "kaleidoscope") == []

    approved.approve(moderator)

    assert found(client, "kaleidoscope") == [approved.get_absolute_url()]
    assert pending.get_absolute_url() not in found(client, "kaleidoscope")


def test_a_rejected_story_leaves_the_results(client, make_story, moderator):
    story = make_story(title="Second thoughts", body="I saw a kingfisher from the ward.")
    story.approve(moderator)
    assert found(client, "kingfisher") == [story.get_absolute_url()]

    story.reject(moderator, "Please leave out the hospital's name.")

    assert found(client, "kingfisher") == []


def test_a_withdrawn_story_leaves_the_results_and_its_words_are_not_suggested(client, make_story, moderator):
    story = make_story(title="Kingfisher days", body="I saw a kingfisher from the ward.")
    story.approve(moderator)

    Story.objects.get(pk=story.pk).withdraw()

    response = client.get("/search/", {"q": "kingfishers"})
    assert result_urls(response) == []
    assert "kingfisher" not in response.content.decode().lower().replace("kingfishers", "")


def test_the_rebuild_command_indexes_existing_content(client, searchable, capsys):  # noqa: F811
    from django.core.management import call_command

    from search.models import SearchEntry

    SearchEntry.objects.all().delete()
    assert found(client, "lymphopenia") == []

    call_command("rebuild_search_index")

    assert found(client, "lymphopenia")[0] == "/side-effects/lymphopenia/"
    assert "8 pages, side effects and stories" in capsys.readouterr().out, "six, and the two lists"


def test_deleting_a_page_deletes_its_words_and_the_admin_does_not_list_them(client, django_user_model, make_page):
    from search.models import SearchWord

    page = make_page(slug="hydrotherapy", title="Hydrotherapy", body="The hydrotherapy pool is warm.")
    assert SearchWord.objects.filter(word="hydrotherapy").exists()
    client.force_login(django_user_model.objects.create_superuser("root", password="not-a-real-password"))

    confirmation = client.get(f"/admin/pages/page/{page.pk}/delete/").content.decode()
    client.post(f"/admin/pages/page/{page.pk}/delete/", {"post": "yes"})

    assert "Search word" not in confirmation
    assert not SearchWord.objects.filter(word="hydrotherapy").exists()
    assert found(client, "hydrotherapy") == []
