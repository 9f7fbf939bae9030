"""
As production runs it: gunicorn with two workers and no Redis (each worker keeps its own page cache),
and the shipped nginx micro-cache in front. Every approval, rejection, withdrawal, page edit and
sign-off shows on the next request to either worker, and through nginx as soon as its copy expires:
the app tells nginx (X-Accel-Expires) to keep a copy only to the end of the second it was stored in,
so within one second.
"""

import shutil
import time
import urllib.error
import urllib.request

import pytest

from scripts.servers import free_port, manage, production_environment, start_gunicorn, start_nginx, stop, wait_for

pytestmark = [
    pytest.mark.servers,
    pytest.mark.skipif(shutil.which("nginx") is None, reason="needs nginx (apt-get install nginx-light)"),
]

# To the end of the second a copy was stored in (see the docstring).
NGINX_SECONDS = 1.0

SETUP = """
from django.utils import timezone
from stories.models import Story
def story(title, status):
    return Story.objects.create(display_name="Jo", title=title, slug=title.lower().replace(" ", "-"),
        body=title + " in my words.", status=status,
        consent_version="2026-11", consented_at=timezone.now(),
        published_at=timezone.now() if status == "approved" else None)
story("Waiting story", "pending")
story("Rejected later", "approved")
story("Withdrawn later", "approved")
"""

CHANGES = {
    "approve": "Story.objects.get(title='Waiting story').approve(None)",
    "reject": "Story.objects.get(title='Rejected later').reject(None, 'It names a nurse.')",
    "withdraw": "Story.objects.get(title='Withdrawn later').withdraw()",
    "edit": "p = Page.objects.get(slug='treatment'); p.title = 'Having the infusions'; p.save()",
    "sign-off": "from django.contrib.auth.models import Group, User; "
    "u = User.objects.create_user('reviewer', is_staff=True); "
    "u.groups.add(Group.objects.get(name='Clinical reviewers')); "
    "s = SideEffect.objects.get(slug='itp'); s.sign_off(u, name='Sam Patel', role='MS nurse', checked_against='SmPC', "
    "next_review_due=datetime.date(2029, 3, 1), fingerprint=s.content_fingerprint())",
}
IMPORTS = "import datetime; from stories.models import Story; from pages.models import Page, SideEffect; "

# What each change looks like on a page: (address, text, whether the text should now be there).
SEEN = {
    "approve": [("/stories/", "Waiting story", True), ("/stories/feed/", "Waiting story", True)],
    "reject": [("/stories/", "Rejected later", False), ("/", "Rejected later", False)],
    "withdraw": [
        ("/stories/", "Withdrawn later", False),
        ("/stories/feed/", "Withdrawn later", False),
        ("/stories/withdrawn-later/", "Withdrawn later", False),
    ],
    "edit": [("/treatment/", "Having the infusions", True)],
    "sign-off": [("/side-effects/itp/", "1 March 2029", True)],
}


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, ""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("page-cache")
    app_port = free_port()
    env = production_environment(port=app_port, workdir=workdir, database_url=f"sqlite:///{workdir / 'db.sqlite3'}")
    env["WEB_CONCURRENCY"], env["GUNICORN_THREADS"] = "2", "1"  # two sync workers, each its own page cache
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "load_seed_content")
    manage(env, "shell", "-c", SETUP)
    log = open(workdir / "gunicorn.log", "w")
    gunicorn = start_gunicorn(env, log)
    nginx = None
    try:
        wait_for(f"http://127.0.0.1:{app_port}/healthz", gunicorn)
        nginx, port = start_nginx(workdir=workdir, app_port=app_port)
        yield env, f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{port}"
    finally:
        if nginx is not None:
            stop(nginx)
        stop(gunicorn)
        log.close()


@pytest.mark.parametrize("change", list(CHANGES))
def test_a_change_shows_on_every_worker_at_once_and_through_nginx_when_its_copy_expires(servers, change):
    env, app, proxy = servers
    for url, text, now_there in SEEN[change]:
        for _ in range(6):  # every worker has the page in its own cache, and nginx has it too
            assert (text in fetch(app + url)[2]) is not now_there, url
            assert (text in fetch(proxy + url)[2]) is not now_there, url
    _, headers, _ = fetch(proxy + SEEN[change][0][0])
    assert headers["X-Cache-Status"] in {"HIT", "REVALIDATED", "UPDATING"}

    manage(env, "shell", "-c", IMPORTS + CHANGES[change])
    changed_at = time.monotonic()

    for url, text, now_there in SEEN[change]:
        for _ in range(6):
            assert (text in fetch(app + url)[2]) is now_there, f"a worker served the old {url}"
    for url, text, now_there in SEEN[change]:
        while (text in fetch(proxy + url)[2]) is not now_there:
            assert time.monotonic() - changed_at < NGINX_SECONDS, f"nginx still served the old {url}"
            time.sleep(0.05)
        # Once changed, it stays changed.
        assert all((text in fetch(proxy + url)[2]) is now_there for _ in range(5))


def test_signed_in_requests_and_posts_pass_nginx_uncached(servers):
    env, app, proxy = servers
    request = urllib.request.Request(proxy + "/treatment/", headers={"Cookie": "sessionid=not-a-session"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["X-Cache-Status"] == "BYPASS"
        assert "no-store" in response.headers["Cache-Control"]
    status, headers, _ = fetch(proxy + "/stories/share/")
    assert status == 200 and "no-store" in headers["Cache-Control"] and headers["X-Cache-Status"] != "HIT"
    assert fetch(proxy + "/stories/share/")[1]["X-Cache-Status"] != "HIT"
