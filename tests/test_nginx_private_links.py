"""
Through nginx configured as shipped (deploy/nginx.conf) in front of gunicorn (gunicorn.conf.py),
DEBUG off: an author's whole journey with their private link leaves the token in no log line,
even when a browser sends it on in a Referer.
"""

import shutil
import subprocess
import urllib.error
import urllib.request

import pytest

from scripts.servers import free_port, manage, site_behind_nginx

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]

MAKE_STORY = """
from stories.models import Story
from django.utils import timezone
story = Story.objects.create(display_name="Jo", email="jo@example.org", title="Mine", body="Words.",
                             consent_version="2026-11", consented_at=timezone.now())
token = story.issue_private_token()
story.save()
print(token)
"""


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def call(url, *, method="GET", headers=None, data=None):
    request = urllib.request.Request(url, method=method, headers=headers or {}, data=data)
    try:
        with urllib.request.build_opener(NoRedirects).open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


@pytest.fixture
def site(tmp_path):
    with site_behind_nginx(tmp_path, workers=2) as (env, _, base):
        token = manage(env, "shell", "-c", MAKE_STORY).strip().splitlines()[-1]
        yield base, token, tmp_path


def test_an_author_journey_through_nginx_leaves_the_token_in_no_log_line(site):
    base, token, logs = site
    private = f"{base}/stories/mine/{token}/"
    status, headers, page = call(private)
    assert status == 200 and headers["Referrer-Policy"] == "no-referrer" and "no-store" in headers["Cache-Control"]
    assert call(private + "withdraw/")[0] == 200  # the confirmation page

    # What an older browser, ignoring the page's referrer policy, would send: the page's own address.
    referer = {"Referer": private}
    assert call(f"{base}/static/css/site.css", headers=referer)[0] == 200
    assert call(f"{base}/favicon.ico", headers=referer)[0] in {200, 301, 302, 404}
    assert call(f"{base}/stories/", headers=referer)[0] == 200
    assert call(private + "withdraw/", method="OPTIONS")[0] == 405
    # The token in the address is the authority (no CSRF cookie): what a browser sends with Origin: null.
    withdrawn = call(private + "withdraw/", method="POST", data=b"", headers={"Origin": "null"})
    assert withdrawn[0] == 302
    status, headers, _ = call(private)
    assert status == 404 and headers["Referrer-Policy"] == "no-referrer"

    for log_file in ["lemtrada.access.log", "nginx-error.log", "nginx-default-access.log", "gunicorn.log"]:
        text = (logs / log_file).read_text() if (logs / log_file).exists() else ""
        assert token not in text, f"the private link's token is in {log_file}"
    access_log = (logs / "lemtrada.access.log").read_text()
    assert access_log.count("/stories/mine/[private]/") >= 7  # every line is there, redacted
    assert '"http://127.0.0.1' in access_log and '/stories/mine/[private]/" ' in access_log  # Referer, redacted
    app_log = (logs / "gunicorn.log").read_text()
    assert "/stories/mine/[private]/" in app_log


def test_a_photo_chosen_before_sending_leaves_its_reference_in_no_log_line_through_nginx(site):
    base, _, logs = site
    reference = "UnsentPhotoReference-0123456789abcdef"  # the shape of one; the app answers 404 to a forged one
    address = f"{base}/stories/share/photo/{reference}/"
    assert call(address)[0] == 404
    assert call(f"{base}/stories/", headers={"Referer": address})[0] == 200

    for log_file in ["lemtrada.access.log", "nginx-error.log", "nginx-default-access.log", "gunicorn.log"]:
        text = (logs / log_file).read_text() if (logs / log_file).exists() else ""
        assert reference not in text, f"an unsent photo's reference is in {log_file}"
    access_log = (logs / "lemtrada.access.log").read_text()
    assert access_log.count("/stories/share/photo/[private]/") == 2  # the request line, and the Referer


def test_the_shipped_nginx_configuration_is_valid(tmp_path):
    from scripts.servers import nginx_config

    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config(workdir=tmp_path, port=free_port(), redirect_port=free_port(), app_port=8000))
    checked = subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
