"""What a newcomer's terminal shows: no library banners, each log line once, `make test` ending on its result."""

import re
import sys

import pytest
from newcomer import fresh_shell, run

pytestmark = pytest.mark.servers  # they run make, or Django in a process of its own

LOG_ONCE = """
import logging, django
django.setup()
logging.getLogger("django.request").warning("Not Found: /no-such-page/")
logging.getLogger("django.tasks").info("Task id=1 path=stories.emails.send state=SUCCESSFUL")
logging.getLogger("django.utils.autoreload").info("Watching for file changes with StatReloader")
logging.getLogger("pages").info("A line from the site itself")
"""


def test_every_log_line_from_django_and_the_site_prints_once_and_no_banner(tmp_path):
    env = {**fresh_shell(tmp_path), "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "lemtrada_site.settings"}
    result = run(f"{sys.executable} -c '{LOG_ONCE}'", env, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for message in ["Not Found: /no-such-page/", "state=SUCCESSFUL", "Watching for file changes", "from the site"]:
        assert len([line for line in lines if message in line]) == 1, result.stderr
    assert "AXES" not in result.stdout + result.stderr


def test_make_test_ends_with_its_result_line_and_explains_what_it_left_out(tmp_path):
    # The history tests once set off a deprecation warning inside django-simple-history; the small-screen
    # browser tests and the nginx tests are left out, as make test leaves out every browser and server test.
    env = fresh_shell(tmp_path)
    del env["DATABASE_URL"]  # the test database of its own, in memory, not this run's
    chosen = "tests/test_page_history.py tests/browser/test_small_screens.py tests/test_nginx_private_links.py"
    result = run(f'make test PYTEST_ARGS="{chosen}"', env)
    assert result.returncode == 0, result.stdout + result.stderr

    lines = [line for line in result.stdout.splitlines() if line.strip()]
    # One worker per core (pytest-xdist), whose result line counts what ran, not what was left out.
    assert re.fullmatch(r"=+ \d+ passed in [\d.]+s( \([\d:]+\))? =+", lines[-1]), lines[-1]
    servers = re.fullmatch(r"(\d+) server tests? deselected: make test-servers runs them\.", lines[-3])
    browser = re.fullmatch(r"(\d+) browser tests? deselected: make test-browser runs them\.", lines[-2])
    assert servers and browser, lines[-3:]
    for count, marker in [(servers, "servers"), (browser, "browser")]:
        listed = run(f"{sys.executable} -m pytest --collect-only -q -m {marker} {chosen}", env)
        assert f"{count.group(1)}/" in listed.stdout.splitlines()[-1], (marker, listed.stdout[-300:])
    assert "warning" not in result.stdout.lower()
    assert "AXES" not in result.stdout + result.stderr
