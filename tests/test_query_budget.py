import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lemtrada_site.models import ContentVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifty_side_effects(seeded, make_side_effect):
    for number in range(40):
        make_side_effect(name=f"Extra side effect {number}", slug=f"extra-{number}", urgent=number % 2 == 0,
                         urgent_signs="- a sign")  # fmt: skip


@pytest.fixture
def many_stories(seeded, make_story):
    from pages.models import SideEffect

    three = list(SideEffect.objects.filter(slug__in=["infusion-reactions", "infections", "itp"]))
    return [make_story(title=f"Story {number}", status="approved", side_effects=three) for number in range(60)]


PAGES = [
    *["/", "/treatment/", "/before-treatment/", "/side-effects/", "/side-effects/itp/", "/side-effects/hlh/"],
    "/warning-signs/",
]
STORY_PAGES = ["/stories/", "/stories/?page=3", "/stories/?side_effect=infusion-reactions", "/stories/feed/"]


@pytest.mark.parametrize("url", PAGES)
def test_public_pages_run_at_most_six_queries_when_rendered_and_one_from_the_cache(
    client, fifty_side_effects, many_stories, url, django_assert_max_num_queries, django_assert_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    with django_assert_num_queries(1):
        assert client.get(url).content == response.content


def test_story_pages_run_at_most_six_queries_when_rendered_and_one_from_the_cache(
    client, many_stories, django_assert_max_num_queries, django_assert_num_queries
):
    for url in [*STORY_PAGES, many_stories[0].get_absolute_url()]:
        caches["pages"].clear()
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.status_code == 200, url
        with django_assert_num_queries(1):
            assert client.get(url).content == response.content, url
    assert client.get("/stories/").content.decode().count('class="story-card"') == 20


@pytest.mark.parametrize("url", ["/", "/stories/", "/stories/?page=3", "/stories/feed/", "/side-effects/itp/"])
def test_a_page_from_the_cache_costs_one_query_that_reads_only_the_content_versions_row(client, many_stories, url):
    client.get(url)
    with CaptureQueriesContext(connection) as hit:
        assert client.get(url).status_code == 200
    assert len(hit) == 1
    sql = hit[0]["sql"]
    version_table = ContentVersion._meta.db_table
    assert version_table in sql and "stories_story" not in sql
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN ") + sql)
        plan = " ".join(str(part) for row in cursor.fetchall() for part in row)
    assert "stories_story" not in plan and version_table in plan
    if connection.vendor == "sqlite":
        assert "PRIMARY KEY" in plan  # one row found by its key, not a scan
