"""`load_seed_content --update-unedited` updates unedited rows to the files' text and names the rows it left alone."""

from io import StringIO

import pytest
from django.core.management import call_command

from pages import seed
from pages.models import Page, SideEffect

pytestmark = pytest.mark.django_db


@pytest.fixture
def newer_content(seeded, tmp_path, monkeypatch):
    """A copy of the content files in which the treatment page and the ITP entry have new text."""
    for folder in ["pages", "side-effects"]:
        (tmp_path / folder).mkdir()
        for path in (seed.CONTENT_DIR / folder).glob("*.md"):
            (tmp_path / folder / path.name).write_text(path.read_text())
    for name, old, new in [
        ("pages/treatment.md", "takes about 4 hours.", "takes about 4 hours (newer text)."),
        ("pages/monitoring.md", "Regular tests find them early", "Regular tests (newer text) find them early"),
        ("side-effects/itp.md", "bruising easily", "bruising easily (newer text)"),
    ]:
        path = tmp_path / name
        path.write_text(path.read_text().replace(old, new, 1))
    monkeypatch.setattr(seed, "CONTENT_DIR", tmp_path)


def run(*args):
    out = StringIO()
    call_command("load_seed_content", *args, stdout=out)
    return out.getvalue()


def test_a_plain_run_leaves_even_unedited_rows_alone(newer_content):
    run()
    assert "newer text" not in Page.objects.get(slug="treatment").body


def test_unedited_rows_get_the_new_text(newer_content, client):
    output = run("--update-unedited")

    assert "Each infusion takes about 4 hours (newer text)." in client.get("/treatment/").content.decode()
    assert "bruising easily (newer text)" in SideEffect.objects.get(slug="itp").urgent_signs
    assert "Updated 3 unedited" in output


def test_an_edited_row_is_left_alone_and_named(newer_content):
    treatment = Page.objects.get(slug="treatment")
    treatment.body += "\nAsk the ward about parking."
    treatment.save()

    output = run("--update-unedited")

    treatment.refresh_from_db()
    assert "Ask the ward about parking." in treatment.body
    assert "newer text" not in treatment.body
    assert "Left alone 1 changed by an editor since they were loaded: How Lemtrada is given." in output
    assert "Regular tests (newer text)" in Page.objects.get(slug="monitoring").body


def test_a_row_is_unedited_again_after_an_update_so_later_releases_reach_it(newer_content):
    run("--update-unedited")
    assert "nothing changed" in run("--update-unedited")


def test_a_save_from_the_admin_with_unchanged_text_still_counts_as_unedited(newer_content, editor_client):
    itp = SideEffect.objects.get(slug="itp")
    response = editor_client.get(f"/admin/pages/sideeffect/{itp.pk}/change/")
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: ("" if value is None else value) for key, value in data.items()}
    for field in ["description", "what_to_do", "urgent_signs", "sources"]:
        data[field] = data[field].replace("\n", "\r\n")  # what a browser sends
    data = {key: value for key, value in data.items() if value is not False}

    response = editor_client.post(f"/admin/pages/sideeffect/{itp.pk}/change/", data)
    assert response.status_code == 302

    run("--update-unedited")
    assert "bruising easily (newer text)" in SideEffect.objects.get(slug="itp").urgent_signs


def test_a_row_that_was_not_loaded_from_the_files_is_never_touched(newer_content):
    Page.objects.filter(slug="treatment").update(seed_fingerprint="")
    output = run("--update-unedited")
    assert "newer text" not in Page.objects.get(slug="treatment").body
    assert "How Lemtrada is given" in output
