"""
The shipped nginx micro-cache (deploy/nginx.conf) in front of a stand-in app that answers with the
page cache's own headers, and that we can make slow: nginx serves an expired copy only for the second
the app allows, never while the app takes its time over a withdrawn story; no reader waits on another
reader's request; and a page the app no longer serves leaves nginx's cache files.
"""

import http.server
import shutil
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from lemtrada_site.page_cache import PageCacheMiddleware, Version
from scripts.servers import free_port, start_nginx, stop

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]

STORY = "/stories/spring-infusions/"


class StandIn(http.server.ThreadingHTTPServer):
    """Answers like the app: a public page with the page cache's headers, or a 404; as slowly as told."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", free_port()), StandInHandler)
        self.pages = {STORY: "<h1>Spring infusions</h1>", "/healthz": "ok"}
        self.delay = 0.0
        self.requests = 0


class StandInHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        self.server.requests += 1
        time.sleep(self.server.delay)
        body = self.server.pages.get(self.path)
        data = (body or "<h1>Not found</h1>").encode()
        self.send_response(200 if body is not None else 404)
        # The page cache's own headers, in its order (nginx 1.22 reads stale-while-revalidate only from a
        # Cache-Control that comes before X-Accel-Expires).
        for name, value in app_headers(self.path, data, public=body is not None):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def app_headers(path, data, *, public):
    """The headers lemtrada_site/page_cache.py gives a public page (or a 404), as the app would send them."""
    response = HttpResponse(data, status=200 if public else 404)
    response["Content-Length"] = len(data)
    if public:
        now = timezone.now()
        PageCacheMiddleware(None)._public(
            RequestFactory().get(path), response, Version((1, now, now)), now.date(), "a"
        )
    else:
        response["X-Accel-Expires"] = f"@{int(time.time())}"
    return response.items()


@pytest.fixture
def proxy(tmp_path):
    app = StandIn()
    threading.Thread(target=app.serve_forever, daemon=True).start()
    nginx, port = start_nginx(workdir=tmp_path, app_port=app.server_address[1])
    try:
        yield app, f"http://127.0.0.1:{port}", tmp_path / "nginx-cache"
    finally:
        stop(nginx)
        app.shutdown()


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read().decode(), response.headers.get("X-Cache-Status")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get("X-Cache-Status")


def cached_files_mentioning(cache, words):
    return [path for path in cache.rglob("*") if path.is_file() and words.encode() in path.read_bytes()]


def test_a_withdrawn_story_is_not_served_from_an_old_copy_while_the_app_is_slow(proxy):
    app, base, _ = proxy
    assert "Spring infusions" in fetch(base + STORY)[1]
    assert "Spring infusions" in fetch(base + STORY)[1]  # and now in nginx's cache

    app.pages.pop(STORY)  # withdrawn; and the app is slow to say so
    app.delay = 3.0
    withdrawn_at = time.monotonic()

    def ask(_):
        sent = time.monotonic() - withdrawn_at
        status, body, _ = fetch(base + STORY)
        return sent, status, "Spring infusions" in body

    with ThreadPoolExecutor(max_workers=40) as pool:
        asked = []
        for number in range(40):  # a reader every 0.1 s for 4 s
            asked.append(pool.submit(ask, number))
            time.sleep(0.1)
        answers = [answer.result() for answer in asked]
    # The copy expired at the end of the second it was stored in; one more second of grace, no more.
    late = [(sent, status) for sent, status, shown in answers if shown and sent > 2.2]
    assert late == []
    assert any(status == 404 for _, status, _ in answers)


def test_a_reader_never_waits_for_another_readers_request_to_the_app(proxy):
    app, base, _ = proxy
    fetch(base + STORY)
    app.delay = 1.5  # the app is slow to refresh the page; it has not changed
    time.sleep(1.2 - time.time() % 1)  # the copy has expired (at the end of the second it was stored in)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        timings = list(pool.map(lambda _: (fetch(base + STORY), time.monotonic() - started)[1], range(10)))
    assert max(timings) < 1.0  # the expired copy, while one request refreshes it in the background


def test_a_page_the_app_no_longer_serves_leaves_nginxs_cache_files(proxy):
    app, base, cache = proxy
    for _ in range(3):
        fetch(base + STORY)
    assert cached_files_mentioning(cache, "Spring infusions")

    app.pages.pop(STORY)
    time.sleep(2.1)
    status, body, _ = fetch(base + STORY)
    assert status == 404
    deadline = time.monotonic() + 5
    while cached_files_mentioning(cache, "Spring infusions") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert cached_files_mentioning(cache, "Spring infusions") == []


def test_a_copy_nobody_asks_for_is_deleted_within_seconds(proxy):
    app, base, cache = proxy
    fetch(base + STORY)
    assert cached_files_mentioning(cache, "Spring infusions")
    app.pages.pop(STORY)  # withdrawn, and nobody asks for the page again
    deadline = time.monotonic() + 25
    while cached_files_mentioning(cache, "Spring infusions") and time.monotonic() < deadline:
        time.sleep(0.5)
    assert cached_files_mentioning(cache, "Spring infusions") == []
