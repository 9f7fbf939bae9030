import pytest

pytestmark = pytest.mark.django_db

PASSWORD = "the-right-password-1"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("nurse", password=PASSWORD, is_staff=True)


def log_in(client, password, address="203.0.113.7"):
    return client.post("/admin/login/?next=/admin/", {"username": "nurse", "password": password}, REMOTE_ADDR=address)


def test_twelve_wrong_passwords_lock_the_account_out_even_for_the_right_one(client, staff):
    for _ in range(12):
        log_in(client, "guess")
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Sign-in is paused for this account" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_for_that_client_only(client, staff):
    for _ in range(12):
        log_in(client, "guess")
    response = log_in(client, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_few_mistakes_do_not_lock_anyone_out(client, staff):
    for _ in range(3):
        log_in(client, "guess")
    assert log_in(client, PASSWORD).status_code == 302


def test_behind_the_proxy_the_configured_header_names_the_client(client, staff, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    for _ in range(12):
        client.post("/admin/login/", {"username": "nurse", "password": "guess"}, HTTP_X_FORWARDED_FOR="203.0.113.7")
    locked = client.post(
        "/admin/login/", {"username": "nurse", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert locked.status_code == 429
    other = client.post(
        "/admin/login/", {"username": "nurse", "password": PASSWORD}, HTTP_X_FORWARDED_FOR="203.0.113.8"
    )
    assert other.status_code == 302


def test_an_ipv6_client_is_locked_out_across_its_whole_64_block(client, staff):
    for number in range(12):
        log_in(client, "guess", address=f"2001:db8:7:7::{number + 1:x}")
    assert log_in(client, PASSWORD, address="2001:db8:7:7:abcd::1").status_code == 429
    assert log_in(client, PASSWORD, address="2001:db8:7:8::1").status_code == 302
