"""
A bounded load test: the production set-up, under load, loses nothing and never fails.

It starts the site as production runs it (gunicorn, DEBUG off, PostgreSQL, Redis, queued mail),
in a fresh database on loopback, and lets Locust (headless, scripts/locustfile.py) send it page
reads and exactly 50 story submissions from 20 concurrent visitors for a bounded run time. Then it
proves, from Locust's CSV statistics and the database, that:

- no request answered 5xx, and every read answered 200 (Locust counts anything else as a failure);
- every submission was accepted (302 to the thanks page);
- the database holds exactly those 50 stories, each stored once;
- exactly one mail is queued per message: a receipt and a moderators' note per story, waiting.

It prints Locust's requests per second and p50/p99 latency. Whatever happens, gunicorn is stopped
and the database dropped. Run it with `make loadtest`; it needs PostgreSQL on 127.0.0.1:5432 and
Redis on 127.0.0.1:6379, and exits non-zero on any failure.
"""

import csv
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from servers import (
    ServerFailed,
    drop_database,
    flush_redis,
    free_port,
    manage,
    recreate_database,
    start_gunicorn,
    stop,
)

PROJECT = Path(__file__).resolve().parent.parent
# Another database or Redis db, for a machine shared with other work: LOADTEST_DATABASE, LOADTEST_REDIS_URL.
DB_NAME = os.environ.get("LOADTEST_DATABASE", "lemtrada_loadtest")
POSTGRES_URL = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/2")

CLIENTS = 20
SUBMISSIONS = 50
RUN_SECONDS = 40
STARTUP_SECONDS = 30
# Reads the run must reach, at the very least, for its figures to mean anything.
MIN_READS = 1000


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


def wait_until_healthy(server, port):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise LoadTestFailed(f"gunicorn exited with code {server.returncode} while starting")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise LoadTestFailed(f"/healthz did not answer 200 within {STARTUP_SECONDS} s")


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


def check_requests(stats, failures_csv):
    failures = []
    total = stats["Aggregated"]
    if int(total["Failure Count"]):
        rows = "; ".join(
            f"{row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}x)" for row in failures_csv
        )
        failures.append(f"{total['Failure Count']} requests failed (5xx, a read other than 200, or no answer): {rows}")
    reads = sum(
        int(row["Request Count"]) for name, row in stats.items() if name != "Aggregated" and "send" not in name
    )
    if reads < MIN_READS:
        failures.append(f"only {reads} pages were read in {RUN_SECONDS} s (at least {MIN_READS} expected)")
    return failures


def check_submissions(outcomes):
    refused = {title: problem for title, problem in outcomes.items() if problem}
    failures = []
    if len(outcomes) != SUBMISSIONS:
        failures.append(f"{len(outcomes)} of {SUBMISSIONS} submissions were attempted")
    if refused:
        sample = "; ".join(f"{title!r}: {problem}" for title, problem in list(refused.items())[:3])
        failures.append(f"{len(refused)} submissions were not accepted with a 302 to the thanks page: {sample}")
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


def read_stats(prefix):
    with open(f"{prefix}_stats.csv") as stats_file:
        stats = {row["Name"]: row for row in csv.DictReader(stats_file)}
    with open(f"{prefix}_failures.csv") as failures_file:
        failures = list(csv.DictReader(failures_file))
    return stats, failures


def report(stats):
    print(f"\n{'':>22} {'requests':>9} {'failures':>9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7}")
    for name, row in stats.items():
        print(
            f"{name[:22]:>22} {row['Request Count']:>9} {row['Failure Count']:>9} "
            f"{float(row['Requests/s']):7.1f} {row['50%']:>7} {row['99%']:>7}"
        )


# --- The whole run ------------------------------------------------------------------------------


def run(workdir):
    port = free_port()
    env = production_environment(port=port, workdir=workdir)
    print(f"Fresh database {DB_NAME}, Redis {REDIS_URL} flushed")
    recreate_database(POSTGRES_URL, DB_NAME)
    flush_redis(REDIS_URL)
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
            exercise(env, port, workdir)
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


def exercise(env, port, workdir):
    run_id = secrets.token_hex(4)
    prefix = workdir / "locust"
    results = workdir / "submissions.json"
    print(f"Locust: {CLIENTS} visitors for {RUN_SECONDS} s, {SUBMISSIONS} submissions among their reads...")
    locust = subprocess.run(
        [
            sys.executable, "-m", "locust", "-f", str(PROJECT / "scripts" / "locustfile.py"), "--headless",
            "--users", str(CLIENTS), "--spawn-rate", str(CLIENTS), "--run-time", f"{RUN_SECONDS}s",
            "--stop-timeout", "10", "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
            "--exit-code-on-error", "0", "--loglevel", "WARNING",
        ],
        cwd=PROJECT,
        env={**os.environ, "LOADTEST_RUN_ID": run_id, "LOADTEST_SUBMISSIONS": str(SUBMISSIONS),
             "LOADTEST_RESULTS": str(results)},
        capture_output=True,
        text=True,
        timeout=RUN_SECONDS + 60,
    )  # fmt: skip
    if locust.returncode != 0 or not results.exists():
        raise LoadTestFailed(f"Locust did not run to the end:\n{locust.stdout[-2000:]}{locust.stderr[-2000:]}")
    stats, failures_csv = read_stats(prefix)
    report(stats)
    outcomes = json.loads(results.read_text())
    titles = [f"Load test story {number:02d} ({run_id})" for number in range(SUBMISSIONS)]
    failures = [
        *check_requests(stats, failures_csv),
        *check_submissions(outcomes),
        *check_database(stored_state(env), titles),
    ]
    if failures:
        raise LoadTestFailed("\n".join(f"- {failure}" for failure in failures))
    print(f"\nPASSED: no 5xx; all {SUBMISSIONS} stories stored once; {2 * SUBMISSIONS} mails queued, one per message")


def main():
    with tempfile.TemporaryDirectory(prefix="lemtrada-loadtest-") as workdir:
        try:
            run(Path(workdir))
        except (LoadTestFailed, ServerFailed) as failure:
            print(f"\nLOAD TEST FAILED:\n{failure}", file=sys.stderr)
            return 1
        finally:
            drop_database(POSTGRES_URL, DB_NAME)
            flush_redis(REDIS_URL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
