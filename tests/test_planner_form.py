"""The planner's form: reachable from every page, dates as day, month and year, and room for extra courses."""

import re

import pytest
from django.utils.html import escape
from plan_dates import plan_query, plan_url

from lemtrada_site.sources import DSU, PL, SMPC

pytestmark = pytest.mark.django_db


def date_fieldsets(html):
    return re.findall(r'<fieldset[^>]*id="field-(course\d)"[^>]*>\s*<legend>(.*?)</legend>', html)


def test_every_page_links_to_the_planner_in_the_main_navigation(client, seeded):
    for path in ("/", "/treatment/", "/side-effects/", "/stories/"):
        html = client.get(path).content.decode()
        nav = re.search(r'<nav class="site-nav" aria-label="Main">.*?</nav>', html, re.S).group(0)
        assert '<a href="/planner/">My treatment plan</a>' in nav, path


def test_the_form_asks_for_each_date_as_day_month_and_year(client):
    html = client.get("/planner/").content.decode()

    assert date_fieldsets(html) == [
        ("course1", "Course 1: the day of your first infusion"),
        ("course2", "Course 2: the day it started (optional)"),
        ("course3", "Extra course 1 (course 3): the day it started (optional)"),
    ]
    for part, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        assert f'<label for="id_course1_{part}">{label}</label>' in html
        assert re.search(rf'<input type="text" name="course1_{part}"[^>]*inputmode="numeric"', html)
    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_filling_in_an_extra_course_makes_room_for_the_next_one(client):
    html = client.get("/planner/?" + plan_query((1, 2, 2019), (3, 2, 2020), (5, 3, 2022))).content.decode()

    assert [name for name, _ in date_fieldsets(html)] == ["course1", "course2", "course3", "course4"]
    assert "Extra course 2 (course 4)" in html


def test_the_form_offers_four_courses_at_most(client):
    query = plan_query((1, 2, 2019), (3, 2, 2020), (5, 3, 2022), (6, 3, 2023))

    html = client.get(f"/planner/?{query}").content.decode()

    assert [name for name, _ in date_fieldsets(html)] == ["course1", "course2", "course3", "course4"]
    assert "Some people need one or two extra courses, each at least 12 months after the one before." in html


def test_changing_the_dates_opens_the_form_filled_in_with_the_plan_s_dates(client):
    html = client.get(plan_url((31, 1, 2027), (2, 2, 2028))).content.decode()
    change = re.search(r'<a class="button secondary" href="([^"]+)">Change the dates</a>', html).group(1)

    form = client.get(change.replace("&amp;", "&")).content.decode()

    assert 'name="course1_day" value="31"' in form
    assert 'name="course2_month" value="2"' in form
    assert "There is a problem" not in form


def test_the_plan_names_the_public_source_of_its_rules(client):
    html = client.get(plan_url((31, 1, 2027))).content.decode()

    assert "Where these rules come from" in html
    for document in (PL, SMPC):
        line = (
            f'<a href="{document.url}">{escape(document.title)}</a>, {document.publisher}, {escape(document.version)}'
        )
        assert line in html
    # No rule rests on the Drug Safety Update, which was read only through quotations.
    assert DSU.title not in html
    assert "Package Leaflet (Annex III B of the product information)</a>, European Medicines Agency" in html
    assert "Your MS team sets your actual dates" in html
