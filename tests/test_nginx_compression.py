"""
The shipped nginx configuration (deploy/nginx.conf) in front of the app: the pages, the feed, the
sitemap and a plan's calendar file are compressed for browsers that ask (and say so in Vary, for caches
between); nginx names no version of itself.
"""

import gzip
import shutil
import urllib.error
import urllib.request

import pytest

from scripts.servers import site_behind_nginx
from tests.plan_dates import calendar_url

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]

ADDRESSES = {
    "/": "text/html",
    "/stories/feed/": "application/atom+xml",
    "/sitemap.xml": "application/xml",
    calendar_url((3, 3, 2026)): "text/calendar",
}


STORY = """
from django.utils import timezone
from stories.models import Story
Story.objects.create(display_name="Jo", title="Spring infusions", body="The nurses were kind. " * 20,
    status="approved", consent_version="2026-11", consented_at=timezone.now(), published_at=timezone.now())
"""


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    with site_behind_nginx(tmp_path_factory.mktemp("compression"), workers=1, setup=STORY) as (_, _, nginx):
        yield nginx


def fetch(url, **headers):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.mark.parametrize("address", list(ADDRESSES))
def test_pages_feed_sitemap_and_calendar_files_are_compressed_for_browsers_that_ask(proxy, address):
    status, headers, body = fetch(proxy + address, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Type"].startswith(ADDRESSES[address])
    assert headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in headers["Vary"]
    plain = fetch(proxy + address)
    assert "Content-Encoding" not in plain[1] and gzip.decompress(body)[:40] == plain[2][:40]


def test_nginx_does_not_say_which_version_it_is(proxy):
    for address in ["/", "/no-such-page/"]:
        assert fetch(proxy + address)[1]["Server"] == "nginx"
