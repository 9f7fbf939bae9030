"""
`make cluster-check`: two app servers behind one nginx, on shared PostgreSQL, Redis and SeaweedFS,
as two machines would run them, and a rehearsal of one of them dying.

It starts SeaweedFS (a private bucket), a fresh PostgreSQL database, a Redis database, two gunicorn
servers A and B (separate processes, ports and temporary folders, DEBUG off, queued mail) and nginx
with the shipped deploy/nginx.conf balancing between them. Then it shows, and fails loudly if not:

1. a story with a photo sent through A and approved on B is visible, with its photo, through both;
   before approval its photo is readable neither through either server nor from the bucket;
2. the story rate limit counts across both: a client that alternates servers gets exactly its
   allowance, not twice it;
3. a withdrawal through A is seen by B on the next request, and the photo leaves the bucket;
4. under a bounded Locust run of reads and story submissions through nginx, with A killed
   (SIGKILL, like a machine losing power) partway: nginx moves the traffic to B, no request fails
   except those in flight on A when it died, and every accepted story is stored once and gets one
   receipt (the worker sends the queued mail at the end).

It prints its figures and exits non-zero on any failure. Everything is on loopback and bounded (about
two minutes); servers, database, Redis keys and temporary folders are removed whatever happens.
Needs PostgreSQL on 127.0.0.1:5432, Redis on 127.0.0.1:6379 (CLUSTER_CHECK_REDIS_URL picks the
database; default 3) and nginx.
"""

import json
import os
import quopri
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import boto3
import psycopg
import requests
from seaweedfs import anonymous_get, seaweedfs
from servers import (
    drop_database,
    flush_redis,
    free_port,
    manage,
    production_environment,
    recreate_database,
    start_gunicorn,
    start_nginx,
    stop,
    wait_for,
)

PROJECT = Path(__file__).resolve().parent.parent
DB_NAME = "lemtrada_cluster_check"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("CLUSTER_CHECK_REDIS_URL", "redis://127.0.0.1:6379/3")

SUBMISSIONS_PER_HOUR = 15  # per client: the rate-limit check uses all of one client's allowance
LOAD_USERS = 10
LOAD_SECONDS = 40
KILL_A_AFTER_SECONDS = 15
LOAD_SUBMISSIONS = 10  # all through nginx, so one client to the rate limit: below SUBMISSIONS_PER_HOUR
FORM_FILL_SECONDS = 3.5
MODERATOR = ("cluster-moderator", "a-long-cluster-check-password")

MAKE_MODERATOR = f"""
from django.contrib.auth.models import Group, User
from lemtrada_site.groups import MODERATORS
user = User.objects.create_user({MODERATOR[0]!r}, email="desk@example.org", password={MODERATOR[1]!r}, is_staff=True)
user.groups.add(Group.objects.get(name=MODERATORS))
"""


class ClusterCheckFailed(Exception):
    """A check that failed; the message says what was expected and what happened."""


def check(condition, message):
    if not condition:
        raise ClusterCheckFailed(message)


def say(message):
    print(message, flush=True)


# --- A reader's or moderator's browser, on one server or through nginx ------------------------------


class Browser:
    def __init__(self, base, *, client_address=None):
        self.base = base
        self.session = requests.Session()
        if client_address:
            # Straight to an app server, as nginx would say who the client is.
            self.session.headers["X-Forwarded-For"] = client_address

    def call(self, method, path, **kwargs):
        response = self.session.request(method, self.base + path, allow_redirects=False, timeout=30, **kwargs)
        # The site's cookies are Secure (production settings); this check speaks plain HTTP on loopback.
        for cookie in response.cookies:
            self.session.cookies.set(cookie.name, cookie.value)
        return response

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, data, files=None):
        return self.call("POST", path, data=data, files=files)

    def csrf(self, html):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def open_story_form(self):
        html = self.get("/stories/share/").text
        return {
            "csrfmiddlewaretoken": self.csrf(html),
            "started": re.search(r'name="started" value="([^"]+)"', html)[1],
        }

    def send_story(self, form, title, *, photo=None):
        data = {
            **form,
            "display_name": "Check",
            "email": "check@example.org",
            "title": title,
            "body": "Sent by the cluster check.",
            "photo_alt": "A blue square" if photo else "",
            "treatment_year": "2021",
            "consent": "on",
            "website": "",
            "action": "send",
        }
        return self.post("/stories/share/", data, files={"photo": ("me.jpg", photo, "image/jpeg")} if photo else None)

    def log_in(self, username, password):
        html = self.get("/admin/login/").text
        response = self.post(
            "/admin/login/",
            {"csrfmiddlewaretoken": self.csrf(html), "username": username, "password": password, "next": "/admin/"},
        )
        check(response.status_code == 302, f"the moderator could not sign in on {self.base}: {response.status_code}")


def accepted(response):
    return response.status_code == 302 and response.headers.get("Location", "").endswith("/stories/share/thanks/")


# --- Shared services ------------------------------------------------------------------------------


def query(sql, *params):
    with psycopg.connect(f"{POSTGRES_URL}/{DB_NAME}") as connection:
        return connection.execute(sql, params).fetchall()


def story_row(title):
    rows = query("SELECT id, slug, photo, status FROM stories_story WHERE title = %s", title)
    check(len(rows) == 1, f"the story {title!r} is stored {len(rows)} times, not once")
    return rows[0]


def bucket_client(s3):
    return boto3.client(
        "s3",
        endpoint_url=s3["AWS_S3_ENDPOINT_URL"],
        aws_access_key_id=s3["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=s3["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )


def in_bucket(s3, name):
    listing = bucket_client(s3).list_objects_v2(Bucket=s3["AWS_STORAGE_BUCKET_NAME"], Prefix=name)
    return any(item["Key"] == name for item in listing.get("Contents", []))


def run_worker(env):
    """Send every queued mail (to the console, as EMAIL_URL says here); returns what it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", "worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0.1"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    check(result.returncode == 0, f"the worker failed:\n{result.stderr[-3000:]}")
    return result.stdout


def a_photo():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (800, 600), (200, 120, 30)).save(buffer, format="JPEG")
    return buffer.getvalue()


# --- The checks -----------------------------------------------------------------------------------


def story_across_servers(a, b, s3, env):
    """A story with a photo sent through A, approved on B: visible with its photo through both."""
    author = Browser(a)
    form = author.open_story_form()
    time.sleep(FORM_FILL_SECONDS)
    title = "Sent to A, approved on B"
    check(accepted(author.send_story(form, title, photo=a_photo())), "A did not accept the story with a photo")
    story_id, slug, photo, status = story_row(title)
    check(status == "pending" and photo.startswith("stories/"), f"stored as {status!r} with photo {photo!r}")
    check(in_bucket(s3, photo), f"the photo {photo} is not in the bucket")
    check(anonymous_get(s3, photo) == 403, "the bucket lets anyone read a pending story's photo")
    for server in (a, b):
        check(Browser(server).get(f"/media/{photo}").status_code == 404, f"{server} shows a pending story's photo")

    moderator = Browser(b)
    moderator.log_in(*MODERATOR)
    desk = moderator.get("/admin/stories/story/").text
    response = moderator.post(
        "/admin/stories/story/",
        {"csrfmiddlewaretoken": moderator.csrf(desk), "action": "approve_selected", "_selected_action": [story_id]},
    )
    check(response.status_code == 302, f"B's moderation desk answered {response.status_code}")
    check(story_row(title)[3] == "approved", "the story is not approved after B's desk approved it")

    photo_bytes = set()
    for server in (a, b):
        reader = Browser(server)
        page = reader.get(f"/stories/{slug}/")
        check(page.status_code == 200 and f'src="/media/{photo}"' in page.text, f"{server} does not show the story")
        image = reader.get(f"/media/{photo}")
        check(image.status_code == 200 and image.headers["Content-Type"] == "image/jpeg", f"{server}: no photo")
        photo_bytes.add(image.content)
    check(len(photo_bytes) == 1, "A and B serve different photos for one story")
    check(anonymous_get(s3, photo) == 403, "the bucket lets anyone read an approved story's photo directly")
    mail = run_worker(env)  # the author's receipt, with their private link
    token = re.search(r"/stories/mine/([\w-]+)/", quopri.decodestring(mail.encode()).decode())
    check(token is not None, f"no receipt with a private link was sent:\n{mail[-3000:]}")
    return slug, photo, token[1]


def rate_limit_across_servers(a, b):
    """One client, alternating servers, gets its hourly allowance once, not once per server."""
    client = "203.0.113.9"
    browsers = [Browser(a, client_address=client), Browser(b, client_address=client)]
    forms = [browsers[n % 2].open_story_form() for n in range(SUBMISSIONS_PER_HOUR + 1)]
    time.sleep(FORM_FILL_SECONDS)
    answers = [browsers[n % 2].send_story(form, f"Rate limit {n}").status_code for n, form in enumerate(forms)]
    check(
        answers == [302] * SUBMISSIONS_PER_HOUR + [429],
        f"expected {SUBMISSIONS_PER_HOUR} stories accepted across A and B, then 429; got {answers}",
    )
    return SUBMISSIONS_PER_HOUR


def withdrawal_seen_by_both(a, b, s3, slug, photo, token):
    reader_b = Browser(b)
    check(reader_b.get(f"/stories/{slug}/").status_code == 200, "B does not show the story before the withdrawal")
    author = Browser(a)
    page = author.get(f"/stories/mine/{token}/")
    check(page.status_code == 200, f"the private link answers {page.status_code} on A")
    confirm = author.get(f"/stories/mine/{token}/withdraw/")
    check(confirm.status_code == 200, f"the withdrawal page answers {confirm.status_code} on A")
    # The secret address is the author's authority: the form carries no CSRF token (stories/views.py).
    response = author.post(f"/stories/mine/{token}/withdraw/", {})
    check(response.status_code == 302, f"the withdrawal on A answered {response.status_code}")
    check(reader_b.get(f"/stories/{slug}/").status_code == 404, "B still shows the story after A withdrew it")
    check(reader_b.get(f"/media/{photo}").status_code == 404, "B still shows the withdrawn story's photo")
    check(not in_bucket(s3, photo), "the withdrawn story's photo is still in the bucket")


def load_with_a_killed(front, gunicorn_a, env, workdir):
    records, accepted_file = workdir / "records.json", workdir / "accepted.json"
    locust_env = {
        **env,
        "CLUSTER_RECORDS": str(records),
        "CLUSTER_ACCEPTED": str(accepted_file),
        "CLUSTER_MAX_SUBMISSIONS": str(LOAD_SUBMISSIONS),
    }
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(PROJECT / "scripts" / "cluster_locustfile.py"),
        "--headless",
        "--users",
        str(LOAD_USERS),
        "--spawn-rate",
        str(LOAD_USERS),
        "--run-time",
        f"{LOAD_SECONDS}s",
        "--stop-timeout",
        "10",
        "--host",
        front,
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    killed = {}

    def kill_a():
        killed["at"] = time.time()
        os.killpg(gunicorn_a.pid, signal.SIGKILL)  # a machine losing power: no graceful shutdown

    timer = threading.Timer(KILL_A_AFTER_SECONDS, kill_a)
    with open(workdir / "locust.log", "w") as log:
        locust = subprocess.Popen(command, cwd=PROJECT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
        timer.start()
        try:
            locust.wait(timeout=LOAD_SECONDS + 60)
        finally:
            timer.cancel()
            if locust.poll() is None:
                locust.kill()
    check(records.exists(), f"Locust wrote no records:\n{(workdir / 'locust.log').read_text()[-3000:]}")
    check("at" in killed, "server A was not killed during the load")
    return json.loads(records.read_text()), json.loads(accepted_file.read_text()), killed["at"]


def served_requests(log):
    """How many requests a server answered, from its access log."""
    return len(re.findall(r'"(?:GET|POST|HEAD) /', log.read_text(errors="replace")))


def main():
    started = time.monotonic()
    with ExitStack() as cleanup:
        s3 = cleanup.enter_context(seaweedfs())
        recreate_database(POSTGRES_URL, DB_NAME)
        cleanup.callback(drop_database, POSTGRES_URL, DB_NAME)
        flush_redis(REDIS_URL)
        cleanup.callback(flush_redis, REDIS_URL)
        root = Path(tempfile.mkdtemp(prefix="lemtrada-cluster-"))
        cleanup.callback(shutil.rmtree, root, True)

        ports, envs, servers = {}, {}, {}
        # Like every shared setting, the key is the same on every app server: a form (its signed timer,
        # its CSRF token) or a session from one must be good on the other.
        secret_key = secrets.token_urlsafe(50)
        for name in ("A", "B"):
            workdir = root / name
            workdir.mkdir()
            ports[name] = free_port()
            envs[name] = production_environment(
                port=ports[name],
                workdir=workdir,
                database_url=f"{POSTGRES_URL}/{DB_NAME}",
                SECRET_KEY=secret_key,
                REDIS_URL=REDIS_URL,
                CLIENT_IP_HEADER="X-Forwarded-For",
                STORY_SUBMISSIONS_PER_HOUR=str(SUBMISSIONS_PER_HOUR),
                STORY_MODERATOR_EMAILS="desk@example.org",
                **s3,
            )
        manage(envs["A"], "migrate", "--no-input", "-v0")
        manage(envs["A"], "load_seed_content")
        manage(envs["A"], "shell", "-c", MAKE_MODERATOR)
        for name in ("A", "B"):
            manage(envs[name], "collectstatic", "--no-input", "-v0")
            log = open(root / name / "gunicorn.log", "w")
            cleanup.callback(log.close)
            servers[name] = start_gunicorn(envs[name], log)
            cleanup.callback(stop, servers[name], grace=10)
        for name in ("A", "B"):
            wait_for(f"http://127.0.0.1:{ports[name]}/healthz", servers[name])
        (root / "nginx").mkdir()
        nginx, front_port = start_nginx(workdir=root / "nginx", app_ports=[ports["A"], ports["B"]])
        cleanup.callback(stop, nginx)
        a, b, front = (
            f"http://127.0.0.1:{ports['A']}",
            f"http://127.0.0.1:{ports['B']}",
            f"http://127.0.0.1:{front_port}",
        )
        say(f"Two app servers (A {a}, B {b}) behind nginx ({front}); SeaweedFS at {s3['AWS_S3_ENDPOINT_URL']}")

        slug, photo, token = story_across_servers(a, b, s3, envs["B"])
        say("ok  a story with a photo sent through A and approved on B shows, with its photo, through both")
        limit = rate_limit_across_servers(a, b)
        say(f"ok  the rate limit counts across both: {limit} stories from one client, then 429")
        withdrawal_seen_by_both(a, b, s3, slug, photo, token)
        say("ok  a withdrawal through A is seen by B at the next request; the photo left the bucket")

        records, load_accepted, killed_at = load_with_a_killed(front, servers["A"], envs["B"], root)
        failed = [r for r in records if r["status"] == 0 or r["status"] >= 500]
        in_flight = [r for r in failed if r["start"] <= killed_at + 0.05 and r["end"] >= killed_at - 0.05]
        others = [r for r in failed if r not in in_flight]
        after = [r for r in records if r["start"] > killed_at + 0.05]
        check(
            not others,
            f"{len(others)} request(s) failed that were not in flight on A when it died: {others[:5]}",
        )
        check(len(after) > 50 and all(r["status"] < 500 for r in after), "B did not take the traffic after A died")
        check(Browser(front).get("/healthz").status_code == 200, "nginx does not answer after A died")
        served = {name: served_requests(root / name / "gunicorn.log") for name in ("A", "B")}
        check(min(served.values()) > 50, f"nginx did not share the load between the servers: {served}")

        # Every accepted story stored once, with one receipt; the worker sends the queued mail now.
        # (The first story was withdrawn: a stub titled "Withdrawn story" stays in its place.)
        expected = [*(f"Rate limit {n}" for n in range(limit)), *load_accepted]
        stored = dict(query("SELECT title, COUNT(*) FROM stories_story GROUP BY title"))
        check(stored.pop("Withdrawn story", 0) == 1, "the withdrawn story's stub is missing")
        check(all(stored.get(title) == 1 for title in expected), "an accepted story is missing or stored twice")
        check(all(count == 1 for count in stored.values()), "a story is stored twice")
        extra = len(stored) - len(set(expected))
        check(extra <= len(in_flight), f"{extra} stories stored that nobody was told were accepted")
        run_worker(envs["B"])
        receipts = {}
        for status, args_kwargs in query(
            "SELECT status, args_kwargs FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
            "%send_story_mail",
        ):
            args = args_kwargs["args"]
            if args[0] == "receipt" and status == "SUCCESSFUL":
                receipts[args[1]] = receipts.get(args[1], 0) + 1
        live = [row[0] for row in query("SELECT id FROM stories_story WHERE status <> 'withdrawn'")]
        check(all(receipts.get(story) == 1 for story in live), "a stored story did not get exactly one receipt")
        photos = [row[0] for row in query("SELECT photo FROM stories_story WHERE photo <> ''")]
        check(all(in_bucket(s3, name) for name in photos), "a stored story's photo is missing from the bucket")
        say("ok  server A killed mid-load: nginx moved the traffic to B")

        posts = Counter(r["status"] for r in records if r["name"] == "story sent")
        refused = {status: count for status, count in posts.items() if status != 302}
        problems = [r.get("problem") for r in records if r["name"] == "story sent" and r["status"] != 302]
        check(sum(refused.values()) <= len(in_flight), f"stories sent during the load were refused: {problems}")
        fives = sum(1 for r in records if r["status"] >= 500)
        say("")
        say(f"requests through nginx   {len(records)} ({len(after)} after A died)")
        say(f"answered by each server  A {served['A']}, B {served['B']} (A until it died)")
        say(f"5xx or no answer         {len(failed)} (all in flight on A when it died; {fives} were 5xx)")
        say(f"stories sent             {len(set(expected)) + 1 + sum(posts.values()) - len(load_accepted)}")
        say(f"stories accepted         {len(set(expected)) + 1} ({len(load_accepted)} during the load, 1 withdrawn)")
        say(f"stories stored           {sum(stored.values())} (+1 withdrawn stub)")
        say(f"receipts mailed          {sum(receipts.get(story, 0) for story in live)} (one per live story)")
        say(f"photos in the bucket     {len(photos)} (none readable without the key)")
        say(f"cluster check passed in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    try:
        main()
    except ClusterCheckFailed as failure:
        print(f"\nCLUSTER CHECK FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
