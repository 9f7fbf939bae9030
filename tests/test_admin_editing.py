import re

import pytest
from django.contrib.auth.models import Group

from pages.models import RESERVED_SLUGS, SideEffect

pytestmark = pytest.mark.django_db


def page_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": page.body,
        "position": page.position,
        "status": page.status,
        "sources": page.sources,
    }
    return {**data, **changes}


@pytest.mark.parametrize("slug", sorted(RESERVED_SLUGS))
def test_the_admin_refuses_a_slug_the_site_uses_and_says_why(editor_client, make_page, slug):
    page = make_page()
    response = editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, slug=slug))
    assert response.status_code == 200
    assert "is already used by the site itself" in response.content.decode()
    page.refresh_from_db()
    assert page.slug == "a-test-page"


def test_the_editor_form_has_the_markdown_live_preview(editor_client, make_page):
    page = make_page()
    html = editor_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert "markdownx-editor" in html
    assert "markdownx-preview" in html
    assert 'data-markdownx-urls-path="/markdownx/markdownify/"' in html


def test_history_lists_changes_and_an_editor_can_revert_one(editor_client, make_page):
    page = make_page(body="The first version.")
    editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, body="A mistaken edit."))
    page.refresh_from_db()
    assert page.body == "A mistaken edit."

    history = editor_client.get(f"/admin/pages/page/{page.pk}/history/")
    assert history.status_code == 200
    assert page.history.count() == 2
    first_version = page.history.earliest()
    assert f"/admin/pages/page/{page.pk}/history/{first_version.history_id}/" in history.content.decode()

    version = editor_client.get(f"/admin/pages/page/{page.pk}/history/{first_version.history_id}/")
    assert "<del>The first version</del><ins>A mistaken edit</ins>." in version.content.decode()
    response = editor_client.post(f"/admin/pages/page/{page.pk}/history/{first_version.history_id}/revert/")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "The first version."
    assert page.history.count() == 3


def test_the_editors_group_has_exactly_its_permissions():
    editors = Group.objects.get(name="Editors")
    assert set(editors.permissions.values_list("content_type__app_label", "codename")) == {
        *[
            ("pages", f"{action}_{model}")
            for model in ["page", "sideeffect"]
            for action in ["add", "change", "delete", "view"]
        ],
        # They read the review history and work through readers' messages; only a reviewer signs off.
        *[("pages", "view_review"), ("pages", "view_feedback"), ("pages", "change_feedback")],
    }


def test_an_editor_cannot_manage_people(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403


def test_the_overdue_filter_shows_only_content_past_its_review_date(editor_client, make_page):
    make_page(title="Stale page", slug="stale", next_review_due="2020-01-01", last_reviewed="2019-01-01")
    make_page(title="Fresh page", slug="fresh", next_review_due="2099-01-01")
    html = editor_client.get("/admin/pages/page/?review=overdue").content.decode()
    assert "Stale page" in html
    assert "Fresh page" not in html


def test_an_urgent_side_effect_needs_its_signs(editor_client):
    response = editor_client.post(
        "/admin/pages/sideeffect/add/",
        {
            "name": "Something urgent",
            "slug": "something-urgent",
            "band": "common",
            "position": 1,
            "summary": "s",
            "description": "d",
            "what_to_do": "w",
            "urgent": "on",
            "urgent_signs": "",
            "status": "published",
        },
    )
    assert response.status_code == 200
    assert "An urgent side effect needs the signs" in response.content.decode()
    assert not SideEffect.objects.filter(slug="something-urgent").exists()


def test_markdown_longer_than_any_page_needs_is_refused_with_a_clear_message(editor_client, make_page):
    from pages.markdown import MAX_MARKDOWN_LENGTH

    page = make_page()
    response = editor_client.post(
        f"/admin/pages/page/{page.pk}/change/", page_form(page, body="[" * (MAX_MARKDOWN_LENGTH + 1))
    )
    assert response.status_code == 200
    assert f"at most {MAX_MARKDOWN_LENGTH:,}".replace(",", "") in response.content.decode().replace(",", "")
    page.refresh_from_db()
    assert page.body == "Some *text*."


def test_the_summary_is_a_box_that_shows_it_all_and_stays_one_line(editor_client, make_page):
    page = make_page()
    html = editor_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    assert re.search(r'<textarea name="summary"[^>]*maxlength="200"', html)
    editor_client.post(f"/admin/pages/page/{page.pk}/change/", page_form(page, summary="Two lines\r\n  in the box."))
    page.refresh_from_db()
    assert page.summary == "Two lines in the box."
