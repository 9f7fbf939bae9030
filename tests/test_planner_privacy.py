"""The planner keeps nothing: no rows, no log lines with the dates, no caching, no Referer, no search engines."""

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from plan_dates import calendar_url, plan_url

pytestmark = pytest.mark.django_db

PLANNER_PAGES = {
    "form": "/planner/",
    "form filled in again": "/planner/?course1_day=17&course1_month=3&course1_year=2027",
    "plan": plan_url((17, 3, 2027), (23, 3, 2028)),
    "form with errors": plan_url((31, 2, 2027), (23, 3, 2028)),
    "calendar file": calendar_url((17, 3, 2027), (23, 3, 2028)),
}


@pytest.mark.parametrize("page", PLANNER_PAGES)
def test_planner_pages_are_not_cached_sent_as_referer_or_indexed(client, page):
    response = client.get(PLANNER_PAGES[page])

    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "noindex" in response["X-Robots-Tag"]
    if response["Content-Type"].startswith("text/html"):
        assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


@pytest.mark.parametrize("page", PLANNER_PAGES)
def test_making_a_plan_writes_nothing_to_the_database_and_sets_no_cookie(client, page):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PLANNER_PAGES[page])

    writes = [q["sql"] for q in queries if not q["sql"].lstrip().upper().startswith("SELECT")]
    assert not writes
    assert not response.cookies


@pytest.mark.parametrize("page", PLANNER_PAGES)
def test_no_log_line_holds_the_dates(client, caplog, page):
    caplog.set_level(logging.DEBUG)
    logging.getLogger("django.db.backends").setLevel(logging.DEBUG)

    client.get(PLANNER_PAGES[page])

    lines = [record.getMessage() for record in caplog.records]
    assert not [line for line in lines if "course1" in line or any(f"{value}" in line for value in ("2027", "2028"))]


def test_the_planner_says_the_dates_are_kept_only_in_its_address(client):
    for path in ("/planner/", plan_url((17, 3, 2027))):
        html = client.get(path).content.decode()
        assert "We don't store, log or send anywhere the dates you enter." in html
        assert "They are kept only in the address of your plan." in html


def test_the_plan_is_made_with_a_get_form_so_nothing_is_posted(client):
    html = client.get("/planner/").content.decode()

    assert '<form method="get" action="/planner/plan/" novalidate>' in html
    assert "csrfmiddlewaretoken" not in html


@pytest.mark.parametrize("typed", [("²", "1", "2027"), ("1", "①", "2027"), ("3", "1", "²⁰²⁶")])
def test_a_date_in_superscript_or_circled_digits_is_answered_kindly_and_reaches_no_log(client, caplog, typed):
    caplog.set_level(logging.DEBUG)
    client.raise_request_exception = False

    response = client.get(plan_url(typed))

    assert response.status_code == 200
    assert "Please use numbers only" in response.content.decode()
    formatter = logging.Formatter("%(name)s %(message)s")
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    unusual = next(value for value in typed if not value.isascii())
    assert unusual not in logged and "2027" not in logged
    assert "/planner/" not in logged, "not even the address of the request"
