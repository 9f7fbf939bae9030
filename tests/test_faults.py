"""Outside failures are survivable, and nothing a patient sent is lost."""

import re

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from stories.models import Story

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    # Every query, server-side (chunked) cursors included, goes through _cursor().
    monkeypatch.setattr(BaseDatabaseWrapper, "_cursor", refuse)


@pytest.fixture
def outage_client():
    return Client(raise_request_exception=False)


def test_healthz_is_503_when_the_database_does_not_answer(outage_client, database_down):
    response = outage_client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.parametrize("url", ["/", "/treatment/", "/side-effects/", "/stories/", "/stories/share/"])
def test_every_page_is_a_friendly_503_without_a_traceback_when_the_database_is_down(
    outage_client, seeded, database_down, url
):
    response = outage_client.get(url)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Sorry, the site is not available right now" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_the_404_page_is_a_styled_site_page_with_navigation_and_no_debug_output(client, seeded):
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-nav"' in html and ">Treatment<" in html
    assert "Sorry, we cannot find that page" in html
    assert "Using the URLconf" not in html and "Traceback" not in html


def test_a_submission_or_an_admin_login_during_an_outage_gets_the_friendly_503(
    outage_client, seeded, database_down, story_form_data
):
    for url, data in [
        ("/stories/share/", story_form_data()),
        ("/admin/login/", {"username": "nurse", "password": "whatever-it-is"}),
    ]:
        response = outage_client.post(url, data)
        assert response.status_code == 503, url
        assert "Sorry, the site is not available right now" in response.content.decode()


def test_the_403_and_csrf_pages_are_kind_site_pages(seeded, story_form_data):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/stories/share/", story_form_data())
    assert response.status_code == 403
    assert "Sorry, we could not accept that form" in response.content.decode()


@pytest.fixture
def redis_down(settings):
    down = {
        "BACKEND": "lemtrada_site.cache.FailOpenRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {"default": down, "pages": down}


def test_with_redis_down_pages_still_answer(client, seeded, redis_down, caplog):
    for url in ["/", "/treatment/", "/side-effects/", "/side-effects/itp/", "/stories/"]:
        assert client.get(url).status_code == 200, url
    assert "Cache unavailable" in caplog.text


@pytest.fixture
def redis_hung(settings):
    """A Redis that accepts connections and never answers: every call waits for its timeout."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    connections = []

    def accept_and_stay_silent():
        while True:
            try:
                connections.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept_and_stay_silent, daemon=True).start()
    hung = {
        "BACKEND": "lemtrada_site.cache.FailOpenRedisCache",
        "LOCATION": f"redis://127.0.0.1:{server.getsockname()[1]}/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    settings.CACHES = {"default": hung, "pages": hung}
    yield connections
    server.close()
    for connection in connections:
        connection.close()


def test_a_hung_redis_costs_one_timeout_then_the_site_stops_asking_and_says_so_once(
    client, seeded, redis_hung, story_form_data, caplog
):
    for number in range(10):
        assert client.get("/treatment/").status_code == 200
        assert client.post("/stories/share/", story_form_data(title=f"Story {number}")).status_code == 302
    assert Story.objects.count() == 10  # the rate limit failed open
    # One connection timed out; for the next 30 s nobody waited on Redis again.
    assert len(redis_hung) == 1
    assert caplog.text.count("Cache unavailable") == 1


def test_with_redis_down_submissions_are_still_accepted(client, seeded, redis_down, story_form_data):
    for number in range(7):  # the rate limit fails open too
        response = client.post("/stories/share/", story_form_data(title=f"Story {number}"))
        assert response.status_code == 302
    assert Story.objects.count() == 7


def run_worker():
    call_command("worker", batch=True, reload=False, startup_delay=False, interval=0.1, verbosity=0)


def test_with_smtp_down_the_story_is_saved_and_the_mail_goes_once_smtp_returns(
    client, seeded, mail_queue, settings, story_form_data, mailoutbox, moderator
):
    working_mail = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 1, "timeout": 1},  # refused: the mail server is down
        }
    }
    response = client.post("/stories/share/", story_form_data(), follow=True)
    assert "Thank you for sharing your story" in response.content.decode()
    assert Story.objects.filter(status=Story.Status.PENDING).count() == 1

    run_worker()  # the mail server refuses; the mail waits for another try
    assert mailoutbox == []

    settings.MAILERS = working_mail  # the mail server is back...
    retries = DBTaskResult.objects.filter(status="READY")
    assert retries.count() == 2 and all(retry.run_after > timezone.now() for retry in retries)
    retries.update(run_after=timezone.now())  # ...and the retry's time has come
    run_worker()
    assert sorted(mail.to[0] for mail in mailoutbox) == ["jo@example.org", "moderator@example.org"]
    receipt = next(mail for mail in mailoutbox if mail.to == ["jo@example.org"])
    link = re.search(r"https://lemtrada.test(/stories/mine/[\w-]+/)", receipt.body).group(1)
    assert client.get(link).status_code == 200

    run_worker()  # and nothing is sent twice
    assert len(mailoutbox) == 2


def test_queued_mail_carries_no_personal_data_or_private_link(client, seeded, mail_queue, story_form_data):
    client.post("/stories/share/", story_form_data())
    queued = list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    assert len(queued) == 2
    assert "jo@example.org" not in str(queued) and "/stories/mine/" not in str(queued)


def test_the_400_403_404_and_500_pages_render_as_site_pages_without_the_database(rf, database_down):
    from django.views import defaults

    from lemtrada_site.views import server_error

    request = rf.get("/somewhere/")
    pages = {
        400: defaults.bad_request(request, Exception()),
        403: defaults.permission_denied(request, Exception()),
        404: defaults.page_not_found(request, Exception()),
        500: server_error(request),
    }
    for status, response in pages.items():
        html = response.content.decode()
        assert response.status_code == status
        assert 'class="site-header"' in html and 'href="/static/css/site.css"' in html, status
        assert "Traceback" not in html, status


class SimulatedClock:
    """Time for the worker's waits, passing at once: a 10-second outage without a 10-second test."""

    def __init__(self):
        self.now = 0.0
        self.waits = []

    def monotonic(self):
        return self.now

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.now += seconds


def test_the_worker_waits_out_a_ten_second_database_outage_then_sends_every_mail_once(
    client, seeded, mail_queue, monkeypatch, story_form_data, mailoutbox, moderator, caplog
):
    from lemtrada_site.management.commands import worker

    client.post("/stories/share/", story_form_data())  # two mails queued: the receipt and the moderators' note
    clock = SimulatedClock()
    monkeypatch.setattr(worker, "time", clock)
    monkeypatch.setattr(worker.connections, "close_all", lambda: None)  # the test's own connection stays
    real_cursor = BaseDatabaseWrapper._cursor

    def down_for_ten_seconds(self, *args, **kwargs):
        if clock.now < 10:
            raise OperationalError("could not connect to server: Connection refused")
        return real_cursor(self, *args, **kwargs)

    monkeypatch.setattr(BaseDatabaseWrapper, "_cursor", down_for_ten_seconds)
    call_command("worker", batch=True, reload=False, startup_delay=False, interval=0.1, verbosity=0)

    assert clock.waits == [1, 2, 4, 8]  # it waited, with growing gaps, instead of exiting
    assert sorted(mail.to[0] for mail in mailoutbox) == ["jo@example.org", "moderator@example.org"]
    outage_lines = [record for record in caplog.records if "Database unavailable" in record.getMessage()]
    assert len(outage_lines) == 1
    call_command("worker", batch=True, reload=False, startup_delay=False, interval=0.1, verbosity=0)
    assert len(mailoutbox) == 2  # nothing sent twice
