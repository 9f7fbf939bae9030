from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATORS = "Moderators"
# Moderators read and moderate stories (approving is a change), and nothing else.
MODERATOR_PERMISSIONS = ["view_story", "change_story"]


def create_moderators_group(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure ours exist now.
    stories_config = apps.get_app_config("stories")
    stories_config.models_module = True
    create_permissions(stories_config, apps=apps, verbosity=0)
    stories_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=MODERATORS)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="stories", codename__in=MODERATOR_PERMISSIONS)
    )


def remove_moderators_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MODERATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_moderators_group, remove_moderators_group)]
