"""
A review is of a text: once an editor changes signed-off text, nothing on the page or in its metadata
presents the new text as reviewed (the page says "changed since its last review"; search engines must
not be told otherwise), until a clinical reviewer signs it off again or the text is put back.
"""

import json
import re

import pytest

from tests.pagetext import text_of

pytestmark = pytest.mark.django_db

ALL_REVIEWED = "Every side effect here has been reviewed by a health professional"
NOT_ALL_REVIEWED = "Not every side effect here has been checked by a health professional yet."


def json_ld(response):
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S)
    return json.loads(block[1])


@pytest.mark.parametrize("kind", ["page", "side effect"])
def test_an_edit_after_the_sign_off_takes_the_review_out_of_the_json_ld(
    client, make_page, make_side_effect, sign_off, kind
):
    item = sign_off(make_page(slug="treatment") if kind == "page" else make_side_effect())
    assert json_ld(client.get(item.get_absolute_url()))["reviewedBy"]["name"] == "Sam Patel"

    reviewed_summary = item.summary
    item.summary = "An editor's new words, not yet checked."
    item.save()
    response = client.get(item.get_absolute_url())
    assert "Changed since its last review" in text_of(response)
    data = json_ld(response)
    assert "lastReviewed" not in data and "reviewedBy" not in data

    item.summary = reviewed_summary  # put back as the reviewer read it: reviewed again
    item.save()
    assert json_ld(client.get(item.get_absolute_url()))["reviewedBy"]["name"] == "Sam Patel"


def test_the_side_effect_list_says_every_entry_is_reviewed_only_while_every_text_is_as_signed_off(
    client, make_side_effect, sign_off
):
    first = sign_off(make_side_effect(slug="first", name="First"))
    sign_off(make_side_effect(slug="second", name="Second"))
    assert ALL_REVIEWED in text_of(client.get("/side-effects/"))

    first.what_to_do = "Tell your MS nurse at your next visit."
    first.save()
    text = text_of(client.get("/side-effects/"))
    assert ALL_REVIEWED not in text
    assert NOT_ALL_REVIEWED in text

    sign_off(first)
    assert ALL_REVIEWED in text_of(client.get("/side-effects/"))
