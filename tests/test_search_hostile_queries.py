"""Whatever is typed into the search box, the page answers 200 and shows the words back safely."""

import pytest
from search_content import result_urls, searchable  # noqa: F401

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '"lymphopenia',
    "*",
    "lymph*",
    "NEAR",
    "lymphopenia NEAR thyroid",
    "NEAR(lymphopenia thyroid, 2)",
    "AND OR NOT",
    "'",
    "O'Brien's drip",
    "\0",
    "lymph\0openia",
    "💉🩸",
    "bruise 💉",
    "title:itp",
    "^itp",
    "(((",
    "!!! & | <-> :*",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "a" * 5000,
    "lymphopenia " * 500,
    "ｌｙｍｐｈｏｐｅｎｉａ",
    "\u202e\u200b",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_a_hostile_query_gets_an_ordinary_page(client, searchable, query):  # noqa: F811
    response = client.get("/search/", {"q": query, "page": "9999"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "\0" not in html


def test_operators_are_searched_as_words_not_obeyed(client, searchable):  # noqa: F811
    urls = result_urls(client.get("/search/", {"q": 'lymphopenia" OR "itp'}))

    assert {"/side-effects/lymphopenia/", "/side-effects/itp/"} <= set(urls[:3]), (
        "the list names both: it may come first"
    )


def test_the_query_is_shown_back_escaped(client, searchable):  # noqa: F811
    html = client.get("/search/", {"q": "<b>itp</b>"}).content.decode()

    assert "&lt;b&gt;itp&lt;/b&gt;" in html
    assert "<b>itp</b>" not in html


def test_a_snippet_highlights_words_but_never_carries_markup_from_the_content(client, make_side_effect):
    make_side_effect(
        slug="rash",
        name="Rash",
        description="A <em>rash</em> &lt;script&gt;alert(1)&lt;/script&gt; can itch.",
    )

    html = client.get("/search/", {"q": "itch"}).content.decode()
    snippet = html[html.index('class="search-snippet"') :]
    snippet = snippet[: snippet.index("</p>")]

    assert "<mark>itch</mark>" in snippet
    assert "<em>" not in snippet
    assert "<script>" not in snippet
    assert "alert(1)" in snippet, "the text a reader sees, never its markup"
