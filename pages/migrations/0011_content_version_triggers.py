from django.db import migrations

from lemtrada_site import content_version
from pages.models import public_rows


def install_triggers(apps, schema_editor):
    """The triggers that move the content version with every change to published content or its sign-offs."""
    content_version.install(public_rows(apps), using=schema_editor.connection.alias, apps=apps)


def remove_triggers(apps, schema_editor):
    content_version.uninstall(public_rows(apps), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [
        ("lemtrada_site", "0001_content_version"),
        ("pages", "0010_sign_off_permission"),
    ]

    operations = [migrations.RunPython(install_triggers, remove_triggers)]
