"""The same code, run as production runs it: DEBUG off, settings from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def production_env(tmp_path, **overrides):
    # Only what production would have: no development or test-runner switches.
    dropped = {
        *["DEBUG", "DATABASE_URL", "REDIS_URL", "PAGE_CACHE_URL", "CLIENT_IP_HEADER", "SITE_URL"],
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        *["SITE_OWNER", "SITE_FUNDING", "CONTACT_EMAIL"],
        *["SERVE_MEDIA", "MEDIA_ACCEL_REDIRECT", "AWS_STORAGE_BUCKET_NAME"],
    }
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env.update(
        DJANGO_SETTINGS_MODULE="lemtrada_site.settings",
        SECRET_KEY="x7-production-test-key-" + "k" * 40,
        ALLOWED_HOSTS="lemtrada.example.org",
        CSRF_TRUSTED_ORIGINS="https://lemtrada.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        EMAIL_URL="submission://mailer:s3cret@smtp.example.org",
        REDIS_URL="redis://127.0.0.1:6379/3",
        PAGE_CACHE_URL="redis://127.0.0.1:6380/0",
        CLIENT_IP_HEADER="X-Forwarded-For",
        SITE_URL="https://lemtrada.example.org",
        SITE_OWNER="The MS service at Example Hospital NHS Trust",
        SITE_FUNDING="Example Hospital NHS Trust",
        CONTACT_EMAIL="ms-information@example.org",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        MEDIA_ACCEL_REDIRECT="/internal-media/",
        PYTHONWARNINGS="error::DeprecationWarning,error::PendingDeprecationWarning",
    )
    env.update(overrides)
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_check_deploy_is_clean_in_the_production_environment(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_check_deploy_warns_without_redis_the_client_address_header_or_the_site_address(tmp_path):
    env = production_env(tmp_path)
    del env["REDIS_URL"], env["CLIENT_IP_HEADER"], env["SITE_URL"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    for warning in ["stories.W001", "stories.W002", "stories.W003"]:
        assert warning in result.stderr


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_check_deploy_warns_while_page_copies_share_the_counters_redis(tmp_path):
    env = production_env(tmp_path)
    del env["PAGE_CACHE_URL"]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0 and "lemtrada_site.W001" in result.stderr


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_check_deploy_warns_while_no_one_serves_the_uploads(tmp_path):
    unserved = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path, MEDIA_ACCEL_REDIRECT="")
    )
    assert unserved.returncode != 0 and "lemtrada_site.W002" in unserved.stderr
    assert "set MEDIA_ACCEL_REDIRECT=/internal-media/" in unserved.stderr

    without_a_proxy = production_env(tmp_path, MEDIA_ACCEL_REDIRECT="", SERVE_MEDIA="1")
    assert "lemtrada_site.W002" not in manage("check", "--deploy", env=without_a_proxy).stderr


@pytest.mark.servers  # Django in a process of its own, as production starts it
@pytest.mark.parametrize("name", ["SITE_OWNER", "SITE_FUNDING", "CONTACT_EMAIL"])
def test_check_deploy_warns_while_the_about_page_cannot_say_who_runs_the_site(tmp_path, name):
    env = production_env(tmp_path)
    del env[name]
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert f"{name} is not set: the About page cannot tell readers" in result.stderr


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "url, expected",
    [
        ("smtps://user:pa%40ss@mail.example.org", ("smtp", 465, True, False, "pa@ss")),
        ("submission://user:pw@mail.example.org", ("smtp", 587, False, True, "pw")),
        ("smtp://mail.example.org:2525", ("smtp", 2525, False, False, "")),
    ],
)
def test_email_url_becomes_a_mailer(url, expected):
    from lemtrada_site.settings import mailer_from_url

    mailer = mailer_from_url(url)
    options = mailer["OPTIONS"]
    assert mailer["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (expected[0], options["port"], options["use_ssl"], options["use_tls"], options["password"]) == expected


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_static_files_get_hashed_names_and_a_one_year_immutable_cache(tmp_path):
    env = production_env(tmp_path)
    collected = manage("collectstatic", "--no-input", "-v0", env=env)
    assert collected.returncode == 0, collected.stderr
    hashed = list((tmp_path / "static" / "css").glob("site.*.css"))
    assert hashed, "site.css should be collected under a hashed name"
    assert list((tmp_path / "static" / "css").glob("site.*.css.gz")), "and compressed"

    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "from django.templatetags.static import static;"
        "url = static('css/site.css'); print(url);"
        "r = Client().get(url, headers={'x-forwarded-proto': 'https'}, HTTP_HOST='lemtrada.example.org');"
        "print(r.status_code); print(r.headers.get('Cache-Control'))"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    url, status, cache_control = result.stdout.split("\n")[:3]
    assert url.startswith("/static/css/site.") and url.endswith(".css") and url != "/static/css/site.css"
    assert status == "200", result.stderr
    assert "max-age=31536000" in cache_control and "immutable" in cache_control


@pytest.mark.parametrize("url", ["smtp://mail.example.org:25", "smtps://u:p@mail.example.org", "consolemail://"])
def test_each_email_url_makes_a_mailer_without_deprecation_warnings(settings, url):
    import warnings

    from django.core.mail import mailers

    from lemtrada_site.settings import mailer_from_url

    settings.MAILERS = {"default": mailer_from_url(url)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        backend = mailers["default"]
    assert backend.__class__.__module__.endswith(("smtp", "console", "console_mail"))


HEADERS_SCRIPT = """
import django, json
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("load_seed_content", verbosity=0)
client = Client(HTTP_HOST="lemtrada.example.org")
report = {}
for url in ["/", "/treatment/", "/side-effects/", "/stories/", "/stories/share/", "/admin/login/"]:
    secure = client.get(url, headers={"x-forwarded-proto": "https"})
    plain = client.get(url)
    report[url] = [secure.status_code, dict(secure.headers), plain.status_code, plain.headers.get("Location")]
cookies = {
    name: {"secure": bool(morsel["secure"]), "httponly": bool(morsel["httponly"])}
    for name, morsel in client.get("/stories/share/", headers={"x-forwarded-proto": "https"}).cookies.items()
}
healthz = client.get("/healthz").status_code  # plain HTTP, as a load balancer asks
print(json.dumps({"pages": report, "cookies": cookies, "healthz": healthz}))
"""


@pytest.mark.servers  # Django in a process of its own, as production starts it
def test_in_production_every_page_gets_hsts_for_a_year_and_plain_http_is_redirected(tmp_path):
    env = production_env(tmp_path, REDIS_URL="")
    collected = manage("collectstatic", "--no-input", "-v0", env=env)
    assert collected.returncode == 0, collected.stderr
    result = subprocess.run(
        [sys.executable, "-c", HEADERS_SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["healthz"] == 200, "the health check answers over plain HTTP"
    assert report["cookies"]["csrftoken"] == {"secure": True, "httponly": True}, "the form's CSRF cookie"
    for url, (status, headers, plain_status, location) in report["pages"].items():
        assert status == 200, url
        assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload", url
        assert "unsafe-inline" not in headers["Content-Security-Policy"], url
        assert headers["X-Frame-Options"] == "DENY" and headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"] == "same-origin", url
        assert plain_status == 301 and location == f"https://lemtrada.example.org{url}", url
