"""
The site as production runs it, on loopback, for the scripts and tests that need real servers:
gunicorn with DEBUG off (gunicorn.conf.py), and nginx with the shipped deploy/nginx.conf in front.
Used by scripts/loadtest.py, scripts/hostile_input_bench.py, scripts/cluster_check.py and
tests/test_nginx_private_links.py.
"""

import contextlib
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import psycopg
import redis

PROJECT = Path(__file__).resolve().parent.parent
STARTUP_SECONDS = 30


class ServerFailed(Exception):
    """A server did not start, or a set-up command failed; the message says which and why."""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(*, port, workdir, database_url, **extra):
    """DEBUG off and everything from the environment, as docs/deploy.md sets it, on plain-HTTP loopback."""
    dropped = {
        "DEBUG",
        "TASKS_BACKEND",
        "REDIS_URL",
        "PAGE_CACHE_URL",
        "CLIENT_IP_HEADER",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    }
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        EMAIL_URL="consolemail://",
        SITE_URL="https://lemtrada.example.org",
        STATIC_ROOT=str(workdir / "static"),
        MEDIA_ROOT=str(workdir / "media"),
        # The scripts speak plain HTTP on loopback, as the TLS proxy does.
        SECURE_SSL_REDIRECT="0",
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    env.update(extra)
    return env


def recreate_database(server_url, name):
    """A fresh, empty PostgreSQL database `name` on the server at `server_url` (postgres://user@host:port)."""
    drop_database(server_url, name)
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(server_url, name):
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def flush_redis(url):
    with redis.Redis.from_url(url) as client:
        client.flushdb()


def manage(env, *args):
    """Run a management command; on failure, show its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=180
    )
    if result.returncode != 0:
        raise ServerFailed(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def start_gunicorn(env, log):
    return subprocess.Popen(
        # No control socket: the default one ($HOME/.gunicorn/gunicorn.ctl) may belong to a real instance.
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--no-control-socket", "lemtrada_site.wsgi"],
        cwd=PROJECT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        # Its own process group, so the master and its workers can be stopped together if need be.
        start_new_session=True,
    )


def wait_for(url, process, *, seconds=STARTUP_SECONDS):
    """Wait until `url` answers (any status), or fail if the process exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerFailed(f"{process.args[0]} exited with code {process.returncode} while starting")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise ServerFailed(f"{url} did not answer within {seconds} s")


def stop(process, *, grace=35):
    if process.poll() is not None:
        return
    process.terminate()  # gunicorn's and nginx's graceful shutdown
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def nginx_config(*, workdir, port, redirect_port, app_port=None, app_ports=()):
    """
    deploy/nginx.conf as shipped, with only its addresses and paths pointed at `workdir` and loopback:
    its upstream block names the app server on `app_port`, or every one in `app_ports`.
    """
    config = (PROJECT / "deploy" / "nginx.conf").read_text()
    config = re.sub(r"listen 443 ssl[^;]*;", f"listen 127.0.0.1:{port};", config)
    config = re.sub(r"\n\s*ssl_certificate(_key)? [^;]+;", "", config)
    config = config.replace("listen 80;", f"listen 127.0.0.1:{redirect_port};")
    servers = "\n    ".join(f"server 127.0.0.1:{each};" for each in ([app_port] if app_port else app_ports))
    config = config.replace("server 127.0.0.1:8000;", servers)
    config = config.replace("/var/log/nginx/", f"{workdir}/")
    config = config.replace("/var/lib/lemtrada/media/", f"{workdir}/media/")
    config = config.replace("/var/cache/nginx/lemtrada", f"{workdir}/nginx-cache")
    return f"""
user root;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log info;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    access_log {workdir}/nginx-default-access.log;
{config}
}}
"""


def start_nginx(*, workdir, app_port=None, app_ports=()):
    """
    nginx with the shipped configuration in front of gunicorn on `app_port` (or balancing between
    the servers on `app_ports`); returns (process, port).
    """
    port, redirect_port = free_port(), free_port()
    (workdir / "media").mkdir(exist_ok=True)
    conf = workdir / "nginx.conf"
    conf.write_text(
        nginx_config(
            workdir=workdir,
            port=port,
            redirect_port=redirect_port,
            app_port=app_port,
            app_ports=app_ports,
        )
    )
    checked = subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(workdir)], capture_output=True, text=True)
    if checked.returncode != 0:
        raise ServerFailed(f"nginx refused the configuration:\n{checked.stderr}")
    process = subprocess.Popen(
        ["nginx", "-c", str(conf), "-p", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/healthz", process)
    return process, port


@contextlib.contextmanager
def site_behind_nginx(workdir, *, workers, setup="", **extra):
    """
    The site as production runs it, on SQLite in `workdir`: migrated, static files collected, the
    seed content loaded and `setup` (Python for `manage.py shell`) run; gunicorn with `workers` sync
    workers, the shipped nginx in front; `extra` adds to the environment. Logs go to `workdir`.
    Yields (its environment, the app's address, nginx's address).
    """
    port = free_port()
    env = production_environment(
        port=port, workdir=workdir, database_url=f"sqlite:///{workdir / 'db.sqlite3'}", **extra
    )
    env["WEB_CONCURRENCY"], env["GUNICORN_THREADS"] = str(workers), "1"
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "load_seed_content")
    if setup:
        manage(env, "shell", "-c", setup)
    log = open(workdir / "gunicorn.log", "w")
    gunicorn = start_gunicorn(env, log)
    nginx = None
    try:
        wait_for(f"http://127.0.0.1:{port}/healthz", gunicorn)
        nginx, proxy_port = start_nginx(workdir=workdir, app_port=port)
        yield env, f"http://127.0.0.1:{port}", f"http://127.0.0.1:{proxy_port}"
    finally:
        if nginx is not None:
            stop(nginx)
        stop(gunicorn)
        log.close()
