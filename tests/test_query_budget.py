import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def fifty_side_effects(seeded, make_side_effect):
    for number in range(40):
        make_side_effect(name=f"Extra side effect {number}", slug=f"extra-{number}", urgent=number % 2 == 0,
                         urgent_signs="- a sign")  # fmt: skip


@pytest.mark.parametrize("url", ["/", "/treatment/", "/side-effects/", "/side-effects/itp/"])
def test_public_pages_run_a_small_fixed_number_of_queries(
    client, fifty_side_effects, url, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


def test_the_story_list_runs_at_most_six_queries(client, seeded, make_story, django_assert_max_num_queries):
    from pages.models import SideEffect

    three = list(SideEffect.objects.filter(slug__in=["infusion-reactions", "infections", "itp"]))
    for number in range(100):
        make_story(title=f"Story {number}", status="approved", side_effects=three)
    for url in ["/stories/", "/stories/?page=3", "/stories/?side_effect=infusion-reactions"]:
        with django_assert_max_num_queries(6):
            response = client.get(url)
        assert response.status_code == 200
    assert response.content.decode().count('class="story-card"') == 20
