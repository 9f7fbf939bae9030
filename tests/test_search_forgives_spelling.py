"""Search finds the right page first for misspelt drug words, plurals and plain questions, on either database."""

import pytest
from search_content import result_urls, searchable  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("lymphopaenia", "/side-effects/lymphopenia/"),
        ("lymphopenia", "/side-effects/lymphopenia/"),
        ("thrombocytopaenia", "/side-effects/itp/"),
        ("alemtuzamab", "/"),
        ("lemtreda", "/"),
        ("infusions", "/side-effects/infusion-reactions/"),
        ("bruise", "/side-effects/itp/"),
        ("what if I bruise", "/side-effects/itp/"),
        ("Thrombocytopenia", "/side-effects/itp/"),
    ],
)
def test_search_finds_the_expected_page_first(client, searchable, query, expected_first):  # noqa: F811
    response = client.get("/search/", {"q": query})

    assert response.status_code == 200
    urls = result_urls(response)
    assert urls, f"nothing found for {query!r}"
    assert urls[0] == expected_first


def test_a_match_in_a_title_comes_before_a_match_in_the_body(client, searchable):  # noqa: F811
    urls = result_urls(client.get("/search/", {"q": "thrombocytopenia"}))

    assert urls[0] == "/side-effects/itp/"
    assert set(urls[1:]) == {"/monitoring/", "/side-effects/", "/warning-signs/"}, "in the body, and in the lists"


def test_a_corrected_search_says_what_it_searched_for(client, searchable):  # noqa: F811
    response = client.get("/search/", {"q": "lymphopaenia"})

    assert "Showing results for <strong>lymphopenia</strong>" in response.content.decode()


def test_a_plural_finds_the_singular(client, searchable):  # noqa: F811
    urls = result_urls(client.get("/search/", {"q": "infusions"}))

    assert "/treatment/" in urls, "the treatment page says “infusion”"
