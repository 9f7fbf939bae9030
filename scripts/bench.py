"""
`make bench`: how fast the public pages are served, against nginx serving the same pages as files.

1. A throwaway SQLite database with the seed content and 1,000 approved stories.
2. The query count of each page, cold (page cache empty) and warm (from the page cache).
3. `wrk -t2 -c50` against each page, served four ways: gunicorn as `make serve` runs it
   (gunicorn.conf.py as it stands); gunicorn with 2 sync workers; the shipped deploy/nginx.conf
   (with its micro-cache) in front of those 2 workers; and nginx serving a snapshot of each page
   as a static file (the ceiling).

Prints one Markdown table (docs/performance.md keeps one run's). Targets: each page served directly
by 2 sync workers reaches 1,000 req/s, and behind nginx at least half of nginx-static's req/s; the
script says which are missed. Bounded (about 2 minutes), loopback only; cleans up after itself.
Needs wrk (apt-get install wrk) and nginx (apt-get install nginx-light).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from scripts.servers import (  # noqa: E402
    ServerFailed,
    free_port,
    manage,
    production_environment,
    start_gunicorn,
    start_nginx,
    stop,
    wait_for,
)

SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
STORIES = 1000
DIRECT_TARGET = 1000  # req/s, 2 sync workers
PROXY_SHARE_TARGET = 0.5  # of nginx-static's req/s

LOAD_STORIES = f"""
from django.db import transaction
from django.utils import timezone
from pages.models import SideEffect
from stories.models import Story
effects = list(SideEffect.objects.published()[:3])
body = "## How it went\\n\\nThe infusions were **long** but the nurses were kind. " * 6
with transaction.atomic():
    for number in range({STORIES}):
        story = Story.objects.create(display_name=f"Author {{number}}", title=f"My story {{number}}", body=body,
            status="approved", consent_version="2026-11", consented_at=timezone.now(), published_at=timezone.now())
        story.side_effects.set(effects)
print(Story.objects.published().first().get_absolute_url())
"""

COUNT_QUERIES = """
import json
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, counts = Client(HTTP_HOST="127.0.0.1"), {}
for url in json.loads(URLS):
    cache.clear()
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


def wrk(url):
    """(req/s, p50 ms, p99 ms) from one wrk run."""
    result = subprocess.run(
        ["wrk", "-t2", "-c50", f"-d{SECONDS}s", "--latency", url], capture_output=True, text=True, timeout=SECONDS + 30
    )
    output = result.stdout
    if "Non-2xx or 3xx responses" in output or "Socket errors" in output and "timeout" in output:
        print(output, file=sys.stderr)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return rate, _latency(output, "50%"), _latency(output, "99%")


def _latency(output, percentile):
    value, unit = re.search(rf"{percentile}\s+([\d.]+)(us|ms|s)", output).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_pages(base, urls):
    return {url: wrk(base + url) for url in urls}


def with_gunicorn(env, workdir, name, urls):
    log = open(workdir / f"gunicorn-{name}.log", "w")
    process = start_gunicorn(env, log)
    try:
        wait_for(f"http://{env['BIND']}/healthz", process)
        for url in urls:  # warm every worker's page cache
            for _ in range(8):
                urllib.request.urlopen(f"http://{env['BIND']}{url}", timeout=10).read()
        return run_pages(f"http://{env['BIND']}", urls)
    finally:
        stop(process)
        log.close()


def main():
    for tool in ["wrk", "nginx"]:
        if shutil.which(tool) is None:
            sys.exit(f"make bench needs {tool}: apt-get install {'nginx-light' if tool == 'nginx' else tool}")
    workdir = Path(tempfile.mkdtemp(prefix="lemtrada-bench-"))
    try:
        bench(workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def bench(workdir):
    port = free_port()
    env = production_environment(port=port, workdir=workdir, database_url=f"sqlite:///{workdir / 'db.sqlite3'}")
    print(f"Loading the seed content and {STORIES:,} approved stories into a throwaway database…", flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "load_seed_content")
    story_url = manage(env, "shell", "-c", LOAD_STORIES).strip().splitlines()[-1]
    urls = ["/", "/treatment/", "/side-effects/", "/stories/", "/stories/?page=25", story_url, "/stories/feed/"]
    counts = json.loads(
        manage(
            {**env, "URLS": json.dumps(urls)}, "shell", "-c", "import os; URLS = os.environ['URLS']\n" + COUNT_QUERIES
        )
        .strip()
        .splitlines()[-1]
    )

    print("gunicorn as make serve runs it…", flush=True)
    serve_env = {key: value for key, value in env.items() if key not in {"WEB_CONCURRENCY", "GUNICORN_THREADS"}}
    serve = with_gunicorn(serve_env, workdir, "serve", urls)

    print("gunicorn, 2 sync workers; then the shipped nginx in front of it…", flush=True)
    sync_env = {**env, "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "1"}
    log = open(workdir / "gunicorn-sync.log", "w")
    gunicorn = start_gunicorn(sync_env, log)
    nginx = static = None
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", gunicorn)
        snapshot = workdir / "snapshot"
        snapshot.mkdir()
        for number, url in enumerate(urls):
            for _ in range(8):
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}{url}", timeout=10).read()
            (snapshot / f"{number}.html").write_bytes(page)
        direct = run_pages(f"http://127.0.0.1:{port}", urls)
        nginx, proxy_port = start_nginx(workdir=workdir, app_port=port)
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
        for process in [static, nginx]:
            if process is not None:
                stop(process)
        stop(gunicorn)
        log.close()

    report(urls, story_url, counts, serve, direct, proxied, files)


def report(urls, story_url, counts, serve, direct, proxied, files):
    def cell(result):
        rate, p50, p99 = result
        return f"{rate:,.0f} ({p50:.1f} / {p99:.1f})"

    print(f"\nwrk -t2 -c50 -d{SECONDS}s; req/s (p50 / p99 latency in ms); ratios to nginx-static's req/s\n")
    print(
        "| page | nginx static | app, 2 sync workers | ratio | behind nginx | ratio | app as make serve | "
        "queries cold / warm |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    missed = []
    for url in urls:
        name = "one story" if url == story_url else f"`{url}`"
        static_rate = files[url][0]
        print(
            f"| {name} | {cell(files[url])} | {cell(direct[url])} | {direct[url][0] / static_rate:.2f} | "
            f"{cell(proxied[url])} | {proxied[url][0] / static_rate:.2f} | {cell(serve[url])} | "
            f"{counts[url][0]} / {counts[url][1]} |"
        )
        if direct[url][0] < DIRECT_TARGET:
            missed.append(f"{url}: {direct[url][0]:,.0f} req/s direct (target {DIRECT_TARGET:,})")
        if proxied[url][0] < PROXY_SHARE_TARGET * static_rate:
            missed.append(f"{url}: behind nginx {proxied[url][0] / static_rate:.2f} of static (target 0.5)")
    print(f"\nLoad average during the run: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs.")
    if missed:
        print("\nMissed targets:\n  " + "\n  ".join(missed))


if __name__ == "__main__":
    try:
        main()
    except ServerFailed as error:
        sys.exit(str(error))
