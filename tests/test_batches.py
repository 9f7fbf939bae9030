"""Work every save would repeat runs once, at the end of a batch of saves, and not at all if the batch fails."""

import pytest
from django.core.management import call_command

from lemtrada_site.batches import batch, once
from search.models import SearchEntry


def test_a_job_asked_for_many_times_in_a_batch_runs_once_at_its_end():
    runs = []
    with batch():
        with batch():  # an inner batch leaves the jobs to the outer one
            for _ in range(5):
                once("lists", lambda: runs.append("lists"))
        assert runs == []
    assert runs == ["lists"]


def test_a_batch_that_fails_runs_none_of_its_jobs_and_outside_a_batch_a_job_runs_at_once():
    runs = []
    with pytest.raises(RuntimeError), batch():
        once("lists", lambda: runs.append("lists"))
        raise RuntimeError("the load failed")
    assert runs == []
    once("lists", lambda: runs.append("now"))
    assert runs == ["now"]


@pytest.mark.django_db
def test_after_loading_the_content_the_warning_signs_entry_holds_every_urgent_side_effects_signs():
    call_command("load_seed_content", stdout=open("/dev/null", "w"))
    warning_signs = SearchEntry.objects.get(list_key="warning-signs")
    for name in ["Stroke", "Immune thrombocytopenia", "Thrombotic thrombocytopenic purpura"]:
        assert name in warning_signs.text
