"""
The pre-screens against a corpus of realistic stories (tests/prescreen_corpus.py). The figures
are the ones reported in docs/prescreens.md: this test fails if the pre-screens or the corpus
change them, so the table stays true.
"""

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from prescreen_corpus import CORPUS

from stories import prescreen

DOCS = Path(__file__).resolve().parents[1] / "docs" / "prescreens.md"


def figures(kind):
    hits = misses = false_alarms = quiet = 0
    for display_name, body, expected in CORPUS:
        story = SimpleNamespace(display_name=display_name, title="", body=body, photo_alt="")
        flagged = kind in {flag["kind"] for flag in prescreen.screen(story)}
        if kind in expected:
            hits, misses = hits + flagged, misses + (not flagged)
        else:
            false_alarms, quiet = false_alarms + flagged, quiet + (not flagged)
    return {"hits": hits, "misses": misses, "false alarms": false_alarms, "rightly quiet": quiet}


def reported(kind_label):
    row = re.search(rf"^\| {re.escape(kind_label)} \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|$", DOCS.read_text(), re.M)
    return dict(zip(["hits", "misses", "false alarms", "rightly quiet"], map(int, row.groups()), strict=True))


@pytest.mark.parametrize("kind", [prescreen.IDENTIFY, prescreen.URGENT])
def test_the_corpus_gives_the_figures_reported_in_the_docs(kind):
    assert figures(kind) == reported(prescreen.KIND_LABELS[kind])


def test_could_identify_catches_16_of_17_with_1_false_alarm_in_35_other_stories():
    result = figures(prescreen.IDENTIFY)
    assert (result["hits"], result["misses"], result["false alarms"]) == (16, 1, 1)


def test_may_need_urgent_care_catches_9_of_11_with_2_false_alarms_in_41_other_stories():
    result = figures(prescreen.URGENT)
    assert (result["hits"], result["misses"], result["false alarms"]) == (9, 2, 2)


def test_a_full_name_is_flagged_in_the_display_name_and_in_the_story_alike():
    story = SimpleNamespace(
        display_name="Helen Carter", title="", photo_alt="", body="I'm Helen Carter. Sarah Jenkins came too."
    )
    found = [(flag["field"], flag["words"]) for flag in prescreen.screen(story)]
    assert found == [("display_name", "Helen Carter"), ("body", "Helen Carter"), ("body", "Sarah Jenkins")]
