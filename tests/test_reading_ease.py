"""The clinical text reads at NHS level: Flesch reading ease 60 or more on average, and no page below 50."""

import pytest

from pages.models import Page, SideEffect
from pages.readability import counts, item_reading_ease, syllables

pytestmark = pytest.mark.django_db


def test_list_items_and_headings_count_as_sentences():
    rendered = "<h2>Signs</h2><p>Call us. Come in.</p><ul><li>a rash</li><li>a fever<ul><li>high</li></ul></li></ul>"
    assert counts(rendered) == (6, 10, 11)


def test_syllables_are_counted_by_vowel_groups():
    assert [syllables(word) for word in ["bruising", "thyroid", "infusion", "MS", "24"]] == [2, 2, 3, 1, 2]


def test_the_clinical_pages_read_at_nhs_level(seeded):
    items = [item for item in [*Page.objects.all(), *SideEffect.objects.all()] if item.is_clinical]
    ease = {str(item): item_reading_ease(item) for item in items}
    hard = {name: round(score, 1) for name, score in ease.items() if score < 50}
    assert not hard, f"below 50: {hard}"
    assert sum(ease.values()) / len(ease) >= 60
