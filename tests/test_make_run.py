"""`make run` as a newcomer uses it: any port, a clear message when the port is taken, a quiet terminal."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from newcomer import ROOT, free_port, fresh_shell, run

pytestmark = pytest.mark.servers  # they run make, or Django in a process of its own


def test_a_busy_port_fails_at_once_with_a_way_out_and_runs_no_setup(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = run(f"make run PORT={port}", fresh_shell(tmp_path), timeout=30)
        took = time.monotonic() - started

    assert result.returncode != 0
    assert took < 2
    assert f"port {port} on 127.0.0.1 is already in use" in result.stderr
    assert f"make run PORT={port + 1}" in result.stderr
    # No setup step ran: no migration, no database file, no admin account.
    assert "manage.py" not in result.stdout + result.stderr
    assert not (tmp_path / "dev.sqlite3").exists()


class Server:
    """`make run` in the background, its terminal output collected line by line."""

    def __init__(self, command, env):
        self.lines = []
        self.process = subprocess.Popen(
            command,
            shell=True,
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,  # its own process group, so stopping it stops runserver's reloader too
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in line for line in self.lines):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared:\n" + "\n".join(self.lines))

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One `make run` for the tests below, which use it in order: sign in, reset the password, read the log."""
    port = free_port()
    env = fresh_shell(tmp_path_factory.mktemp("make-run"))
    started = Server(f"make run PORT={port}", env)
    started.port, started.env = port, env
    try:
        started.wait_for("Quit the server with CONTROL-C")
        yield started
    finally:
        started.stop()


def sign_in(base, username, password):
    """Sign in to the admin as a browser would (form, cookie, CSRF token, Origin); True if it worked."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    form = opener.open(f"{base}/admin/login/?next=/admin/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": username, "password": password, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(f"{base}/admin/login/", data=data, headers={"Origin": base, "Referer": base})
    page = opener.open(request, timeout=10)
    return page.url.endswith("/admin/") and "Log out" in page.read().decode()


def printed_password(output):
    return re.search(r"username: (\S+)\s+password: (\S+)", output).groups()


def test_make_run_serves_on_the_port_asked_for_with_a_password_that_works(server):
    base = f"http://127.0.0.1:{server.port}"
    output = "\n".join(server.lines)
    assert f"Sign in at {base}/admin/" in output
    assert f"development server at {base}/" in output
    assert urllib.request.urlopen(f"{base}/", timeout=10).status == 200

    username, password = printed_password(output)
    assert sign_in(base, username, password)


def test_a_fresh_make_run_shows_every_page_as_not_yet_checked_by_a_health_professional(server):
    base = f"http://127.0.0.1:{server.port}"
    for path in ["/", "/treatment/", "/monitoring/", "/side-effects/itp/", "/side-effects/infusion-reactions/"]:
        html = urllib.request.urlopen(f"{base}{path}", timeout=10).read().decode()
        assert "Not yet checked by a health professional." in html, path
        assert "Reviewed by" not in html and "Next review due" not in html, path


def test_a_lost_password_is_replaced_by_create_dev_admin_reset(server):
    base = f"http://127.0.0.1:{server.port}"
    username, old_password = printed_password("\n".join(server.lines))

    result = run(f'make manage ARGS="create_dev_admin --reset" PORT={server.port}', server.env)
    assert result.returncode == 0, result.stderr
    _, new_password = printed_password(result.stdout)

    assert new_password != old_password
    assert sign_in(base, username, new_password)
    assert not sign_in(base, username, old_password)


def test_make_run_prints_no_banner_and_each_log_line_once(server):
    base = f"http://127.0.0.1:{server.port}"
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"{base}/no-such-page/", timeout=10)
    server.wait_for('"GET /no-such-page/ HTTP/1.1" 404')

    lines = server.lines
    # No library narrating itself: django-axes's banner and its chatter at each sign-in. (The wrong
    # password tried above is a warning, and stays.)
    assert not [line for line in lines if "BEGIN version" in line or "INFO axes" in line]
    for message in ["Not Found: /no-such-page/", "Watching for file changes", '"GET /no-such-page/ HTTP/1.1" 404']:
        assert len([line for line in lines if message in line]) == 1, f"{message!r}:\n" + "\n".join(lines)
    # Nothing else twice in a row either (the time stamps aside).
    untimed = [re.sub(r"^\[?[\d/:,\- A-Za-z]{19,26}\]? ", "", line) for line in lines if line.strip()]
    assert not [a for a, b in zip(untimed, untimed[1:], strict=False) if a == b], "\n".join(lines)
