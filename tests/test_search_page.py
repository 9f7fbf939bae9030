"""The search page: labelled results, ten a page, a helpful page when nothing is found, and a small query budget."""

import re

import pytest
from search_content import result_urls, searchable  # noqa: F401

pytestmark = pytest.mark.django_db


def test_every_page_has_a_search_box_that_works_without_javascript(client, searchable):  # noqa: F811
    for path in ["/", "/treatment/", "/side-effects/", "/side-effects/itp/", "/stories/", "/stories/share/"]:
        html = client.get(path).content.decode()
        assert 'action="/search/"' in html and 'name="q"' in html, path
        assert "<summary>Menu</summary>" in html, path


def test_results_are_labelled_by_kind(client, searchable, make_story, moderator):  # noqa: F811
    story = make_story(title="My thyroid and me", body="My thyroid went overactive two years on.")
    story.approve(moderator)

    html = client.get("/search/", {"q": "thyroid"}).content.decode()

    kind_and_link = r'<p class="search-kind">{}</p>\s*<h3><a href="{}"'
    assert re.search(kind_and_link.format("Patient story", story.get_absolute_url()), html)
    assert re.search(kind_and_link.format("Information", "/monitoring/"), html)
    assert re.search(kind_and_link.format("Side effect", "/side-effects/itp/"), html) is None, "not about the thyroid"


def test_results_come_ten_a_page(client, make_page):
    for number in range(23):
        make_page(slug=f"page-{number}", title=f"Page {number}", body="All about the hydrotherapy pool.")

    first = client.get("/search/", {"q": "hydrotherapy"})
    third = client.get("/search/", {"q": "hydrotherapy", "page": "3"})

    assert len(result_urls(first)) == 10
    assert "23 results" in first.content.decode()
    assert "Page 1 of 3" in first.content.decode()
    assert len(result_urls(third)) == 3


def test_an_empty_search_offers_suggestions_the_side_effects_and_urgent_help(client, searchable):  # noqa: F811
    html = client.get("/search/").content.decode()

    assert "Things people often look for" in html
    assert '<a href="/side-effects/itp/">Immune thrombocytopenia (ITP)</a>' in html
    assert "Contact your MS team immediately. If you cannot reach your MS team, get medical help at once" in html


def test_no_results_says_so_kindly_and_offers_the_side_effects(client, searchable):  # noqa: F811
    html = client.get("/search/", {"q": "xylophone"}).content.decode()

    assert "Nothing on this site matches “xylophone”." in html
    assert "Check the spelling" in html
    assert '<a href="/side-effects/lymphopenia/">Low white blood cells (lymphopenia)</a>' in html
    assert "Contact your MS team immediately. If you cannot reach your MS team, get medical help at once" in html


@pytest.mark.parametrize("query", ["", "lymphopaenia", "infusions", "what if I bruise", "xylophone", "a the of"])
def test_a_search_runs_at_most_four_queries(client, searchable, query, django_assert_max_num_queries):  # noqa: F811
    # The navigation, the index's words, the search, and the urgent side effects found (or the list of them).
    with django_assert_max_num_queries(4):
        response = client.get("/search/", {"q": query})
    assert response.status_code == 200
