"""
An author's private link is a secret (whoever has it can withdraw the story): it never reaches a
log line, and no page under it lets the browser send it on in a Referer.
"""

import io
import logging
import re

import pytest
from imagefiles import jpeg_bytes, upload

from lemtrada_site.redaction import RedactingFilter, redact

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_log():
    """What the site's own log handlers (settings.LOGGING) write, as text."""
    handlers = [
        handler
        for name in ["", "django.server"]
        for handler in logging.getLogger(name).handlers
        if any(isinstance(log_filter, RedactingFilter) for log_filter in handler.filters)
    ]
    assert handlers, "the site's log handlers carry the redacting filter"
    written = io.StringIO()
    streams = [handler.setStream(written) for handler in handlers]
    yield written
    for handler, stream in zip(handlers, streams, strict=True):
        handler.setStream(stream)


def test_a_whole_author_journey_leaves_no_token_in_any_log_line_or_referer(
    client, seeded, story_form_data, mailoutbox, site_log, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/stories/share/", story_form_data())
    [receipt] = [mail for mail in mailoutbox if mail.to == ["jo@example.org"]]
    private = re.search(r"https://lemtrada.test(/stories/mine/[\w-]+/)", receipt.body).group(1)
    token = private.split("/")[3]

    responses = [
        client.get(private),  # the page
        client.get(private + "withdraw/"),  # the confirmation page
        client.put(private + "withdraw/"),  # 405, logged as "Method Not Allowed (PUT): ..."
        client.post(private + "withdraw/"),  # withdrawn
        client.get(private),  # 404 now, logged as "Not Found: ..."
        client.get(private + "withdraw/"),
    ]
    assert [response.status_code for response in responses] == [200, 200, 405, 302, 404, 404]
    for response in responses:
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]

    log = site_log.getvalue()
    assert "Not Found: /stories/mine/[private]/" in log  # the lines are there, less the secret
    assert "Method Not Allowed (PUT): /stories/mine/[private]/withdraw/" in log
    assert token not in log


def test_a_photo_chosen_before_sending_leaves_its_reference_in_no_log_line(client, seeded, story_form_data, site_log):
    preview = client.post(
        "/stories/share/", story_form_data(action="preview", photo=upload("me.jpg", jpeg_bytes()), photo_alt="Me")
    )
    address = re.search(r'src="(/stories/share/photo/[^"/]+/)"', preview.content.decode()).group(1)
    reference = address.split("/")[4]

    assert client.get(address).status_code == 200
    assert client.get(address.replace(reference, reference[:-4] + "abcd")).status_code == 404  # "Not Found: ..."

    log = site_log.getvalue()
    assert "Not Found: /stories/share/photo/[private]/" in log
    assert reference[:40] not in log
    assert redact(f'"GET {address} HTTP/1.1" 200') == '"GET /stories/share/photo/[private]/ HTTP/1.1" 200'


def test_the_redaction_covers_private_links_and_planner_dates_in_any_text():
    line = (
        '127.0.0.1 "GET /stories/mine/abc-DEF_123/withdraw/ HTTP/1.1" 405 '
        '"https://lemtrada.test/planner/plan/?day=31&month=1&year=2027" "/stories/mine/xyz"'
    )
    assert redact(line) == (
        '127.0.0.1 "GET /stories/mine/[private]/withdraw/ HTTP/1.1" 405 '
        '"https://lemtrada.test/planner/plan/?[private]" "/stories/mine/[private]"'
    )
