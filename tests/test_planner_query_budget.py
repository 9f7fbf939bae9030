"""A plan of many years costs no more database work than the empty form: only the site's navigation."""

import pytest
from plan_dates import calendar_url, plan_url

pytestmark = pytest.mark.django_db

LONG_PLAN = [(1, 1, 2014), (1, 1, 2015), (1, 1, 2020), (1, 1, 2026)]


def test_the_longest_plan_reads_the_database_once(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get(plan_url(*LONG_PLAN))

    assert response.status_code == 200
    assert response.content.decode().count("<time id=") > 150


def test_the_calendar_file_reads_nothing_from_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(calendar_url(*LONG_PLAN))

    assert response.status_code == 200
