"""
People's words find the site's pages, topic by topic (search/lay_words.yaml), on SQLite and PostgreSQL; and
every line of the map leads to words the site really uses.
"""

import pytest
from search_content import result_urls

from search.models import SearchWord
from search.terms import STOP_WORDS, concepts_of, lay_words, stem

pytestmark = pytest.mark.django_db

# For each topic of the map, what a patient might type and the page that answers it (among the first three).
BY_TOPIC = {
    "symptoms": [
        ("blood in my wee", "/side-effects/kidney-problems/"),
        ("exhausted", "/side-effects/ttp/"),
        ("nose bleed", "/side-effects/acquired-haemophilia-a/"),
        ("throwing up", "/side-effects/infusion-reactions/"),
    ],
    "treatment": [
        ("how long does the drip take", "/treatment/"),
        ("do I need a jab first", "/before-treatment/"),
        ("second round", "/treatment/"),
    ],
    "pregnancy": [
        ("trying for a baby", "/before-treatment/"),
        ("the pill", "/before-treatment/"),
    ],
    "food": [
        ("what can I eat", "/after-treatment/"),
        ("soft cheese", "/after-treatment/"),
    ],
    "tests": [
        ("when are my bloods", "/monitoring/"),
        ("wee test", "/monitoring/"),
        ("smear test", "/monitoring/"),
    ],
}


def test_every_topic_of_the_map_is_tested():
    import yaml

    from search.terms import LAY_WORDS_FILE

    assert set(yaml.safe_load(LAY_WORDS_FILE.read_text())) == set(BY_TOPIC)


@pytest.mark.parametrize("topic", BY_TOPIC)
def test_peoples_words_find_the_sites_page(client, seeded, topic):
    for query, expected in BY_TOPIC[topic]:
        urls = result_urls(client.get("/search/", {"q": query}))

        assert expected in urls[:3], f"{query!r}: {urls[:5]}"


def test_every_line_of_the_map_leads_to_a_word_the_site_uses(seeded):
    site_stems = {stem(word) for word in SearchWord.objects.values_list("word", flat=True).distinct()}

    def used(phrase):
        return all(stem(word) in site_stems for word in phrase if word not in STOP_WORDS and not word.isdigit())

    leads_nowhere = [" ".join(typed) for typed, phrases in lay_words().items() if not any(map(used, phrases))]

    assert not leads_nowhere, f"no page uses the site's words for: {leads_nowhere}"


def test_a_phrase_in_the_map_is_one_concept_and_other_words_stay_their_own():
    [blood_in_pee] = concepts_of("blood in my pee")
    assert ("blood", "in", "your", "urine") in blood_in_pee.alternatives

    drip, ms = concepts_of("drip MS")
    assert drip.alternatives == (("drip",), ("infusion",)) and ms.alternatives == (("ms",),)
