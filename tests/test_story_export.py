"""
The site owner's export: CSV and JSON, from the admin (Moderators only) or the command; no
emails, no private links, no withdrawn stories.
"""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(make_story):
    published = make_story(title="Published one", status="approved", email="pub@example.org")
    token = published.issue_private_token()
    published.save()
    pending = make_story(title="Pending one", body='=HYPERLINK("https://evil.example")', email="pen@example.org")
    gone = make_story(title="Taken back")
    gone.withdraw()
    return published, pending, token


def test_the_admin_exports_csv_without_emails_or_withdrawn_stories(moderator_client, stories):
    response = moderator_client.get("/admin/stories/story/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["title"] for row in rows] == ["Published one", "Pending one"]
    assert "@example.org" not in text and "email" not in rows[0]
    assert stories[2] not in text  # no private link
    assert "Withdrawn" not in text and "Taken back" not in text
    assert rows[1]["body"].startswith("'=")  # a spreadsheet shows the words, never runs them


def test_the_admin_exports_json_the_same(moderator_client, stories):
    data = json.loads(moderator_client.get("/admin/stories/story/export.json").content)
    assert [story["title"] for story in data["stories"]] == ["Published one", "Pending one"]
    assert data["stories"][0]["public_url"].startswith("https://lemtrada.test/stories/")
    assert "@example.org" not in json.dumps(data)


def test_only_moderators_can_export(editor_client, stories):
    assert editor_client.get("/admin/stories/story/export.csv").status_code == 403
    assert Client().get("/admin/stories/story/export.json").status_code == 302  # to the sign-in page


def test_the_export_stories_command_writes_csv_and_json(stories, tmp_path):
    out = io.StringIO()
    call_command("export_stories", "--format", "json", stdout=out)
    titles = [story["title"] for story in json.loads(out.getvalue())["stories"]]
    assert titles == ["Published one", "Pending one"]
    call_command("export_stories", "--output", str(tmp_path / "stories.csv"))
    text = (tmp_path / "stories.csv").read_text()
    assert "Published one" in text and "Taken back" not in text and "@example.org" not in text


@pytest.mark.parametrize("already_there", [False, True])
def test_the_exported_file_is_readable_by_its_owner_only(stories, tmp_path, already_there):
    """It holds pending and rejected stories: nobody else on the machine may read it, whatever the umask."""
    import os
    import stat

    target = tmp_path / "stories.csv"
    if already_there:
        target.write_text("an older export")
        target.chmod(0o644)
    old_umask = os.umask(0o022)
    try:
        call_command("export_stories", "--output", str(target))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Pending one" in target.read_text() and "an older export" not in target.read_text()


def test_both_csv_exports_start_with_a_byte_order_mark_so_excel_reads_accents(moderator_client, make_story, tmp_path):
    make_story(title="Noël à l'hôpital", display_name="Zoë", status="approved")
    download = moderator_client.get("/admin/stories/story/export.csv").content
    assert download.startswith(b"\xef\xbb\xbf")
    call_command("export_stories", "--output", str(tmp_path / "stories.csv"))
    written = (tmp_path / "stories.csv").read_bytes()
    assert written.startswith(b"\xef\xbb\xbf")
    for data in [download, written]:
        [row] = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
        assert (row["title"], row["display_name"]) == ("Noël à l'hôpital", "Zoë")
    printed = io.StringIO()
    call_command("export_stories", stdout=printed)
    assert printed.getvalue().startswith("\ufeffid,")
    json_export = moderator_client.get("/admin/stories/story/export.json").content
    assert json_export.startswith(b"{")  # JSON has no byte order mark: its readers don't expect one
