"""
CLIENT_IP_HEADER is believed only from the proxies named in TRUSTED_PROXIES: anyone else who can reach
the app (another machine on a private network, with two app servers) is counted by their own
address, whatever header they send.
"""

import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-1"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("nurse", password=PASSWORD, is_staff=True)


@pytest.fixture
def behind_nginx(settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.TRUSTED_PROXIES = ["10.0.0.2", "192.0.2.0/28"]


def log_in(client, password, *, connection, forwarded):
    return client.post(
        "/admin/login/",
        {"username": "nurse", "password": password},
        REMOTE_ADDR=connection,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_a_new_forwarded_address_for_each_guess_does_not_dodge_the_lockout(client, staff, behind_nginx):
    # Talking to gunicorn directly from a machine on the private network, not through nginx.
    for number in range(8):
        log_in(client, "guess", connection="10.0.0.9", forwarded=f"203.0.113.{number}")
    assert log_in(client, PASSWORD, connection="10.0.0.9", forwarded="203.0.113.99").status_code == 429


def test_through_a_named_proxy_the_header_still_names_the_client(client, staff, behind_nginx):
    for _ in range(8):
        log_in(client, "guess", connection="10.0.0.2", forwarded="203.0.113.7")
    assert log_in(client, PASSWORD, connection="10.0.0.2", forwarded="203.0.113.7").status_code == 429
    assert log_in(client, PASSWORD, connection="192.0.2.5", forwarded="203.0.113.8").status_code == 302


def test_proxies_in_a_chain_are_skipped_from_the_right_and_a_forged_left_part_is_ignored(rf, behind_nginx):
    from lemtrada_site.clients import client_address

    def seen(forwarded, connection="10.0.0.2"):
        return client_address(rf.get("/", REMOTE_ADDR=connection, HTTP_X_FORWARDED_FOR=forwarded))

    assert seen("203.0.113.7") == "203.0.113.7"
    assert seen("1.2.3.4, 203.0.113.7") == "203.0.113.7"  # what the client wrote itself is left of it
    assert seen("1.2.3.4, 203.0.113.7, 192.0.2.3") == "203.0.113.7"  # a balancer we run, then nginx
    assert seen("1.2.3.4", connection="198.51.100.1") == "198.51.100.1"
    assert seen("") == "10.0.0.2"


def test_the_story_allowance_counts_a_client_that_is_not_a_proxy_by_its_own_address(
    client, seeded, story_form_data, behind_nginx
):
    for number in range(5):
        sent = client.post(
            "/stories/share/",
            story_form_data(title=f"S{number}"),
            REMOTE_ADDR="10.0.0.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
        assert sent.status_code == 302
    refused = client.post(
        "/stories/share/", story_form_data(), REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.50"
    )
    assert refused.status_code == 429
