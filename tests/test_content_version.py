"""
The content version moves with every change a public page shows, however it is written (save,
delete, QuerySet.update, bulk_create, bulk_update, admin actions, migrate), and with nothing else: a
story sent through the form or a draft saved leaves every public page, its ETag and its date alone.
"""

from email.utils import parsedate_to_datetime

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from lemtrada_site.page_cache import content_version
from pages.models import Page, SideEffect
from stories.models import Story

pytestmark = pytest.mark.django_db

PUBLIC = ["/", "/treatment/", "/side-effects/", "/side-effects/itp/", "/stories/", "/stories/feed/"]


def _approved(number, **fields):
    now = timezone.now()
    return Story(
        display_name="Jo", title=f"Bulk story {number}", slug=f"bulk-story-{number}", body="In my words.",
        body_html="<p>In my words.</p>", excerpt="In my words.", status=Story.Status.APPROVED,
        consent_version="2026-11", consented_at=now, published_at=now, **fields,
    )  # fmt: skip


def test_a_story_sent_through_the_form_leaves_every_public_page_as_it_was(
    seeded, story_form_data, django_assert_num_queries
):
    reader = Client()
    before = {url: reader.get(url) for url in PUBLIC}
    assert Client().post("/stories/share/", story_form_data()).status_code == 302
    assert Story.objects.get().status == Story.Status.PENDING
    for url, response in before.items():
        with django_assert_num_queries(1):  # still served from the cache
            again = reader.get(url)
        assert (again["ETag"], again["Last-Modified"]) == (response["ETag"], response["Last-Modified"]), url


def test_saving_a_draft_or_editing_a_story_nobody_can_read_moves_nothing(seeded, make_page, make_story):
    draft = make_page(slug="coming-soon", status=Page.Status.DRAFT)
    pending, rejected = make_story(), make_story(status=Story.Status.REJECTED)
    before = content_version().token
    draft.body = "Still writing."
    draft.save()
    pending.title, rejected.title = "A better title", "Another title"
    pending.save()
    rejected.save()
    Story.objects.filter(pk=pending.pk).update(body="Edited in the shell.")
    draft.delete()
    assert content_version().token == before


def test_after_an_editor_deletes_a_page_no_copy_from_before_is_taken_as_current(seeded, editor_client):
    reader = Client()
    page = Page.objects.get(slug="monitoring")
    page.navigation_label = "Your blood test calendar"
    page.save()  # the newest change of all
    before = reader.get("/")
    assert "Your blood test calendar" in before.content.decode()
    response = editor_client.post(f"/admin/pages/page/{page.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Page.objects.filter(slug="monitoring").exists()

    after = reader.get("/", headers={"If-Modified-Since": before["Last-Modified"]})
    assert after.status_code == 200 and "Your blood test calendar" not in after.content.decode()
    assert parsedate_to_datetime(after["Last-Modified"]) >= parsedate_to_datetime(before["Last-Modified"])


def test_last_modified_never_goes_backwards(seeded, make_story, moderator):
    reader = Client()
    dates = [parsedate_to_datetime(reader.get("/stories/")["Last-Modified"])]
    story = make_story(status=Story.Status.APPROVED)
    dates.append(parsedate_to_datetime(reader.get("/stories/")["Last-Modified"]))
    story.reject(moderator, reason="It names a nurse.")
    dates.append(parsedate_to_datetime(reader.get("/stories/")["Last-Modified"]))
    Story.objects.filter(pk=story.pk).delete()
    SideEffect.objects.filter(slug="itp").delete()
    dates.append(parsedate_to_datetime(reader.get("/stories/")["Last-Modified"]))
    assert dates == sorted(dates)


def test_stories_added_with_bulk_create_show_on_the_next_request(client, seeded):
    client.get("/stories/"), client.get("/")
    Story.objects.bulk_create([_approved(number) for number in range(3)])
    assert "Bulk story 2" in client.get("/stories/").content.decode()
    assert "Bulk story 2" in client.get("/").content.decode()


def test_html_written_with_bulk_update_shows_on_the_next_request(client, seeded):
    story = Story.objects.bulk_create([_approved(1)])[0]
    assert "In my words." in client.get("/stories/bulk-story-1/").content.decode()
    story.body_html = "<p>Rendered again.</p>"
    Story.objects.bulk_update([story], ["body_html"])
    assert "Rendered again." in client.get("/stories/bulk-story-1/").content.decode()


def test_a_queryset_update_shows_on_the_next_request(client, seeded):
    assert "Having the infusions" not in client.get("/treatment/").content.decode()
    Page.objects.filter(slug="treatment").update(title="Having the infusions")
    assert "Having the infusions" in client.get("/treatment/").content.decode()


def test_stories_deleted_in_bulk_are_gone_on_the_next_request(client, seeded):
    Story.objects.bulk_create([_approved(number) for number in range(3)])
    assert client.get("/stories/bulk-story-1/").status_code == 200
    assert "Bulk story 1" in client.get("/stories/feed/").content.decode()
    Story.objects.filter(title__startswith="Bulk story").delete()
    assert client.get("/stories/bulk-story-1/").status_code == 404
    assert "Bulk story 1" not in client.get("/stories/feed/").content.decode()


def test_a_side_effect_added_to_an_approved_story_shows_on_its_page(client, seeded, make_story):
    story = make_story(title="Spring infusions", status=Story.Status.APPROVED)
    assert "Spring infusions" not in client.get("/side-effects/itp/").content.decode()
    story.side_effects.add(SideEffect.objects.get(slug="itp"))
    assert "Spring infusions" in client.get("/side-effects/itp/").content.decode()


def test_side_effects_deleted_with_the_admins_bulk_action_leave_the_list_at_once(client, seeded, editor_client):
    assert "Kidney problems" in client.get("/side-effects/").content.decode()
    chosen = SideEffect.objects.filter(slug__in=["kidney-problems", "stroke"]).values_list("pk", flat=True)
    response = editor_client.post(
        "/admin/pages/sideeffect/",
        {"action": "delete_selected", "_selected_action": [str(pk) for pk in chosen], "post": "yes"},
    )
    assert response.status_code == 302 and not SideEffect.objects.filter(slug="kidney-problems").exists()
    assert "Kidney problems" not in client.get("/side-effects/").content.decode()


def test_migrate_moves_the_version_and_keeps_it_moving(client, seeded):
    before = content_version().token
    call_command("migrate", verbosity=0)
    assert content_version().token != before
    Page.objects.filter(slug="treatment").update(title="Having the infusions")  # the triggers are still there
    assert "Having the infusions" in client.get("/treatment/").content.decode()


def test_loading_the_seed_content_again_changes_nothing_and_moves_nothing(seeded):
    before = content_version().token
    call_command("load_seed_content", stdout=open("/dev/null", "w"))
    assert content_version().token == before


def test_loading_the_seed_content_shows_on_the_next_request(client, db):
    empty = client.get("/side-effects/")
    assert empty.status_code == 200 and "Kidney problems" not in empty.content.decode()
    call_command("load_seed_content", stdout=open("/dev/null", "w"))
    assert "Kidney problems" in client.get("/side-effects/").content.decode()
