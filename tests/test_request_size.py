"""The site-wide request-size limit holds on the body actually read, whether it declared its length or not."""

import asyncio

import pytest
from asgiref.sync import async_to_sync
from django.core.handlers.asgi import ASGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from stories.models import Story

pytestmark = pytest.mark.django_db


def asgi_post(path, body, *, headers, chunk=1000):
    """POST through Django's ASGI handler, the body sent in chunks; returns (status, body)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    chunks = [body[start : start + chunk] for start in range(0, len(body), chunk)] or [b""]
    messages = [{"type": "http.request", "body": part, "more_body": True} for part in chunks]
    messages[-1]["more_body"] = False
    sent = []

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # the client stays connected until the response is sent

    async def send(message):
        sent.append(message)

    # As Django's test client does: the handler must not close the test's database connection.
    signals = [(request_started, close_old_connections), (request_finished, close_old_connections)]
    for signal, receiver in signals:
        signal.disconnect(receiver)
    try:
        async_to_sync(ASGIHandler())(scope, receive, send)
    finally:
        for signal, receiver in signals:
            signal.connect(receiver)
    start = next(message for message in sent if message["type"] == "http.response.start")
    return start["status"], b"".join(message.get("body", b"") for message in sent[1:])


def test_a_chunked_body_over_the_limit_is_refused_as_too_large(seeded, settings):
    settings.REQUEST_MAX_BYTES = 1000
    body = b"display_name=Jo&body=" + b"x" * 5000
    status, page = asgi_post(
        "/stories/share/",
        body,
        headers=[
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"transfer-encoding", b"chunked"),
            (b"cookie", b"csrftoken=" + b"a" * 32),  # so the CSRF check reads the body to find its token
        ],
    )
    assert status == 413
    assert b"too large to send" in page
    assert Story.objects.count() == 0
