"""Development mail in the terminal is readable: decoded text, and every link whole so it can be copied."""

import re

import pytest

from lemtrada_site.settings import mailer_from_url

pytestmark = pytest.mark.django_db


def test_the_receipt_printed_in_the_terminal_has_a_whole_working_private_link(
    client, seeded, story_form_data, settings, capsys, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": mailer_from_url("consolemail://")}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/stories/share/", story_form_data())
    printed = capsys.readouterr().out
    assert "Subject: We have your story – thank you" in printed  # decoded, not =E2=80=93
    assert "=\n" not in printed and "=E2" not in printed
    link = re.search(r"^https://lemtrada.test(/stories/mine/[\w-]+/)$", printed, re.M).group(1)
    assert client.get(link).status_code == 200
