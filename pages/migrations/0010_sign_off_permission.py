"""Signing off becomes a permission of its own (pages.sign_off_content), granted to the Clinical reviewers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLINICAL_REVIEWERS = "Clinical reviewers"
SIGN_OFF = "sign_off_content"


def grant_sign_off(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure this one exists now.
    pages_config = apps.get_app_config("pages")
    pages_config.models_module = True
    create_permissions(pages_config, apps=apps, verbosity=0)
    pages_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    reviewers, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    reviewers.permissions.add(Permission.objects.get(content_type__app_label="pages", codename=SIGN_OFF))


def withdraw_sign_off(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(content_type__app_label="pages", codename=SIGN_OFF).delete()


class Migration(migrations.Migration):
    dependencies = [("pages", "0009_citations_for_existing_content")]

    operations = [
        migrations.AlterModelOptions(
            name="review",
            options={
                "ordering": ["-reviewed_at"],
                "permissions": [
                    ("sign_off_content", "Can sign off pages and side effects (health professionals only)")
                ],
            },
        ),
        migrations.RunPython(grant_sign_off, withdraw_sign_off),
    ]
