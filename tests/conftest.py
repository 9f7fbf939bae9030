import datetime
import uuid
from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone

from pages.models import Page, SideEffect

# The tiers `make test` leaves out, and the command that runs each (`make ci` runs them all).
TIERS = {"servers": ("server", "make test-servers"), "browser": ("browser", "make test-browser")}


LEFT_OUT = pytest.StashKey[Counter]()


def pytest_deselected(items):
    """Count the tests of each tier left out. (With pytest-xdist each worker collects them all and tells the
    controller its counts when it stops: make test runs one worker per core.)"""
    if not items:
        return
    config = items[0].config
    left_out = config.stash.setdefault(LEFT_OUT, Counter())
    for marker in TIERS:
        left_out[marker] += sum(1 for item in items if item.get_closest_marker(marker))
    if hasattr(config, "workeroutput"):
        config.workeroutput["left_out"] = dict(left_out)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    if "left_out" in getattr(node, "workeroutput", {}):
        node.config.stash[LEFT_OUT] = Counter(node.workeroutput["left_out"])


def pytest_terminal_summary(terminalreporter, config):
    """Say why tests were deselected: `make test` leaves the server and browser tests to their own commands."""
    left_out = config.stash.get(LEFT_OUT, Counter())
    for marker, (kind, command) in TIERS.items():
        if f"not {marker}" in config.option.markexpr and left_out[marker]:
            tests = "test" if left_out[marker] == 1 else "tests"
            terminalreporter.write_line(f"{left_out[marker]} {kind} {tests} deselected: {command} runs them.")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """
    Uploads land in a fresh folder per test, so tests can look at exactly what was stored. With
    object storage configured (CI runs the story and photo tests again on SeaweedFS), each test
    gets a fresh folder in the bucket instead, and the local one must stay empty.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    default = settings.STORAGES["default"]
    if default["BACKEND"] == "lemtrada_site.storage.PrivateS3Storage":
        options = {**default["OPTIONS"], "location": f"tests/{uuid.uuid4().hex}"}
        settings.STORAGES = {**settings.STORAGES, "default": {**default, "OPTIONS": options}}
        yield
        assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.rglob("*.*"))
    else:
        yield


@pytest.fixture(autouse=True)
def _site_url(settings):
    """The configured public address: every absolute link in mail and feeds must start with it."""
    settings.SITE_URL = "https://lemtrada.test"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate-limit counters and cached fragments never leak from one test into the next."""
    from lemtrada_site.cache import breaker

    breaker.reset()
    for alias in settings.CACHES:
        caches[alias].clear()
    yield
    for alias in settings.CACHES:
        caches[alias].clear()
    breaker.reset()


@pytest.fixture
def seeded(db):
    call_command("load_seed_content", stdout=open("/dev/null", "w"))


@pytest.fixture
def sign_off(clinical_reviewer):
    """Sign `item` off as the clinical reviewer, through the model (the sign-off screen has tests of its own)."""

    def sign(item, *, next_review_due=None):
        item.sign_off(
            clinical_reviewer,
            name="Sam Patel",
            role="MS specialist nurse",
            checked_against="Lemtrada SmPC, EMA, 16 January 2020",
            next_review_due=next_review_due or timezone.localdate() + datetime.timedelta(days=365),
            fingerprint=item.content_fingerprint(),
        )
        item.refresh_from_db()
        return item

    return sign


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("nurse", password="not-a-real-password", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def clinical_reviewer(django_user_model):
    """An MS nurse who signs content off: staff, in the Clinical reviewers group, and not an Editor."""
    user = django_user_model.objects.create_user(
        "reviewer",
        email="reviewer@example.org",
        password="not-a-real-password",
        is_staff=True,
        first_name="Sam",
        last_name="Patel",
    )
    user.groups.add(Group.objects.get(name="Clinical reviewers"))
    return user


@pytest.fixture
def make_page(db):
    def make(**overrides):
        fields = {
            "title": "A test page",
            "slug": "a-test-page",
            "summary": "A summary.",
            "body": "Some *text*.",
            "status": Page.Status.PUBLISHED,
            **overrides,
        }
        page = Page.objects.create(**fields)
        page.refresh_from_db()  # dates given as strings come back as dates
        return page

    return make


@pytest.fixture
def make_side_effect(db):
    def make(**overrides):
        fields = {
            "name": "A test side effect",
            "slug": "a-test-side-effect",
            "summary": "A summary.",
            "description": "What it is.",
            "what_to_do": "What to do.",
            "status": SideEffect.Status.PUBLISHED,
            **overrides,
        }
        side_effect = SideEffect.objects.create(**fields)
        side_effect.refresh_from_db()
        return side_effect

    return make


# --- Stories ------------------------------------------------------------------------------------


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        "moderator", email="moderator@example.org", password="not-a-real-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def moderator_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def make_story(db):
    from django.utils import timezone

    from stories.models import Story

    def make(*, side_effects=(), **overrides):
        fields = {
            "display_name": "Sam",
            "email": "sam@example.org",
            "title": "My year on Lemtrada",
            "body": "It went better than I feared.",
            "consent_version": "2026-11",
            "consented_at": timezone.now(),
            **overrides,
        }
        if fields.get("status") == Story.Status.APPROVED:
            fields.setdefault("published_at", timezone.now())
        story = Story.objects.create(**fields)
        story.side_effects.set(side_effects)
        return story

    return make


@pytest.fixture
def mail_queue(settings, monkeypatch):
    """Mail goes through the database queue and a worker, as in production."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections between tasks; inside a test's transaction that would end the test.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def story_form_data():
    """What a person types into the form, filled in long enough ago to pass the spam timer."""
    import time

    from lemtrada_site.forms import sign_started

    def data(**overrides):
        return {
            "display_name": "Jo",
            "email": "jo@example.org",
            "title": "Five days in spring",
            "body": "The infusions were long but the nurses were lovely.",
            "photo_alt": "",
            "treatment_year": "2021",
            "consent": "on",
            "website": "",
            "started": sign_started(time.time() - 60),
            "action": "send",
            **overrides,
        }

    return data
