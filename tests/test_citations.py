"""Citations live in the text as comments: readers and search never see them; the parser finds each claim's."""

import pytest

from pages.citations import Citation, claims, defined_sources
from pages.markdown import render_markdown
from pages.models import SideEffect

pytestmark = pytest.mark.django_db

TEXT = """\
Reactions can happen within 24 hours. <!-- PL 4: "within 24 hours after the infusion" -->

A paragraph whose citation stands on its own line.
<!-- PL 2: "immediately"; DSU: "1 to 3 days" -->

- a bullet <!-- SmPC 4.4: “every 3 months” -->
- a bullet with none
- [only a link](/monitoring/)
"""


def test_each_paragraph_and_bullet_gets_the_citations_written_after_it():
    found = [(claim.kind, claim.text, claim.citations) for claim in claims(TEXT)]
    assert found == [
        (
            "paragraph",
            "Reactions can happen within 24 hours.",
            [Citation("PL", "4", "within 24 hours after the infusion")],
        ),
        (
            "paragraph",
            "A paragraph whose citation stands on its own line.",
            [Citation("PL", "2", "immediately"), Citation("DSU", "", "1 to 3 days")],
        ),
        ("bullet", "a bullet", [Citation("SmPC", "4.4", "every 3 months")]),
        ("bullet", "a bullet with none", []),
    ]


def test_a_citation_reads_as_document_section_and_key_words():
    assert str(Citation("PL", "4", "within 24 hours")) == "PL 4: “within 24 hours”"
    assert str(Citation("DSU", "", "1 to 3 days")) == "DSU: “1 to 3 days”"


def test_the_sources_define_short_names_by_the_words_before_a_colon():
    sources = "- PL: [Leaflet](https://example.org/), EMA, 2024\n- [Lemtrada: EPAR](https://example.org/), EMA\n"
    assert defined_sources(sources) == {"PL": 1}


def test_readers_never_see_a_citation(client, seeded):
    itp = SideEffect.objects.get(slug="itp")
    assert "<!--" in itp.urgent_signs
    html = client.get(itp.get_absolute_url()).content.decode()
    assert "small scattered red" not in html  # the leaflet's words in the citation, not the site's
    assert "<!--" not in str(render_markdown(TEXT))


def test_search_does_not_index_a_citations_words(client, seeded):
    from search.models import SearchEntry, SearchWord

    # "scattered" is only in the ITP page's citation (the leaflet's words), never in its text.
    itp = SearchEntry.objects.get(side_effect__slug="itp")
    assert "small red, pink or purple spots" in itp.text
    assert "scattered" not in itp.text and "PL 4" not in itp.text
    assert not SearchWord.objects.filter(word="scattered").exists()
