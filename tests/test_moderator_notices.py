"""`make run` says how news of a story reaches moderators: the development admin alone hears nothing."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def notices():
    out = io.StringIO()
    call_command("moderator_notices", stdout=out)
    return out.getvalue()


def test_with_only_the_development_admin_it_says_nobody_is_told_and_how_to_change_that(django_user_model, settings):
    settings.STORY_MODERATOR_EMAILS = []
    django_user_model.objects.create_superuser("admin", email="", password="x")
    said = notices()
    assert "Nobody is told about new stories yet" in said
    assert "add them to the “Moderators” group" in said and "STORY_MODERATOR_EMAILS" in said


def test_with_a_moderator_it_says_one_address_in_the_singular(django_user_model, settings):
    settings.STORY_MODERATOR_EMAILS = []
    user = django_user_model.objects.create_user("desk", email="desk@example.org", password="x")
    user.groups.add(Group.objects.get(name="Moderators"))
    assert "New-story notices go to 1 address" in notices()
