"""A result's snippet reads as the page does: list items kept apart, paragraphs not broken mid-sentence."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_snippet_keeps_list_items_apart_and_sentences_whole(client, make_side_effect):
    make_side_effect(
        slug="itp",
        name="ITP",
        description="Platelets are the blood cells\nthat help blood to clot.",
        urgent=True,
        urgent_signs="- nosebleeds\n- coughing up blood",
    )

    html = client.get("/search/", {"q": "platelets"}).content.decode()

    assert "nosebleeds · coughing up blood" in html
    assert "<mark>Platelet" in html
    assert "are the blood cells that help blood to clot." in html
