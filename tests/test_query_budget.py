import pytest
from django.core.cache import cache

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
        cache.clear()
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.status_code == 200, url
        with django_assert_num_queries(1):
            assert client.get(url).content == response.content, url
    assert client.get("/stories/").content.decode().count('class="story-card"') == 20
