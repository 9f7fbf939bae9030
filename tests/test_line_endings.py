"""Text is stored with LF line ends, so a browser's save of unchanged text (sent with CR LF) changes nothing."""

import pytest
from django.contrib.admin.models import LogEntry

from pages.models import Page, SideEffect

pytestmark = pytest.mark.django_db


def test_saving_turns_cr_lf_into_lf_in_every_text_field(make_page, make_side_effect):
    page = make_page(summary="One\r\nline", body="First\r\n\r\n- a\r\n- b\r\n", sources="- one\r\n- two")
    side_effect = make_side_effect(description="A\r\nB", what_to_do="C\rD", urgent=True, urgent_signs="- x\r\n- y")

    page.refresh_from_db()
    side_effect.refresh_from_db()
    assert (page.summary, page.body, page.sources) == ("One\nline", "First\n\n- a\n- b\n", "- one\n- two")
    assert (side_effect.description, side_effect.what_to_do, side_effect.urgent_signs) == ("A\nB", "C\nD", "- x\n- y")


def change_form_data(client, url):
    """What a browser posts back for an unchanged change form: every text area with CR LF line ends."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value.replace("\n", "\r\n") if isinstance(value, str) else value
        if form.fields[name].show_hidden_initial:
            data[f"initial-{name}"] = data[name]
    return data


def test_saving_unchanged_text_from_the_admin_records_no_change(editor_client, seeded):
    page = Page.objects.get(slug="treatment")
    url = f"/admin/pages/page/{page.pk}/change/"
    data = change_form_data(editor_client, url)
    assert "\r\n" in data["sources"]

    response = editor_client.post(url, data)

    assert response.status_code == 302
    assert LogEntry.objects.get(object_id=str(page.pk)).get_change_message() == "No fields changed."
    page.refresh_from_db()
    assert "\r" not in page.body + page.sources
    newest, before = page.history.all()[:2]
    assert newest.diff_against(before).changed_fields == []


def test_a_real_change_is_still_recorded(editor_client, seeded):
    side_effect = SideEffect.objects.get(slug="itp")
    url = f"/admin/pages/sideeffect/{side_effect.pk}/change/"
    data = change_form_data(editor_client, url)
    data["what_to_do"] += "\r\nCall the haematology ward."

    editor_client.post(url, data)

    assert LogEntry.objects.get(object_id=str(side_effect.pk)).get_change_message() == "Changed What to do."
    side_effect.refresh_from_db()
    assert side_effect.what_to_do.endswith("\nCall the haematology ward.")
