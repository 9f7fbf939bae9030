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
