from unittest import mock

import pytest

from lemtrada_site import allowances
from stories.models import Story

pytestmark = pytest.mark.django_db


def test_a_burst_from_one_client_stops_being_accepted_after_five_in_an_hour(client, seeded, story_form_data):
    for number in range(5):
        response = client.post("/stories/share/", story_form_data(title=f"Story {number}"))
        assert response.status_code == 302, number
    response = client.post("/stories/share/", story_form_data(title="One too many"))
    assert response.status_code == 429
    assert "Please try again a little later" in response.content.decode()
    assert Story.objects.count() == 5


def test_other_clients_are_not_held_back(client, seeded, story_form_data):
    for number in range(5):
        client.post("/stories/share/", story_form_data(title=f"Story {number}"), REMOTE_ADDR="10.0.0.1")
    response = client.post("/stories/share/", story_form_data(title="Someone else"), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 302


def test_invalid_attempts_do_not_count(client, seeded, story_form_data):
    for _ in range(8):
        assert client.post("/stories/share/", story_form_data(body="")).status_code == 200
    assert client.post("/stories/share/", story_form_data()).status_code == 302


def test_behind_a_proxy_the_configured_header_names_the_client(client, seeded, story_form_data, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for number in range(5):
        client.post("/stories/share/", story_form_data(title=f"S{number}"), HTTP_X_FORWARDED_FOR="1.1.1.1, 10.0.0.5")
    # Our proxy appends the address it saw; anything left of it could be forged by the client.
    assert (
        client.post("/stories/share/", story_form_data(), HTTP_X_FORWARDED_FOR="2.2.2.2, 10.0.0.6").status_code == 302
    )
    assert (
        client.post("/stories/share/", story_form_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 10.0.0.5").status_code == 429
    )


def test_a_burst_sent_all_at_once_still_gets_only_five_through(rf):
    from concurrent.futures import ThreadPoolExecutor

    from lemtrada_site.allowances import story_submissions

    request = rf.post("/stories/share/", REMOTE_ADDR="192.0.2.9")
    with ThreadPoolExecutor(max_workers=12) as pool:
        accepted = list(pool.map(lambda _: story_submissions.claim(request), range(12)))
    assert accepted.count(True) == 5


def test_an_ipv6_client_is_counted_by_its_64_block(client, seeded, story_form_data):
    # One home or phone gets a whole /64: stepping through its addresses must not reset the count.
    for number in range(5):
        response = client.post(
            "/stories/share/", story_form_data(title=f"Story {number}"), REMOTE_ADDR=f"2001:db8:1:2::{number + 1}"
        )
        assert response.status_code == 302
    same_block = client.post("/stories/share/", story_form_data(), REMOTE_ADDR="2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert same_block.status_code == 429
    next_block = client.post("/stories/share/", story_form_data(), REMOTE_ADDR="2001:db8:1:3::1")
    assert next_block.status_code == 302


def test_a_claim_racing_a_new_hour_is_still_counted(rf, settings):
    """The counter expires between add() and incr(), and another request starts the new hour first."""
    settings.STORY_SUBMISSIONS_PER_HOUR = 5
    cache = mock.Mock()
    cache.add.side_effect = [False, False]
    cache.incr.side_effect = [ValueError("expired"), 6]
    with mock.patch.object(allowances, "cache", cache):
        assert allowances.story_submissions.claim(rf.post("/stories/share/")) is False
