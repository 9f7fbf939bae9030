"""
A bounded load test: the production set-up, under load, loses nothing and never fails.

It starts the site as production runs it (gunicorn, DEBUG off, PostgreSQL, Redis, queued mail),
in a fresh database on loopback, and sends it about 2,000 page reads and 50 story submissions from
20 concurrent clients, with a hard stop after a minute. Then it proves that:

- no request answered 5xx (and every read answered 200);
- every submission was accepted (302 to the thanks page);
- the database holds exactly those 50 stories, each stored once;
- exactly one mail is queued per message: a receipt and a moderators' note per story, waiting.

It prints requests per second and p50/p99 latency. Whatever happens, gunicorn is stopped and the
database dropped. Run it with `make loadtest`; it needs PostgreSQL on 127.0.0.1:5432 and Redis on
127.0.0.1:6379, and exits non-zero on any failure.
"""

import json
import math
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.client import HTTPConnection, HTTPMessage
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import redis
from servers import free_port, start_gunicorn, stop

PROJECT = Path(__file__).resolve().parent.parent
DB_NAME = "lemtrada_loadtest"
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/2"

CLIENTS = 20
READS = 2000
SUBMISSIONS = 50
HARD_STOP_SECONDS = 60
STARTUP_SECONDS = 30
# The form refuses anything sent back sooner than STORY_FORM_MIN_SECONDS (3 s): wait a little longer.
FORM_FILL_SECONDS = 3.5

SHARE_PATH = "/stories/share/"
THANKS_PATH = "/stories/share/thanks/"
PAGE_PATHS = [
    "/",
    "/treatment/",
    "/monitoring/",
    "/side-effects/",
    "/side-effects/infections/",
    "/side-effects/itp/",
    "/side-effects/kidney-problems/",
    "/stories/",
    "/stories/feed/",
]


class LoadTestFailed(Exception):
    """A check that failed; the message says what was expected and what happened."""


# --- The site, set up as production runs it ----------------------------------------------------


def production_environment(*, port, workdir):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "TASKS_BACKEND"}}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"{POSTGRES_URL}/{DB_NAME}",
        REDIS_URL=REDIS_URL,
        EMAIL_URL="consolemail://",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        STORY_SUBMISSIONS_PER_HOUR="100000",
        STORY_MODERATOR_EMAILS="desk@example.org",
        # The test speaks plain HTTP on loopback; it says it came through the TLS proxy instead.
        SECURE_SSL_REDIRECT="0",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="4",
    )
    return env


def recreate_database():
    drop_database()
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def drop_database():
    with psycopg.connect(f"{POSTGRES_URL}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def flush_redis():
    with redis.Redis.from_url(REDIS_URL) as client:
        client.flushdb()


def manage(env, *args):
    """Run a management command; on failure, show its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )
    if result.returncode != 0:
        raise LoadTestFailed(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def wait_until_healthy(server, port):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise LoadTestFailed(f"gunicorn exited with code {server.returncode} while starting")
        try:
            if request(port, "GET", "/healthz", timeout=2).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise LoadTestFailed(f"/healthz did not answer 200 within {STARTUP_SECONDS} s")


# --- HTTP ---------------------------------------------------------------------------------------


@dataclass
class Response:
    status: int
    headers: HTTPMessage
    body: str
    seconds: float


def request(port, method, path, *, headers=None, body=None, timeout=30):
    """One request on its own connection, as the TLS proxy in front of the site would send it."""
    connection = HTTPConnection("127.0.0.1", port, timeout=timeout)
    all_headers = {"X-Forwarded-Proto": "https", "User-Agent": "lemtrada-loadtest", "Connection": "close"}
    all_headers.update(headers or {})
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=all_headers)
        answer = connection.getresponse()
        content = answer.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    return Response(answer.status, answer.headers, content.decode("utf-8", "replace"), seconds)


class PageParser(HTMLParser):
    """Collects what the test needs from a page: input values, stylesheet links, the form's error summary."""

    def __init__(self, html):
        super().__init__()
        self.inputs, self.stylesheets, self.errors = {}, [], []
        self._in_error_summary = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.inputs[attrs["name"]] = attrs.get("value") or ""
        elif tag == "link" and attrs.get("rel") == "stylesheet":
            self.stylesheets.append(attrs["href"])
        elif tag == "div" and "error-summary" in (attrs.get("class") or ""):
            self._in_error_summary = True

    def handle_endtag(self, tag):
        if tag == "div":
            self._in_error_summary = False

    def handle_data(self, data):
        if self._in_error_summary and data.strip() and self.lasttag in {"a", "li"}:
            self.errors.append(data.strip())


def multipart(fields):
    """Encode form fields as a browser does for this form (enctype="multipart/form-data")."""
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = "".join(parts) + f"--{boundary}--\r\n"
    return body.encode(), f"multipart/form-data; boundary={boundary}"


# --- The clients --------------------------------------------------------------------------------


@dataclass
class Result:
    kind: str  # "read" or "submission"
    path: str
    status: int | None  # None: no answer at all
    seconds: float
    note: str = ""


@dataclass
class OpenForm:
    """A share form a client has fetched and is 'filling in'."""

    title: str
    ready_at: float
    cookie: str
    fields: dict


@dataclass
class Client:
    """One visitor: reads pages and, now and then, opens the share form and sends it a little later."""

    port: int
    deadline: float
    plan: list  # page paths, and None where the visitor opens the share form
    titles: list  # the stories this visitor will send
    results: list = field(default_factory=list)
    submissions: list = field(default_factory=list)
    finished: bool = False

    def run(self):
        waiting = deque()
        titles = iter(self.titles)
        for path in self.plan:
            self.send_ready_forms(waiting)
            if self.out_of_time():
                return
            if path is None:
                if form := self.open_form(next(titles)):
                    waiting.append(form)
            else:
                self.read(path)
        # Pages all read: send the last forms as soon as each has waited long enough.
        while waiting and not self.out_of_time():
            time.sleep(max(0.0, waiting[0].ready_at - time.monotonic()))
            self.send_ready_forms(waiting)
        self.finished = not waiting

    def send_ready_forms(self, waiting):
        while waiting and waiting[0].ready_at <= time.monotonic() and not self.out_of_time():
            self.send(waiting.popleft())

    def out_of_time(self):
        return time.monotonic() >= self.deadline

    def timeout(self):
        return max(1.0, min(30.0, self.deadline - time.monotonic()))

    def call(self, kind, method, path, **kwargs):
        try:
            response = request(self.port, method, path, timeout=self.timeout(), **kwargs)
        except OSError as error:
            self.results.append(Result(kind, path, None, 0.0, f"{error.__class__.__name__}: {error}"))
            return None
        self.results.append(Result(kind, path, response.status, response.seconds))
        return response

    def read(self, path):
        self.call("read", "GET", path)

    def open_form(self, title):
        response = self.call("read", "GET", SHARE_PATH)
        if response is None or response.status != 200:
            self.submissions.append((title, "the share form did not open"))
            return None
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie", []):
            cookies.load(header)
        csrf_cookie = cookies["csrftoken"].value if "csrftoken" in cookies else ""
        page = PageParser(response.body)
        hidden = {name: page.inputs.get(name, "") for name in ("csrfmiddlewaretoken", "started")}
        return OpenForm(title, time.monotonic() + FORM_FILL_SECONDS, csrf_cookie, hidden)

    def send(self, form):
        body, content_type = multipart(
            {
                "display_name": "Load tester",
                "email": f"loadtest-{uuid.uuid4().hex[:8]}@example.org",
                "title": form.title,
                "body": "My first infusion week was tiring.\n\nThe monthly blood tests became routine.",
                "consent": "on",
                "website": "",
                "action": "send",
                **form.fields,
            }
        )
        headers = {
            "Content-Type": content_type,
            "Cookie": f"csrftoken={form.cookie}",
            # Django's CSRF check wants a same-site Referer on a secure (proxied HTTPS) request.
            "Referer": f"https://127.0.0.1:{self.port}{SHARE_PATH}",
        }
        response = self.call("submission", "POST", SHARE_PATH, headers=headers, body=body)
        self.submissions.append((form.title, submission_problem(response)))


def submission_problem(response):
    """What went wrong with a submission, or "" when it was accepted."""
    if response is None:
        return "no answer"
    location = response.headers.get("Location", "")
    if response.status == 302 and urlsplit(location).path == THANKS_PATH:
        return ""
    errors = "; ".join(PageParser(response.body).errors) if response.status == 200 else ""
    return f"answered {response.status} {location}{' (' + errors + ')' if errors else ''}".strip()


def plan_clients(port, stylesheet, deadline, run_id):
    """Share the reads and the submissions out evenly; each visitor opens its forms spread over its visit."""
    rng = random.Random(run_id)
    paths = [*PAGE_PATHS, stylesheet]
    titles = [f"Load test story {number:02d} ({run_id})" for number in range(SUBMISSIONS)]
    clients = []
    for index in range(CLIENTS):
        reads = [rng.choice(paths) for _ in range(READS // CLIENTS + (index < READS % CLIENTS))]
        own_titles = titles[index::CLIENTS]
        plan = list(reads)
        # Open the forms spread through the visit (not all at the start), from the last one back.
        for position in reversed(range(len(own_titles))):
            plan.insert((2 * position + 1) * len(reads) // (2 * len(own_titles)), None)
        clients.append(Client(port=port, deadline=deadline, plan=plan, titles=own_titles))
    return clients, titles


def run_load(clients):
    threads = [threading.Thread(target=client.run, daemon=True) for client in clients]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, clients[0].deadline + 35 - time.monotonic()))
    elapsed = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        raise LoadTestFailed("some clients were still waiting for an answer long after the hard stop")
    return elapsed


# --- Checks and the report ----------------------------------------------------------------------


def stored_state(env):
    """The stories and the queued mail in the database, read through the models."""
    code = (
        "import json\n"
        "from django_tasks_db.models import DBTaskResult\n"
        "from stories.models import Story\n"
        "stories = list(Story.objects.values_list('pk', 'title', 'status'))\n"
        "tasks = list(DBTaskResult.objects.values_list('status', 'task_path', 'args_kwargs'))\n"
        "print(json.dumps({'stories': stories, 'tasks': tasks}))\n"
    )
    return json.loads(manage(env, "shell", "-c", code).strip().splitlines()[-1])


def check_requests(results, clients):
    failures = []
    if unfinished := [client for client in clients if not client.finished]:
        failures.append(
            f"{len(unfinished)} clients had not finished at the {HARD_STOP_SECONDS} s hard stop "
            f"({len(results)} of {READS + 2 * SUBMISSIONS} requests made)"
        )
    unanswered = [result for result in results if result.status is None]
    if unanswered:
        failures.append(f"{len(unanswered)} requests got no answer, e.g. {unanswered[0].path}: {unanswered[0].note}")
    server_errors = Counter((result.status, result.path) for result in results if (result.status or 0) >= 500)
    if server_errors:
        failures.append(f"{sum(server_errors.values())} answers were 5xx: {dict(server_errors)}")
    bad_reads = Counter(
        (result.status, result.path) for result in results if result.kind == "read" and result.status != 200
    )
    if bad_reads:
        failures.append(f"{sum(bad_reads.values())} page reads did not answer 200: {dict(bad_reads)}")
    return failures


def check_submissions(submissions):
    refused = [(title, problem) for title, problem in submissions if problem]
    failures = []
    if len(submissions) != SUBMISSIONS:
        failures.append(f"{len(submissions)} of {SUBMISSIONS} submissions were attempted")
    if refused:
        sample = "; ".join(f"{title!r}: {problem}" for title, problem in refused[:3])
        failures.append(f"{len(refused)} submissions were not accepted with a 302 to {THANKS_PATH}: {sample}")
    return failures


def check_database(state, titles):
    failures = []
    stored = Counter(title for _, title, _ in state["stories"])
    if len(state["stories"]) != SUBMISSIONS:
        failures.append(f"the database holds {len(state['stories'])} stories, expected {SUBMISSIONS}")
    if doubles := {title: count for title, count in stored.items() if count > 1}:
        failures.append(f"stories stored more than once: {doubles}")
    if missing := set(titles) - set(stored):
        failures.append(f"{len(missing)} submitted stories are missing, e.g. {sorted(missing)[0]!r}")
    if strangers := set(stored) - set(titles):
        failures.append(f"stories nobody sent: {sorted(strangers)}")
    if not_pending := [title for _, title, status in state["stories"] if status != "pending"]:
        failures.append(f"{len(not_pending)} stories are not waiting for review")

    mails = Counter()
    for status, task_path, args_kwargs in state["tasks"]:
        mail, story_id, *_ = args_kwargs["args"]
        mails[(story_id, mail, status, task_path)] += 1
    expected = Counter(
        {
            (story_id, mail, "READY", "stories.emails.send_story_mail"): 1
            for story_id, _, _ in state["stories"]
            for mail in ("receipt", "moderators_new_story")
        }
    )
    if len(state["tasks"]) != 2 * SUBMISSIONS:
        failures.append(f"{len(state['tasks'])} mails are queued, expected {2 * SUBMISSIONS} (2 per story)")
    if mails != expected:
        wrong = (mails - expected) + (expected - mails)
        failures.append(f"the queued mail is not one receipt and one moderators' note per story: {dict(wrong)}")
    return failures


def percentile(values, share):
    """Nearest-rank percentile of a list of seconds, in milliseconds."""
    ordered = sorted(values)
    return 1000 * ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def report(results, elapsed):
    print(f"\n{len(results)} requests in {elapsed:.1f} s: {len(results) / elapsed:.0f} requests per second")
    print(f"status codes: {dict(sorted(Counter(result.status for result in results).items(), key=str))}")
    for label, kind in [("all requests", None), ("page reads", "read"), ("submissions", "submission")]:
        seconds = [result.seconds for result in results if result.status and (kind is None or result.kind == kind)]
        if seconds:
            print(
                f"{label:>13}: {len(seconds):5} answered, p50 {percentile(seconds, 0.50):6.1f} ms, "
                f"p99 {percentile(seconds, 0.99):6.1f} ms"
            )


# --- The whole run ------------------------------------------------------------------------------


def run(workdir):
    port = free_port()
    env = production_environment(port=port, workdir=workdir)
    print(f"Fresh database {DB_NAME}, Redis db 2 flushed")
    recreate_database()
    flush_redis()
    print("migrate, load_seed_content, collectstatic")
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_seed_content")
    manage(env, "collectstatic", "--no-input", "-v0")

    log_path = workdir / "gunicorn.log"
    with open(log_path, "w") as log:
        server = start_gunicorn(env, log)
        try:
            wait_until_healthy(server, port)
            print(f"gunicorn answering on 127.0.0.1:{port} (4 workers)")
            exercise(env, port)
        except BaseException:
            stop(server)  # so that it has written out its whole log
            show_server_log(log_path)
            raise
        finally:
            stop(server)


def show_server_log(log_path, lines=40):
    """The end of gunicorn's own and the app's messages (the access log left out), to see why."""
    messages = [line for line in log_path.read_text().splitlines() if not line.startswith("127.0.0.1 - ")]
    print(f"\ngunicorn's log, without the access log (last {lines} lines):", *messages[-lines:], sep="\n")


def exercise(env, port):
    home = request(port, "GET", "/")
    stylesheets = PageParser(home.body).stylesheets if home.status == 200 else []
    if not stylesheets:
        raise LoadTestFailed(f"the home page answered {home.status} without a stylesheet link")

    run_id = secrets.token_hex(4)
    deadline = time.monotonic() + HARD_STOP_SECONDS
    clients, titles = plan_clients(port, stylesheets[0], deadline, run_id)
    print(
        f"{CLIENTS} clients: {READS} page reads and {SUBMISSIONS} submissions (hard stop at {HARD_STOP_SECONDS} s)..."
    )
    elapsed = run_load(clients)

    results = [result for client in clients for result in client.results]
    submissions = [submission for client in clients for submission in client.submissions]
    report(results, elapsed)
    failures = [
        *check_requests(results, clients),
        *check_submissions(submissions),
        *check_database(stored_state(env), titles),
    ]
    if failures:
        raise LoadTestFailed("\n".join(f"- {failure}" for failure in failures))
    print(f"\nPASSED: no 5xx; all {SUBMISSIONS} stories stored once; {2 * SUBMISSIONS} mails queued, one per message")


def main():
    with tempfile.TemporaryDirectory(prefix="lemtrada-loadtest-") as workdir:
        try:
            run(Path(workdir))
        except LoadTestFailed as failure:
            print(f"\nLOAD TEST FAILED:\n{failure}", file=sys.stderr)
            return 1
        finally:
            drop_database()
            flush_redis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
