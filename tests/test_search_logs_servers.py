"""
Through nginx as shipped and gunicorn (gunicorn.conf.py), DEBUG off: a search's words appear in no
log line, whether the address has its trailing slash or not (Django's redirect to it is logged too).
"""

import shutil
import urllib.error
import urllib.request

import pytest

from scripts.servers import site_behind_nginx

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]

WORDS = "scaredofitp"


def status(url, referer):
    request = urllib.request.Request(url, headers={"Referer": referer})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_search_words_reach_no_log_with_or_without_the_trailing_slash(tmp_path):
    with site_behind_nginx(tmp_path, workers=2) as (_, _, base):
        for address in ["/search?q=", "/search/?q=", "/search?page=2&q=", "/Search?q="]:
            address += WORDS
            assert status(base + address, referer=f"{base}/search?q={WORDS}") in {200, 404}
    for log_file in ["lemtrada.access.log", "nginx-error.log", "nginx-default-access.log", "gunicorn.log"]:
        text = (tmp_path / log_file).read_text() if (tmp_path / log_file).exists() else ""
        assert WORDS not in text, f"the search words are in {log_file}"
    access_log = (tmp_path / "lemtrada.access.log").read_text()
    assert access_log.count("GET /search?[private]") >= 2  # the line is there, redacted
    assert "/search/?[private]" in (tmp_path / "gunicorn.log").read_text()
