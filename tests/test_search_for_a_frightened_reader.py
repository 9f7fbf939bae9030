"""
Search for someone who is frightened: the clinical pages before any story, the matching urgent side effect's own
advice above the results, whole words before anything else, the two lists found, and nothing kept by a cache.
Run on SQLite by `make test`, and on PostgreSQL by CI's second run.
"""

import re

import pytest
from django.utils.html import escape
from search_content import result_urls

from pages.models import SideEffect

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(seeded, make_story, moderator):
    """The site's own content, and stories that use the same words more often than any page does."""
    for title, body in [
        ("Bruises everywhere", "Bruises, bruises and more bruises. I bruise so easily, the bruises came and went."),
        ("Chest pain at night", "Chest pain, chest pain: my chest pain was heartburn in the end."),
        ("Blood in my pee", "I saw blood in my pee, blood in my pee, twice. Blood in my pee is scary."),
        ("Treated well", "I was treated so well. Everyone treated me kindly; I treated myself to cake."),
        ("A week on the ward", "Every week I went back. The week after was easier, and the weekend lovely."),
    ]:
        make_story(title=title, body=body).approve(moderator)


def search(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response


def every_result(client, query):
    """The links of every page of results, in order."""
    urls, page = [], 1
    while True:
        response = client.get("/search/", {"q": query, "page": page})
        urls += result_urls(response)
        if 'rel="next"' not in response.content.decode():
            return urls
        page += 1


def urgent_box(response):
    """The side effects whose advice stands above the results, in order, and the box's HTML."""
    html = response.content.decode()
    match = re.search(r'<section class="urgent-callout search-urgent".*?</section>', html, re.S)
    if not match:
        return [], ""
    box = match.group(0)
    assert html.index(box) < html.find('class="search-results"') or 'class="search-results"' not in html
    return re.findall(r'<h3><a href="(/side-effects/[^"]+/)">', box), box


# A warning sign in a patient's words; the first result if only one page fits; whose advice comes first.
WARNING_SIGNS_IN_LAY_WORDS = [
    ("bruises", "/side-effects/itp/", "/side-effects/itp/"),
    ("blood in my pee", "/side-effects/kidney-problems/", "/side-effects/kidney-problems/"),
    ("chest pain", None, "/side-effects/heart-attack/"),
    ("coughing up blood", None, "/side-effects/bleeding-in-the-lungs/"),
    ("my face is drooping", *["/side-effects/stroke-and-torn-neck-arteries/"] * 2),
    ("heavy periods", "/side-effects/itp/", "/side-effects/itp/"),
]


def test_a_warning_sign_in_lay_words_finds_a_clinical_page_first_under_its_side_effects_advice(client, site):
    for query, first, advice in WARNING_SIGNS_IN_LAY_WORDS:
        response = search(client, query)
        urls = result_urls(response)
        boxed, box = urgent_box(response)

        assert urls[0].startswith("/side-effects/"), f"{query!r}: {urls[0]} came first, not a side effect"
        assert urls[0] == (first or urls[0]), query
        assert boxed and boxed[0] == advice, f"{query!r}: {boxed}"
        effect = SideEffect.objects.get(slug=advice.split("/")[2])
        assert f"<strong>{effect.urgent_action}</strong> if you notice:" in box, query
        assert effect.urgent_signs_html in box, "the side effect's own signs"


def test_signs_of_a_stroke_or_a_heart_attack_say_call_999_first(client, site):
    boxed, box = urgent_box(search(client, "chest pain"))

    assert set(boxed) == {"/side-effects/heart-attack/", "/side-effects/bleeding-in-the-lungs/"}
    assert "<strong>Call 999</strong> if you notice:" in box
    assert "Contact your MS team" not in box

    boxed, box = urgent_box(search(client, "bruising easily"))
    assert "<strong>Contact your MS team immediately</strong> if you notice:" in box
    assert escape(SideEffect.IF_UNREACHABLE) in box


def test_a_query_that_names_no_warning_sign_gets_no_urgent_box(client, site):
    for query in ["thyroid", "blood tests", "tired", "pain", "fever", "infusion", "MS nurse"]:
        response = search(client, query)

        assert result_urls(response), f"{query!r} finds something"
        assert urgent_box(response) == ([], ""), query


def test_stories_are_their_own_group_under_every_clinical_result(client, site):
    for query in ["bruises", "chest pain", "blood in my pee", "week", "treated"]:
        urls = every_result(client, query)
        stories = [index for index, url in enumerate(urls) if url.startswith("/stories/")]
        clinical = [index for index, url in enumerate(urls) if not url.startswith("/stories/")]

        assert stories, query
        assert not clinical or max(clinical) < min(stories), f"{query!r}: a story above a clinical page"
        page = 1 + min(stories) // 10  # where the stories start: under the clinical results, headed as a group
        html = client.get("/search/", {"q": query, "page": page}).content.decode()
        assert html.count('<h2 id="search-stories">Patients\' stories</h2>') == 1, query
        if min(stories) % 10:
            assert html.index('id="search-information"') < html.index('id="search-stories"'), query


def test_side_affects_finds_the_side_effects_list(client, site):
    assert result_urls(search(client, "side affects"))[0] == "/side-effects/"
    assert result_urls(search(client, "side effects"))[0] == "/side-effects/"


def test_the_warning_signs_page_is_found_and_follows_the_side_effects(client, site):
    assert result_urls(search(client, "warning signs"))[0] == "/warning-signs/"
    assert result_urls(search(client, "feeling unwell"))[0] == "/warning-signs/"
    assert "/warning-signs/" not in result_urls(search(client, "hiccups"))

    stroke = SideEffect.objects.get(slug="stroke-and-torn-neck-arteries")
    stroke.urgent_signs += '\n- hiccups that will not stop <!-- PL 2: "hiccups" -->'
    stroke.save()

    assert "/warning-signs/" in result_urls(search(client, "hiccups"))


def test_whole_words_outrank_fragments_and_word_parts_never_match(client, site):
    eat = result_urls(search(client, "what can I eat"))
    assert eat and eat[0] in {"/after-treatment/", "/before-treatment/"}, "the food safety advice"
    assert not [url for url in every_result(client, "eat") if "treated-well" in url], "“eat” is not in “treated”"
    assert not [url for url in every_result(client, "wee") if "a-week-on-the-ward" in url], "nor “wee” in “week”"
    assert [url for url in every_result(client, "treated") if "treated-well" in url], "the whole word is found"


def test_a_typo_is_forgiven_only_when_no_word_matches_as_typed(client, site):
    response = search(client, "bleeding")
    assert "Showing results for" not in response.content.decode()
    response = search(client, "bleading")
    assert "Showing results for <strong>bleeding</strong>" in response.content.decode()


def test_two_letter_words_count(client, site):
    for query, expected in [("MS", "/"), ("IV", "/treatment/"), ("MS IV", "/")]:
        assert expected in every_result(client, query), query
    assert every_result(client, "XQ") == [], "an unknown two-letter word finds nothing, and is not “corrected”"


def test_no_results_points_to_the_warning_signs_and_the_ms_team(client, site):
    html = search(client, "xylophone").content.decode()

    assert "Nothing on this site matches “xylophone”." in html
    nothing = html[html.index("Nothing on this site matches") :]
    warning_signs = '<a href="/warning-signs/">warning signs that need help straight away</a>'
    assert f"{warning_signs}, or contact your MS team" in nothing


def test_every_search_response_is_private_and_never_stored(client, site):
    for params in [{}, {"q": "bruises"}, {"q": "xylophone"}, {"q": "bruises", "page": "99"}, {"q": "\0"}]:
        for method in (client.get, client.head):
            response = method("/search/", params)
            directives = {part.strip() for part in response["Cache-Control"].split(",")}
            assert {"private", "no-store"} <= directives, (params, response["Cache-Control"])
            assert not response.has_header("ETag")


def test_a_search_of_the_real_site_runs_at_most_four_queries(client, site, django_assert_max_num_queries):
    for query in ["bruises", "blood in my pee", "lymphopaenia", "xylophone", ""]:
        with django_assert_max_num_queries(4):
            search(client, query)
