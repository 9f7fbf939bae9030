from django.db import migrations, models
from django.db.models.functions import Coalesce
from django.utils import timezone


def date_and_screen_existing_stories(apps, schema_editor):
    from stories import prescreen

    Story = apps.get_model("stories", "Story")
    Story.objects.update(
        updated_at=Coalesce("withdrawn_at", "edited_at", "moderated_at", "published_at", "submitted_at")
    )
    for story in Story.objects.exclude(status="withdrawn").only("display_name", "title", "body", "photo_alt"):
        story.flags = prescreen.screen(story)
        story.urgent = any(flag["kind"] == prescreen.URGENT for flag in story.flags)
        story.save(update_fields=["flags", "urgent"])


class Migration(migrations.Migration):
    dependencies = [("stories", "0003_form_digest_and_moderator_edits")]

    operations = [
        migrations.AddField(
            model_name="story",
            name="updated_at",
            field=models.DateTimeField(
                auto_now=True,
                default=timezone.now,
                help_text="When anything about the story last changed (its feed entry shows this date).",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalstory",
            name="updated_at",
            field=models.DateTimeField(
                blank=True,
                editable=False,
                default=timezone.now,
                help_text="When anything about the story last changed (its feed entry shows this date).",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="story",
            name="flags",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.AddField(
            model_name="story",
            name="urgent",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(date_and_screen_existing_stories, migrations.RunPython.noop),
    ]
