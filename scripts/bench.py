"""
`make bench`: how fast the public pages are served, against nginx serving the same pages as files.

1. A throwaway SQLite database with the seed content and 1,000 approved stories.
2. The query count of each page, cold (page cache empty) and warm (from the page cache).
3. `wrk -t2 -c50` against each page, served four ways: gunicorn as `make serve` runs it
   (gunicorn.conf.py as it stands); gunicorn with 2 sync workers; the shipped deploy/nginx.conf
   (with its micro-cache) in front of those 2 workers; and nginx serving a snapshot of each page
   as a static file (the ceiling).

Prints one Markdown table (docs/performance.md keeps one run's). Targets: each page served directly
by 2 sync workers reaches 1,000 req/s, and behind nginx at least half of nginx-static's req/s with a
p99 of at most 100 ms; the script says which are missed. Bounded (about 2 minutes), loopback only;
cleans up after itself. Needs wrk (apt-get install wrk) and nginx (apt-get install nginx-light).

`make bench BASELINE=/path/to/another/checkout` also serves the same pages from that checkout (its
own .venv, its own throwaway database) with 2 sync workers, each page measured alternately with ours
BENCH_ROUNDS times (3; the median run of each counts), and prints the ratio: how a change compares
with the code it started from, in one run on one machine. It also prints the app's own CPU time per
cache hit on each side (no server or load generator in it): the work a hit is, whatever else runs.

`make bench STORIES=100000` is the scale mode: PostgreSQL and Redis, 2 sync workers, and sequential
requests (the time one reader waits) for a cache hit, a miss (the page's copy gone) and the first
request after a change, at 1,000, 10,000 and 100,000 stories (filled in bulk, with their stored HTML).
It uses (and empties, then drops) the database BENCH_DATABASE_URL names (default
postgres://postgres@127.0.0.1:5432/lemtrada_bench) and empties the Redis database BENCH_REDIS_URL
names (default redis://127.0.0.1:6379/15).
"""

import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from scripts.servers import (  # noqa: E402
    ServerFailed,
    drop_database,
    flush_redis,
    free_port,
    production_environment,
    recreate_database,
    start_nginx,
    stop,
    wait_for,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
# With a baseline: how many times each page is measured on each side, alternating (the median counts).
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
STORIES = 1000
DIRECT_TARGET = 1000  # req/s, 2 sync workers
PROXY_SHARE_TARGET = 0.5  # of nginx-static's req/s
PROXY_P99_TARGET = 100  # ms
SCALE_STEPS = (1_000, 10_000, 100_000)
# 2 sync workers, never recycled: gunicorn.conf.py's max_requests (2,000) would restart each worker
# every second or so of wrk, and the run would measure Django starting up, not pages being served.
SYNC_WORKERS = {"WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "1", "GUNICORN_CMD_ARGS": "--max-requests 0"}
BENCH_DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lemtrada_bench")
BENCH_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")

# Adds ADD approved stories after the first FROM, in bulk: their HTML rendered once, as save() would.
# Story n is published n minutes ago, so each fill goes to the end of the list. Works on any version of
# the project that has Story.body_html (the baseline too).
FILL_STORIES = """
import datetime, os
from django.db import transaction
from django.utils import timezone
from pages.models import SideEffect
from stories.models import Story, rendered_body
first, count = int(os.environ["FROM"]), int(os.environ["ADD"])
effects = list(SideEffect.objects.published().order_by("pk")[:3])
body = "## How it went\\n\\nThe infusions were **long** but the nurses were kind. " * 6
body_html, excerpt = rendered_body(body)
now = timezone.now()
Mention = Story.side_effects.through
for start in range(first, first + count, 5000):
    with transaction.atomic():
        stories = Story.objects.bulk_create([
            Story(display_name=f"Author {n}", title=f"My story {n}", slug=f"my-story-{n}", body=body,
                  body_html=body_html, excerpt=excerpt, status="approved", consent_version="2026-11",
                  consented_at=now, submitted_at=now, published_at=now - datetime.timedelta(minutes=n))
            for n in range(start, min(first + count, start + 5000))
        ])
        Mention.objects.bulk_create([Mention(story_id=s.pk, sideeffect_id=e.pk) for s in stories for e in effects])
newest = Story.objects.published().first()
print(newest.get_absolute_url() if newest else "")
"""

# The app's own CPU time per cache hit (no server, no network, no load generator): how much work a
# hit is, whatever else the machine is doing.
HIT_CPU = """
import json, os, time
from django.test import Client
client, cpu = Client(HTTP_HOST="127.0.0.1"), {}
for url in json.loads(os.environ["URLS"]):
    for _ in range(20):
        client.get(url)
    started = time.process_time()
    for _ in range(2000):
        client.get(url)
    cpu[url] = (time.process_time() - started) / 2000 * 1e6
print(json.dumps(cpu))
"""

COUNT_QUERIES = """
import json, os
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, counts = Client(HTTP_HOST="127.0.0.1"), {}
for url in json.loads(os.environ["URLS"]):
    for alias in settings.CACHES:
        caches[alias].clear()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    counts[url] = [len(cold), len(warm)]
print(json.dumps(counts))
"""

STATIC_NGINX = """
user root;
daemon off;
pid {workdir}/static-nginx.pid;
error_log {workdir}/static-nginx-error.log;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {workdir}/static-client_body;
    proxy_temp_path {workdir}/static-proxy;
    fastcgi_temp_path {workdir}/static-fastcgi;
    uwsgi_temp_path {workdir}/static-uwsgi;
    scgi_temp_path {workdir}/static-scgi;
    access_log {workdir}/static-access.log;
    server {{
        listen 127.0.0.1:{port};
        root {workdir}/snapshot;
        default_type text/html;
    }}
}}
"""


class Checkout:
    """A copy of the project (this one, or a baseline): its own Python, run from its own folder."""

    def __init__(self, path, name):
        self.path, self.name = Path(path).resolve(), name
        self.python = sys.executable if self.path == PROJECT else str(self.path / ".venv" / "bin" / "python")
        if not Path(self.python).exists():
            sys.exit(f"{self.path} has no .venv: run `make install` there first")

    def manage(self, env, *args, timeout=900):
        result = subprocess.run(
            [self.python, "manage.py", *args], cwd=self.path, env=env, capture_output=True, text=True, timeout=timeout
        )
        if result.returncode != 0:
            raise ServerFailed(f"{self.name}: manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def start_gunicorn(self, env, log):
        return subprocess.Popen(
            [self.python, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket", "lemtrada_site.wsgi"],
            cwd=self.path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def prepare(self, env, *, stories):
        """Migrate, collect static files, load the seed content and `stories` stories; returns one story's URL."""
        self.manage(env, "migrate", "--no-input", "-v0")
        self.manage(env, "collectstatic", "--no-input", "-v0")
        self.manage(env, "load_seed_content")
        return self.fill(env, first=0, count=stories)

    def fill(self, env, *, first, count):
        return self.manage({**env, "FROM": str(first), "ADD": str(count)}, "shell", "-c", FILL_STORIES)


def wrk(url, *, server=None):
    """
    (req/s, p50 ms, p99 ms) from one wrk run; with `server` (a gunicorn master process), also the
    requests served per CPU-second its workers used: what they would do with the cores to themselves.
    """
    cpu_before = workers_cpu(server) if server else 0
    result = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{SECONDS}s", "--latency", url], capture_output=True, text=True, timeout=SECONDS + 30
    )
    output = result.stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output and "timeout" in output:
        print(output, file=sys.stderr)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    measured = (rate, _latency(output, "50%"), _latency(output, "99%"))
    if not server:
        return measured
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    return (*measured, requests / max(workers_cpu(server) - cpu_before, 0.01))


def workers_cpu(server):
    """CPU seconds (user and system) used so far by the workers of the gunicorn master `server`."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    ticks = 0
    for child in children:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # a worker that has just been replaced
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_pages(base, urls):
    return {url: wrk(base + url) for url in urls}


def warm(base, urls, times=8):
    """Ask for each page a few times, so each worker has it in its page cache; returns the last bodies."""
    pages = {}
    for url in urls:
        for _ in range(times):
            pages[url] = urllib.request.urlopen(base + url, timeout=30).read()
    return pages


def load():
    return f"load average {os.getloadavg()[0]:.2f} (1 min) on {os.cpu_count()} CPUs"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, help="scale mode: PostgreSQL and Redis, up to this many stories")
    parser.add_argument("--baseline", help="another checkout of the project to measure beside this one")
    args = parser.parse_args()
    for tool in ["wrk", "nginx"]:
        if shutil.which(tool) is None:
            sys.exit(f"make bench needs {tool}: apt-get install {'nginx-light' if tool == 'nginx' else tool}")
    checkouts = [Checkout(PROJECT, "this branch")]
    if args.baseline:
        checkouts.insert(0, Checkout(args.baseline, "baseline"))
    workdir = Path(tempfile.mkdtemp(prefix="lemtrada-bench-"))
    try:
        if args.stories:
            scale(workdir, checkouts, args.stories)
        else:
            pages(workdir, checkouts)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --- The pages, four ways ---------------------------------------------------------------------------


def pages(workdir, checkouts):
    ours, baseline = checkouts[-1], (checkouts[0] if len(checkouts) > 1 else None)
    envs = {}
    for checkout in checkouts:
        folder = workdir / checkout.name.replace(" ", "-")
        folder.mkdir()
        port = free_port()
        env = production_environment(port=port, workdir=folder, database_url=f"sqlite:///{folder / 'db.sqlite3'}")
        print(
            f"{checkout.name}: the seed content and {STORIES:,} approved stories in a throwaway database…", flush=True
        )
        story_url = checkout.prepare(env, stories=STORIES)
        envs[checkout.name] = env
    urls = ["/", "/treatment/", "/side-effects/", "/stories/", "/stories/?page=25", story_url, "/stories/feed/"]
    counts = json.loads(ours.manage({**envs[ours.name], "URLS": json.dumps(urls)}, "shell", "-c", COUNT_QUERIES))
    print("the app's CPU time per cache hit…", flush=True)
    cpu = {
        checkout.name: json.loads(
            checkout.manage({**envs[checkout.name], "URLS": json.dumps(urls)}, "shell", "-c", HIT_CPU)
        )
        for checkout in checkouts
    }

    print("gunicorn as make serve runs it…", flush=True)
    serve_env = {
        key: value for key, value in envs[ours.name].items() if key not in {"WEB_CONCURRENCY", "GUNICORN_THREADS"}
    }
    serve = with_gunicorn(ours, serve_env, workdir, "serve", urls)

    print("gunicorn, 2 sync workers (beside the baseline's); then the shipped nginx in front of it…", flush=True)
    servers, logs = {}, []
    nginx = static = None
    try:
        for checkout in checkouts:
            env = {**envs[checkout.name], **SYNC_WORKERS}
            logs.append(open(workdir / f"gunicorn-sync-{len(logs)}.log", "w"))
            servers[checkout.name] = (checkout.start_gunicorn(env, logs[-1]), f"http://{env['BIND']}")
        for process, base in servers.values():
            wait_for(f"{base}/healthz", process)
        base = servers[ours.name][1]
        snapshot = workdir / "snapshot"
        snapshot.mkdir()
        for number, page in enumerate(warm(base, urls).values()):
            (snapshot / f"{number}.html").write_bytes(page)
        if baseline:
            warm(servers[baseline.name][1], urls)
        direct, before = {}, {}
        load_during = []
        for url in urls:
            # Each page: the baseline, then ours, back to back, ROUNDS times; the median run of each.
            runs = {"before": [], "direct": []}
            for _ in range(ROUNDS if baseline else 1):
                if baseline:
                    runs["before"].append(wrk(servers[baseline.name][1] + url, server=servers[baseline.name][0]))
                runs["direct"].append(wrk(base + url, server=servers[ours.name][0]))
                load_during.append(os.getloadavg()[0])
            direct[url] = _median_run(runs["direct"])
            if baseline:
                before[url] = _median_run(runs["before"])
        if baseline:
            stop(servers.pop(baseline.name)[0])
        nginx, proxy_port = start_nginx(
            workdir=workdir / ours.name.replace(" ", "-"), app_port=int(base.rsplit(":", 1)[1])
        )
        warm(f"http://127.0.0.1:{proxy_port}", urls, times=2)  # as it is after its first second
        proxied = run_pages(f"http://127.0.0.1:{proxy_port}", urls)

        print("nginx serving the same pages as static files…", flush=True)
        static_port = free_port()
        conf = workdir / "static-nginx.conf"
        conf.write_text(STATIC_NGINX.format(workdir=workdir, port=static_port))
        static = subprocess.Popen(
            ["nginx", "-c", str(conf), "-p", str(workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(f"http://127.0.0.1:{static_port}/0.html", static)
        files = run_pages(f"http://127.0.0.1:{static_port}", [f"/{number}.html" for number in range(len(urls))])
        files = {url: files[f"/{number}.html"] for number, url in enumerate(urls)}
    finally:
        for process in [static, nginx, *(process for process, _ in servers.values())]:
            if process is not None:
                stop(process)
        for log in logs:
            log.close()

    report(urls, story_url, counts, serve, direct, proxied, files, before)
    print("\nThe app's CPU time per cache hit (µs, Django's test client, 2,000 hits in one process):\n")
    names = list(cpu)
    print("| page | " + " | ".join(names) + (" | baseline ÷ this |" if baseline else " |"))
    print("|---|" + "---:|" * (len(names) + bool(baseline)))
    for url in urls:
        name = "one story" if url == story_url else f"`{url}`"
        ratio = f" | {cpu[baseline.name][url] / cpu[ours.name][url]:.1f}×" if baseline else ""
        print(f"| {name} | " + " | ".join(f"{cpu[each][url]:,.0f}" for each in names) + ratio + " |")
    print(
        f"\nLoad average while the app was measured directly: {min(load_during):.2f}–{max(load_during):.2f} (1 min);"
    )
    print(f"at the end: {load()}.")


def _median_run(runs):
    """The run with the median req/s; with the median requests per CPU-second of all runs, when measured."""
    middle = sorted(runs)[len(runs) // 2]
    if len(middle) == 3:
        return middle
    return (*middle[:3], sorted(run[3] for run in runs)[len(runs) // 2])


def with_gunicorn(checkout, env, workdir, name, urls):
    log = open(workdir / f"gunicorn-{name}.log", "w")
    process = checkout.start_gunicorn(env, log)
    try:
        wait_for(f"http://{env['BIND']}/healthz", process)
        warm(f"http://{env['BIND']}", urls)
        return run_pages(f"http://{env['BIND']}", urls)
    finally:
        stop(process)
        log.close()


def report(urls, story_url, counts, serve, direct, proxied, files, before):
    def cell(result):
        rate, p50, p99 = result[:3]
        return f"{rate:,.0f} ({p50:.1f} / {p99:.1f})"

    print(f"\nwrk -t2 -c50 -d{SECONDS}s; req/s (p50 / p99 latency in ms); ratios to nginx-static's req/s\n")
    baseline_head = "baseline, 2 sync workers | this ÷ baseline | " if before else ""
    print(
        f"| page | nginx static | {baseline_head}app, 2 sync workers | ratio | behind nginx | ratio | "
        "app as make serve | queries cold / warm |"
    )
    print("|---|---:|" + ("---:|---:|" if before else "") + "---:|---:|---:|---:|---:|---:|")
    missed = []
    for url in urls:
        name = "one story" if url == story_url else f"`{url}`"
        static_rate = files[url][0]
        compared = f"{cell(before[url])} | {direct[url][0] / before[url][0]:.2f}× | " if before else ""
        print(
            f"| {name} | {cell(files[url])} | {compared}{cell(direct[url])} | {direct[url][0] / static_rate:.2f} | "
            f"{cell(proxied[url])} | {proxied[url][0] / static_rate:.2f} | {cell(serve[url])} | "
            f"{counts[url][0]} / {counts[url][1]} |"
        )
        if direct[url][0] < DIRECT_TARGET:
            missed.append(f"{url}: {direct[url][0]:,.0f} req/s direct (target {DIRECT_TARGET:,})")
        if proxied[url][0] < PROXY_SHARE_TARGET * static_rate:
            missed.append(f"{url}: behind nginx {proxied[url][0] / static_rate:.2f} of static (target 0.5)")
        if proxied[url][2] > PROXY_P99_TARGET:
            missed.append(f"{url}: behind nginx p99 {proxied[url][2]:.0f} ms (target {PROXY_P99_TARGET} ms)")
    if missed:
        print("\nMissed targets:\n  " + "\n  ".join(missed))
    if before:
        print("\nThe same runs, 2 sync workers: requests served per CPU-second the workers used (what they")
        print("would serve with two cores to themselves; other work on the machine does not change it):\n")
        print("| page | baseline | this branch | this ÷ baseline |")
        print("|---|---:|---:|---:|")
        for url in urls:
            name = "one story" if url == story_url else f"`{url}`"
            ratio = direct[url][3] / before[url][3]
            print(f"| {name} | {before[url][3]:,.0f} | {direct[url][3]:,.0f} | {ratio:.2f}× |")


# --- Scale: PostgreSQL and Redis, up to 100,000 stories ----------------------------------------------


def scale(workdir, checkouts, most):
    server, _, name = BENCH_DATABASE_URL.rpartition("/")
    steps = [step for step in SCALE_STEPS if step < most] + [most]
    results = {}
    for number, checkout in enumerate(checkouts):
        database = name if number == len(checkouts) - 1 else f"{name}_baseline"
        results[checkout.name] = scale_one(workdir / f"scale-{number}", checkout, server, database, steps)
    scale_report(steps, results)


def scale_one(workdir, checkout, server, database, steps):
    import psycopg

    workdir.mkdir()
    recreate_database(server, database)
    flush_redis(BENCH_REDIS_URL)
    port = free_port()
    env = production_environment(
        port=port, workdir=workdir, database_url=f"{server}/{database}", REDIS_URL=BENCH_REDIS_URL
    )
    env.pop("PAGE_CACHE_URL", None)
    env.update(SYNC_WORKERS)
    print(f"{checkout.name}: PostgreSQL ({database}) and Redis ({BENCH_REDIS_URL}), 2 sync workers", flush=True)
    checkout.prepare(env, stories=0)
    log = open(workdir / "gunicorn.log", "w")
    gunicorn = checkout.start_gunicorn(env, log)
    measured, filled = {}, 0
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", gunicorn)
        with psycopg.connect(f"{server}/{database}", autocommit=True) as db:
            for step in steps:
                started = time.monotonic()
                story_url = checkout.fill(env, first=filled, count=step - filled)
                seconds = time.monotonic() - started
                db.execute("VACUUM ANALYZE")
                print(f"  {step:,} stories ({step - filled:,} added in {seconds:.1f} s); measuring…", flush=True)
                filled = step
                measured[step] = measure(port, db, story_url, step, seconds)
    finally:
        stop(gunicorn)
        log.close()
        flush_redis(BENCH_REDIS_URL)
        drop_database(server, database)
    return measured


def measure(port, db, story_url, stories, fill_seconds):
    pages = -(-stories // 20)
    deep = min(2000, pages)
    deep_url, last_url = f"/stories/?page={deep}" if deep > 1 else "/stories/", f"/stories/?page={pages}"
    approved = db.execute("SELECT id FROM stories_story WHERE status = 'approved' ORDER BY id LIMIT 1").fetchone()[0]

    def change():  # what an edit to an approved story does
        db.execute("UPDATE stories_story SET updated_at = now() WHERE id = %s", [approved])

    def forget_copies():  # the page copies gone (evicted), the list's index still there
        import redis

        client = redis.Redis.from_url(BENCH_REDIS_URL)
        doomed = [key for key in client.scan_iter(match="*page:*", count=1000) if b"story-list" not in key]
        if doomed:
            client.delete(*doomed)

    return {
        "fill": fill_seconds,
        "last page": get(port, last_url)[0],
        "deep": deep_url,
        "hit /": timed(port, "/", 300),
        "hit deep list page": timed(port, deep_url, 300),
        "miss deep list page": timed(port, deep_url, 60, before=forget_copies),
        "miss one story": timed(port, story_url, 60, before=forget_copies),
        "after a change /": timed(port, "/", 30, before=change),
        "after a change deep list page": timed(port, deep_url, 30, before=change),
    }


def get(port, url):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", url, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        response.read()
        return response.status, response
    finally:
        connection.close()


def timed(port, url, times, *, before=None):
    """p50 and p99 in ms of `times` sequential requests (after two to warm both workers)."""
    for _ in range(2):
        get(port, url)
    waits = []
    for _ in range(times):
        if before:
            before()
        started = time.perf_counter()
        status, _ = get(port, url)
        waits.append((time.perf_counter() - started) * 1000)
        assert status == 200, (url, status)
    waits.sort()
    return statistics.median(waits), waits[min(len(waits) - 1, int(len(waits) * 0.99))]


def scale_report(steps, results):
    print("\nSequential requests to 2 sync workers (PostgreSQL, Redis); p50 / p99 in ms\n")
    names = list(results)
    for name in names:
        measured = results[name]
        kinds = [kind for kind in measured[steps[0]] if kind not in {"fill", "last page", "deep"}]
        print(f"{name}:\n")
        print("| stories | filled in | " + " | ".join(kinds) + " | last page |")
        print("|---:|---:|" + "---:|" * len(kinds) + "---:|")
        for step in steps:
            row = measured[step]
            cells = [f"{row[kind][0]:.1f} / {row[kind][1]:.1f}" for kind in kinds]
            print(f"| {step:,} | {row['fill']:.1f} s | " + " | ".join(cells) + f" | {row['last page']} |")
        print()
        first, last = measured[steps[0]], measured[steps[-1]]
        hit = last["hit /"][0] <= 1.5 * first["hit /"][0] + 0.5
        deep_miss = last["miss deep list page"]
        print(
            f"  hit on / at {steps[-1]:,}: {last['hit /'][0]:.2f} ms p50, {first['hit /'][0]:.2f} ms at "
            f"{steps[0]:,} ({'within' if hit else 'NOT within'} 1.5× + 0.5 ms)"
        )
        print(f"  miss on {last['deep']}: {deep_miss[0]:.1f} ms p50 ({'≤' if deep_miss[0] <= 50 else 'OVER'} 50 ms)")
        print(f"  the last page answers {last['last page']}\n")
    print(f"Deep page: /stories/?page=2000, or the last page when there are fewer. {load()}.")


if __name__ == "__main__":
    try:
        main()
    except ServerFailed as error:
        sys.exit(str(error))
