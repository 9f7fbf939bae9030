import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from pages.models import Page, SideEffect


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploads land in a fresh folder per test, so tests can look at exactly what was stored."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def seeded(db):
    call_command("load_seed_content", stdout=open("/dev/null", "w"))


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
def make_page(db):
    def make(**overrides):
        fields = {
            "title": "A test page",
            "slug": "a-test-page",
            "summary": "A summary.",
            "body": "Some *text*.",
            "status": Page.Status.PUBLISHED,
            "next_review_due": "2030-01-01",
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
            "next_review_due": "2030-01-01",
            **overrides,
        }
        side_effect = SideEffect.objects.create(**fields)
        side_effect.refresh_from_db()
        return side_effect

    return make
